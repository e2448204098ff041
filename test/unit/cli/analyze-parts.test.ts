import { describe, expect, it } from "vitest";
import { headerPart, isBinary, parseAnalyzeArgs, useColor } from "../../../cli/analyze";
import { formatDelay, printable } from "../../../cli/analyze-report";

describe("vouch analyze, its parts in process", () => {
  it("parses options, repeatable --trust-authserv, '-' and '--'", () => {
    expect(
      parseAnalyzeArgs([
        "--json",
        "--trust-authserv",
        "a.example",
        "--trust-authserv=b.example",
        "-",
        "--",
        "--odd-name",
      ]),
    ).toEqual({
      json: true,
      help: false,
      trustedAuthservIds: ["a.example", "b.example"],
      inputs: ["-", "--odd-name"],
    });
    expect(parseAnalyzeArgs([])).toMatchObject({ inputs: ["-"] });
    expect(parseAnalyzeArgs(["--trust-authserv="])).toHaveProperty("error");
    expect(parseAnalyzeArgs(["-x"])).toEqual({ error: 'unknown option "-x"' });
  });

  it("uses colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it", () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(true, { NO_COLOR: "" })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: "0" })).toBe(false);
    expect(useColor(false, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(false);
  });

  it("cuts a whole .eml at the first empty line, whatever the line endings", () => {
    expect(headerPart("A: 1\r\nB: 2\r\n\r\nbody")).toBe("A: 1\r\nB: 2\r\n");
    expect(headerPart("A: 1\nB: 2\n\nbody\n\nmore")).toBe("A: 1\nB: 2\n");
    expect(headerPart("A: 1\rB: 2\r\rbody")).toBe("A: 1\rB: 2\r");
    expect(headerPart("A: 1\r\n folded\r\n")).toBe("A: 1\r\n folded\r\n");
    expect(headerPart("\r\nbody only")).toBe("");
  });

  it("writes delays for a person, negative ones included", () => {
    expect(formatDelay(2)).toBe("+2 s");
    expect(formatDelay(0.516)).toBe("+0.516 s");
    expect(formatDelay(-5)).toBe("-5 s");
    expect(formatDelay(125)).toBe("+2 min 5 s");
    expect(formatDelay(7322)).toBe("+2 h 2 min");
  });

  it("spells out control characters and bidi overrides, and leaves other text alone", () => {
    expect(printable("plain café ✓")).toBe("plain café ✓");
    expect(printable("a\x1b[2Jb\u202ec\r\n")).toBe("a\\x1b[2Jb\\u202ec\\x0d\\x0a");
  });

  it("calls input binary only when it is not a header block at all", () => {
    const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
    expect(isBinary(bytes("Subject: report\u0000\r\nFrom: a@example.net\r\n"))).toBe(false);
    expect(isBinary(bytes("From alice@example.net Mon Nov 18 2024\nSubject: a\u0000b\n"))).toBe(
      false,
    );
    expect(isBinary(bytes("\x89PNG\r\n\x1a\n\u0000\u0000\u0000\rIHDR"))).toBe(true);
    // UTF-16: a NUL beside every character, though it starts like a field name.
    expect(isBinary(new Uint8Array(Buffer.from("Subject: hello\r\n", "utf16le")))).toBe(true);
    expect(isBinary(bytes("Subject: no NUL at all\r\n"))).toBe(false);
  });
});
