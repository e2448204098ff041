import type { ThemeKind } from "../office/host";
import type { HeadersQuirk } from "../office/standin-host";

export const DEV_TENANT = "harness";
export const DEV_USERS = ["alice", "bob", "carol", "signed-out"] as const;
export type DevUser = (typeof DEV_USERS)[number];
export const THEMES: readonly ThemeKind[] = ["light", "dark", "high-contrast"];
export const LANGUAGES = [
  { tag: "en-US", label: "English" },
  { tag: "de-DE", label: "Deutsch" },
] as const;
export const QUIRKS: readonly HeadersQuirk[] = [
  "none",
  "empty",
  "subject-only",
  "unsupported",
  "error",
];
export const WIDTHS = ["320", "360", "480", "full"] as const;

/** What the harness shows; also read from and written to the URL, so a link reproduces a state. */
export interface HarnessSettings {
  sample: string | null;
  theme: ThemeKind;
  lang: string;
  user: DevUser;
  quirk: HeadersQuirk;
  width: (typeof WIDTHS)[number];
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function settingsFromUrl(search: string): HarnessSettings {
  const params = new URLSearchParams(search);
  return {
    sample: params.get("sample"),
    theme: pick(params.get("theme"), THEMES, "light"),
    lang: pick(
      params.get("lang"),
      LANGUAGES.map((language) => language.tag),
      "en-US",
    ),
    user: pick(params.get("user"), DEV_USERS, "alice"),
    quirk: pick(params.get("quirk"), QUIRKS, "none"),
    width: pick(params.get("width"), WIDTHS, "360"),
  };
}

export function settingsToUrl(settings: HarnessSettings): string {
  const params = new URLSearchParams();
  if (settings.sample) params.set("sample", settings.sample);
  params.set("theme", settings.theme);
  params.set("lang", settings.lang);
  params.set("user", settings.user);
  if (settings.quirk !== "none") params.set("quirk", settings.quirk);
  params.set("width", settings.width);
  return `?${params}`;
}
