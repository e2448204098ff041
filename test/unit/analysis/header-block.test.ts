import { expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis";
import { MAX_FIELDS, parseHeaderBlock } from "../../../src/analysis/header-block";

function manyFields(count: number): string {
  const lines = ["From: Bob <bob@contoso.com>\r\n"];
  for (let i = 1; i < count; i++) lines.push(`X-F${i.toString(36)}: ${i}\r\n`);
  return lines.join("");
}

it("reads up to MAX_FIELDS fields and says that the rest was not read", () => {
  const block = parseHeaderBlock(manyFields(MAX_FIELDS + 50));
  expect(block.fields).toHaveLength(MAX_FIELDS);
  expect(block.first("x-f1")?.value).toBe("1");
  expect(block.problems).toEqual([
    `The headers have more than 10,000 fields; those after line ${MAX_FIELDS} were not read.`,
  ]);

  const analysis = analyzeHeaders(manyFields(MAX_FIELDS + 50));
  expect(analysis.message.from?.address).toBe("bob@contoso.com");
  expect(analysis.verdict.findings.map((finding) => finding.id)).toContain("unreadable-headers");
});

it("reads a block of exactly MAX_FIELDS fields whole", () => {
  const block = parseHeaderBlock(manyFields(MAX_FIELDS));
  expect(block.fields).toHaveLength(MAX_FIELDS);
  expect(block.problems).toEqual([]);
});

it("finds fields by name in any case, topmost first, as often as asked", () => {
  const block = parseHeaderBlock(
    "Received: a\r\nFrom: x@y.example\r\nreceived: b\r\nRECEIVED: c\r\n",
  );
  expect(block.all("Received").map((field) => field.value)).toEqual(["a", "b", "c"]);
  expect(block.all("received").map((field) => field.position)).toEqual([0, 2, 3]);
  expect(block.first("from")?.value).toBe("x@y.example");
  expect(block.all("Subject")).toEqual([]);
  // all() hands out a copy: changing it changes nothing of the block.
  block.all("received").pop();
  expect(block.all("received")).toHaveLength(3);
});

/** What `all(name)` promises: every field whose name matches in any case, topmost first. */
function fieldsNamed(block: ReturnType<typeof parseHeaderBlock>, name: string) {
  return block.fields.filter((field) => field.key === name.toLowerCase());
}

it("finds fields by name in any case, however many names the blocks before it carried", () => {
  // More distinct names than the name memo keeps, then the same names in other cases: the
  // later ones have no number of their own and must still be found.
  const names = Array.from({ length: 1_500 }, (_, i) => `X-Index-${i}`);
  const lines = [
    ...names.map((name, i) => `${name}: ${i}`),
    ...names.map((name, i) => `${name.toUpperCase()}: again ${i}`),
    "Received: one",
    "RECEIVED: two",
    "received: three",
  ];
  const block = parseHeaderBlock(`${lines.join("\r\n")}\r\n\r\n`);
  expect(block.fields).toHaveLength(lines.length);
  for (const name of [...names, "Received", "RECEIVED", "x-index-1499", "X-INDEX-0", "Absent"]) {
    expect(block.all(name)).toEqual(fieldsNamed(block, name));
    expect(block.first(name)).toBe(fieldsNamed(block, name)[0]);
  }
  expect(block.all("received").map((field) => field.value)).toEqual(["one", "two", "three"]);
  // A name asked for that is no field name can still lower-case to one (KELVIN SIGN to "k").
  const kelvin = parseHeaderBlock("Key: value\r\n\r\n");
  expect(kelvin.first("\u212Aey")?.value).toBe("value");
  expect(kelvin.all("no such name")).toEqual([]);
});
