/**
 * Run in a fresh process (node --expose-gc bin/run-ts.mjs ...): reads header blocks of 1 MB,
 * each with a field name and a From domain never seen before, lets the blocks go, and prints how
 * much of the heap is still in use, in MB, as JSON. A memo that kept a view into each block
 * would keep every block.
 */
import { organizationalDomain } from "../../src/analysis/alignment";
import { parseHeaderBlock } from "../../src/analysis/header-block";

const BLOCKS = 30;
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error("run with --expose-gc");

function heapMb(): number {
  collect?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function growth(read: (i: number, padding: string) => void): number {
  const before = heapMb();
  for (let i = 0; i < BLOCKS; i++) read(i, "x".repeat(1024 * 1024 + i));
  return heapMb() - before;
}

const fieldNames = growth((i, padding) => {
  const block = parseHeaderBlock(`X-Retention-Probe-Field-${i}: ${padding}\r\n\r\n`);
  if (block.fields.length !== 1) throw new Error("the probe's block was not read");
});
const domains = growth((i, padding) => {
  const text = `mail.retention-probe-${i}.example.com ${padding}`;
  organizationalDomain(text.slice(0, text.indexOf(" ")));
});
console.log(JSON.stringify({ blocks: BLOCKS, fieldNames, domains }));
