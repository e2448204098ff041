import { build } from "vite";

/**
 * Browser tests run against the built pages, as users get them: build once per run. Vitest sets
 * NODE_ENV=test, which would bundle React's development build; users get the production one.
 */
export default async function buildWeb(): Promise<void> {
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
}
