#!/usr/bin/env node
// The `vouch` command. The project runs its TypeScript through tsx, so no build step stands
// between a fresh clone and the command line.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
