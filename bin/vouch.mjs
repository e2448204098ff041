#!/usr/bin/env node
// The `vouch` command. It runs the project's TypeScript from a bundle built from the sources
// when they change (bin/service-bundle.mjs), so no build step stands between a fresh clone and
// the command line, and neither the service nor its worker threads load tsx.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serviceBundle } from "./service-bundle.mjs";

const bundle = await serviceBundle();
const { main } = await import(pathToFileURL(join(bundle, "main.js")).href);
process.exitCode = await main(process.argv.slice(2));
