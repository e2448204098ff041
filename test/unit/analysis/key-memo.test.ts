import { describe, expect, it } from "vitest";
import { KeyMemo, knownName } from "../../../src/analysis/field-names";

describe("KeyMemo", () => {
  it("computes a property once per numbered key, and every time for a key without a number", () => {
    const asked: string[] = [];
    const memo = new KeyMemo((key) => {
      asked.push(key);
      return key.length;
    });
    // A name the engine asks for is numbered from the start (a new name is numbered only while
    // the name memo has room, and other tests in the same process may have filled it).
    const known = knownName("Received")!;
    expect(known.keyId).toBeGreaterThanOrEqual(0);
    const field = { key: known.key, keyId: known.keyId };
    expect(memo.of(field)).toBe(8);
    expect(memo.of(field)).toBe(8);
    expect(memo.of({ key: "unnumbered", keyId: -1 })).toBe(10);
    expect(memo.of({ key: "unnumbered", keyId: -1 })).toBe(10);
    expect(asked).toEqual(["received", "unnumbered", "unnumbered"]);
  });

  it("remembers null and false as answers", () => {
    let calls = 0;
    const memo = new KeyMemo(() => {
      calls++;
      return null;
    });
    const known = knownName("Subject")!;
    expect(memo.of(known)).toBeNull();
    expect(memo.of(known)).toBeNull();
    expect(calls).toBe(1);
  });
});
