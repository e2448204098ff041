import { build } from "vite";

/** Browser tests run against the built pages, as users get them: build once per run. */
export default async function buildWeb(): Promise<void> {
  await build({ logLevel: "warn" });
}
