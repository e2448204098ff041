/**
 * `npm run bench`: every benchmark in turn, each in its own process so one's memory and JIT
 * state cannot colour the next one's figures. `npm run bench -- analyze ingest` runs a subset;
 * options after the names go to each benchmark run (`npm run bench -- sweep --mailboxes 2000`).
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

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith("--"));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = wanted.filter((name) => !(ALL as readonly string[]).includes(name));
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
    [runner, resolve(import.meta.dirname, `${name}.ts`), ...options],
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
