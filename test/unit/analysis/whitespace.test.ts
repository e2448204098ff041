import { describe, expect, it } from "vitest";
import { isWhitespace, skipWhitespace, trimmedEnd } from "../../../src/analysis/whitespace";

describe("whitespace", () => {
  it("is what \\s matches and String#trim removes, for every UTF-16 code unit", () => {
    // One assertion over the list of disagreements: 131,072 expect() calls take seconds.
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const regex = /\s/.test(char);
      const trim = char.trim().length === 0;
      if (isWhitespace(code) !== regex || isWhitespace(code) !== trim) {
        disagreements.push(`U+${code.toString(16)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("trims by index as String#trim does", () => {
    const text = "\u00a0\t a b \u3000\r\n";
    const start = skipWhitespace(text, 0, text.length);
    expect(text.slice(start, trimmedEnd(text, start, text.length))).toBe(text.trim());
    expect(skipWhitespace("   ", 0, 3)).toBe(3);
    expect(trimmedEnd("   ", 3, 3)).toBe(3);
  });
});
