import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ownCopy } from "../../../src/analysis/own-copy";

/**
 * The engine's memos (field names, organisational domains) outlive the analysis. What they keep
 * must not keep the header block it was read from: 30 blocks of 1 MB, each with a name and a
 * domain met for the first time, are let go, and the heap must not hold them.
 */
describe("memos that outlive an analysis", () => {
  it("keep no header block alive through a remembered field name or domain", () => {
    const output = execFileSync(
      process.execPath,
      ["--expose-gc", "bin/run-ts.mjs", "test/support/memo-retention-probe.ts"],
      { encoding: "utf8", timeout: 60_000 },
    );
    const { blocks, fieldNames, domains } = JSON.parse(output) as {
      blocks: number;
      fieldNames: number;
      domains: number;
    };
    expect(blocks).toBe(30);
    // Kept blocks would be 30 MB; what the memos hold themselves is a few KB.
    expect(fieldNames).toBeLessThan(5);
    expect(domains).toBeLessThan(5);
  });

  it("copies a string into one equal to it", () => {
    const text = `Authentication-Results: ${"x".repeat(100)}`;
    for (const cut of [text.slice(0, 22), text.slice(3, 40), "", "a"]) {
      expect(ownCopy(cut)).toBe(cut);
    }
  });
});
