import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { analyzeHeaders } from "../../../src/analysis";
import { AnalysisThreadError, analysisPool, type Analyzer } from "../../../server/analysis/pool";
import { reportFactsOf } from "../../../server/storage/facts";

const SAMPLES = join(import.meta.dirname, "../../../samples");
const samples = readdirSync(SAMPLES)
  .filter((name) => name.endsWith(".eml"))
  .map((name) => readFileSync(join(SAMPLES, name), "utf8"));
const FAILING = new URL("../../support/failing-analysis-worker.ts", import.meta.url);

// Each test starts worker threads that load the TypeScript engine afresh: a second when the
// machine is quiet, several when the whole suite shares its two cores.
vi.setConfig({ testTimeout: 30_000 });

let pool: Analyzer | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

it("answers exactly the facts of the engine's analysis on the calling thread", async () => {
  pool = analysisPool(2);
  const options = { trustedAuthservIds: ["mx.microsoft.com"] };
  const analyses = await Promise.all(samples.map((text) => pool!.reportFacts(text, options)));
  expect(samples.length).toBeGreaterThan(5);
  analyses.forEach((analysis, index) => {
    expect(analysis).toEqual(reportFactsOf(analyzeHeaders(samples[index] ?? "", options)));
  });
});

it("rejects the analyses of a thread that dies, and replaces the thread", async () => {
  const errors: string[] = [];
  pool = analysisPool(1, { workerModule: FAILING, onError: (message) => errors.push(message) });
  const sample = samples[0] ?? "";
  await expect(pool.reportFacts(sample, {})).resolves.toMatchObject({ summary: {} });

  const dying = pool.reportFacts("X-End-Thread: yes\r\n\r\n", {});
  await expect(dying).rejects.toBeInstanceOf(AnalysisThreadError);
  await expect(dying).rejects.toThrow(/ended/);

  await expect(pool.reportFacts(sample, {})).resolves.toEqual(
    reportFactsOf(analyzeHeaders(sample, {})),
  );
});

it("turns a thread's error answer into a rejection and goes on", async () => {
  pool = analysisPool(1, { workerModule: FAILING });
  await expect(pool.reportFacts("X-Fail: yes\r\n\r\n", {})).rejects.toThrow(/told to fail/);
  await expect(pool.reportFacts(samples[1] ?? "", {})).resolves.toBeTruthy();
});

it("refuses work once closed, and rejects what was still waiting", async () => {
  pool = analysisPool(1);
  const waiting = expect(pool.reportFacts(samples[0] ?? "", {})).rejects.toBeInstanceOf(
    AnalysisThreadError,
  );
  await pool.close();
  await waiting;
  await expect(pool.reportFacts(samples[0] ?? "", {})).rejects.toThrow(/closed/);
});

it("needs at least one thread", () => {
  expect(() => analysisPool(0)).toThrow(RangeError);
});
