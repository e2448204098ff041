import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ForwardSearch } from "../../../src/analysis/forward-search";

describe("ForwardSearch", () => {
  it("answers as indexOf (the text's length for none), whatever order it is asked in", () => {
    const characters = ["(", ")", ";"];
    const text = fc.array(fc.constantFrom("(", ")", ";", "a", " "), { maxLength: 40 });
    const question = fc.tuple(fc.nat(characters.length - 1), fc.nat(45));
    fc.assert(
      fc.property(text, fc.array(question, { maxLength: 30 }), (pieces, questions) => {
        const search = new ForwardSearch(characters);
        const joined = pieces.join("");
        search.reset(joined);
        for (const [which, from] of questions) {
          const index = joined.indexOf(characters[which] as string, from);
          expect(search.indexOf(which, from)).toBe(index < 0 ? joined.length : index);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("forgets its answers when it starts over on another text", () => {
    const search = new ForwardSearch([";"]);
    search.reset("a;b");
    expect(search.indexOf(0, 0)).toBe(1);
    search.reset("ab;");
    expect(search.indexOf(0, 0)).toBe(2);
    expect(search.text).toBe("ab;");
  });
});
