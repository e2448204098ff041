/**
 * `npm run bench`: every benchmark in turn, each in its own process so one's memory and JIT
 * state cannot colour the next one's figures. `npm run bench -- analyze ingest` runs a subset.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ALL = [
  "analyze",
  "ingest",
  "taskpane",
  "coldopen",
  "proposals",
  "identity",
  "slowloris",
  "sweep",
  "reputation",
] as const;

// Flags (`--no-build`, `--runs 3`) go to each benchmark; names pick the benchmarks.
const args = process.argv.slice(2);
const isName = (arg: string) => (ALL as readonly string[]).includes(arg);
const flags = args.filter(
  (arg, i) => arg.startsWith("--") || (args[i - 1]?.startsWith("--") && !isName(arg)),
);
const wanted = args.filter((arg) => !flags.includes(arg));
const unknown = wanted.filter((name) => !isName(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")} (have: ${ALL.join(", ")})`);
  process.exit(2);
}

const runner = resolve(import.meta.dirname, "../bin/run-ts.mjs");
let failed = 0;
for (const name of wanted.length > 0 ? wanted : ALL) {
  console.log(`\n=== bench/${name}.ts ===`);
  const result = spawnSync(
    process.execPath,
    [runner, resolve(import.meta.dirname, `${name}.ts`), ...flags],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) {
    failed++;
    console.error(`bench/${name}.ts exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
