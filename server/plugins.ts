import type { FeaturePlugin } from "./feature-context";
import { manifestPlugin } from "./manifest/plugin";
import { proposalsPlugin } from "./proposals/routes";
import { reputationPlugin } from "./reputation/routes";
import { sweepPlugin } from "./sweep/routes";
import { watchPlugin } from "./watch/routes";

/**
 * Feature plugins, registered by buildApp (server/app.ts) in this order after authentication,
 * error handling and the core API are set up. Each is `async (app, context) => { ... }`; see
 * FeatureContext (server/feature-context.ts) for what `context` holds. Keep this a plain list:
 * append your plugin's import and entry.
 */
export const featurePlugins: FeaturePlugin[] = [
  proposalsPlugin,
  manifestPlugin,
  sweepPlugin,
  reputationPlugin,
  watchPlugin,
];
