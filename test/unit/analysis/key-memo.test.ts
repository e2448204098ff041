import { describe, expect, it } from "vitest";
import { KeyMemo, knownName } from "../../../src/analysis/field-names";

describe("KeyMemo", () => {
  it("computes a property once per numbered key, and every time for a key without a number", () => {
    const asked: string[] = [];
    const memo = new KeyMemo((key) => {
      asked.push(key);
      return key.length;
    });
    const known = knownName("X-Key-Memo-Test");
    expect(known).not.toBeNull();
    const field = { key: known!.key, keyId: known!.keyId };
    expect(memo.of(field)).toBe(15);
    expect(memo.of(field)).toBe(15);
    expect(memo.of({ key: "unnumbered", keyId: -1 })).toBe(10);
    expect(memo.of({ key: "unnumbered", keyId: -1 })).toBe(10);
    expect(asked).toEqual(["x-key-memo-test", "unnumbered", "unnumbered"]);
  });

  it("remembers null and false as answers", () => {
    let calls = 0;
    const memo = new KeyMemo(() => {
      calls++;
      return null;
    });
    const known = knownName("X-Key-Memo-Null")!;
    expect(memo.of(known)).toBeNull();
    expect(memo.of(known)).toBeNull();
    expect(calls).toBe(1);
  });
});
