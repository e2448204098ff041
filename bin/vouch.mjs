#!/usr/bin/env node
// The `vouch` command. It runs the project's TypeScript from a bundle built from the sources
// when they change (bin/service-bundle.mjs), so no build step stands between a fresh clone and
// the command line, and neither the service nor its worker threads load tsx.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { serviceBundle } from "./service-bundle.mjs";

// After each full collection V8 lets a heap grow to up to four times what survived before it
// collects again, so the service's heaps (its event loop's and each thread's) swung between their
// live size and several times that through a Junk sweep round. 1.5 times keeps them near their
// live size for a little more collector time (docs/sweep.md, "Memory"). The flag is process-wide
// and read at every full collection, so it holds for the threads started later too.
setFlagsFromString("--heap-growing-percent=50");
const bundle = await serviceBundle();
const { main } = await import(pathToFileURL(join(bundle, "main.js")).href);
process.exitCode = await main(process.argv.slice(2));
