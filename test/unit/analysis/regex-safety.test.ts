import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { backtrackingProblems } from "./regex-safety";

/**
 * Every regular expression in src/analysis must be free of the shapes that backtrack
 * catastrophically, so a hostile header cannot stall the pane or the service. The growth of
 * the real work with input size is measured by bench/analyze.ts.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const analysisDir = join(root, "src", "analysis");

interface FoundRegex {
  where: string;
  pattern: string | null;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function stringValue(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
    return node.text;
  }
  return null;
}

/** Regex literals and `RegExp(...)` / `new RegExp(...)` calls; a dynamic pattern is null. */
function regexesIn(path: string): FoundRegex[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: FoundRegex[] = [];
  const where = (node: ts.Node) =>
    `${relative(root, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(source);
      const close = literal.lastIndexOf("/");
      found.push({
        where: where(node),
        pattern: literal.slice(1, close),
        flags: literal.slice(close + 1),
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp"
    ) {
      const args = node.arguments ?? ts.factory.createNodeArray();
      found.push({
        where: where(node),
        pattern: stringValue(args[0]),
        flags: stringValue(args[1]) ?? "",
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no regular expression in src/analysis can backtrack catastrophically", () => {
  const found = sourceFiles(analysisDir).flatMap(regexesIn);

  it("finds the regular expressions it is meant to check", () => {
    expect(found.length).toBeGreaterThan(0);
  });

  it.each(found.map((regex) => [regex.where, regex] as const))("%s", (_where, regex) => {
    expect(regex.pattern, "a RegExp built at run time cannot be checked").not.toBeNull();
    expect(backtrackingProblems(regex.pattern as string, regex.flags)).toEqual([]);
  });
});

describe("the backtracking check itself", () => {
  it.each([
    ["(a+)+$"],
    ["(a*)*b"],
    ["(\\w+\\s?)*$"],
    ["^(\\d+)+x"],
    ["(a|ab)*c"],
    ["(\\d|\\w)+!"],
    ["(?:[a-z]+,?)+;"],
    ["(.*a){40}"],
    ["^(([a-z])+.)+[A-Z]([a-z])+$"],
    ["(x+x+)+y"],
    ["(a*ba*)+c"],
    ["(?:A|a)+", "i"],
    ['"(?:[^"\\\\]+|\\\\.)*"'],
  ])("rejects %j", (pattern, flags = "") => {
    expect(backtrackingProblems(pattern, flags)).not.toEqual([]);
  });

  it.each([
    ["^[a-z0-9]+(?:-[a-z0-9]+)*$"],
    ["^\\d+$"],
    ["[\\s,]+"],
    ["^(?:\\d{1,3}\\.){3}\\d{1,3}$"],
    ["(?:\\s*,\\s*[a-z]+)*"],
    ["(a+b)+"],
    ["(?:[a-z]|-)+"],
    ['"(?:[^"\\\\]|\\\\.)*"'],
    ["^=\\?[^?]+\\?[bq]\\?[^?]*\\?=$", "i"],
  ])("accepts %j", (pattern, flags = "") => {
    expect(backtrackingProblems(pattern, flags)).toEqual([]);
  });

  it("reports a pattern it cannot parse instead of passing it", () => {
    expect(backtrackingProblems("(unclosed")).toHaveLength(1);
  });
});
