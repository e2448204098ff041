import { describe, expect, it } from "vitest";
import { isWhitespace, skipWhitespace, trimmedEnd } from "../../../src/analysis/whitespace";

describe("whitespace", () => {
  it("is what \\s matches and String#trim removes, for every UTF-16 code unit", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      expect(isWhitespace(code), `U+${code.toString(16)}`).toBe(/\s/.test(char));
      expect(isWhitespace(code)).toBe(`x${char}x`.slice(1, 2).trim().length === 0);
    }
  });

  it("trims by index as String#trim does", () => {
    const text = "\u00a0\t a b \u3000\r\n";
    const start = skipWhitespace(text, 0, text.length);
    expect(text.slice(start, trimmedEnd(text, start, text.length))).toBe(text.trim());
    expect(skipWhitespace("   ", 0, 3)).toBe(3);
    expect(trimmedEnd("   ", 3, 3)).toBe(3);
  });
});
