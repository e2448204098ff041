import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { parseXml } from "./xml-tree";
import { XML_RULES, type Problem } from "./rules";
import { checkUnifiedManifest } from "./unified";

export type { Problem, RuleId } from "./rules";
export { checkUnifiedManifest } from "./unified";
export { checkManifestPair } from "./pair";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

export interface CheckPaths {
  assetsDir: string;
  commandsDir: string;
  officeDir: string;
}

export const DEFAULT_PATHS: CheckPaths = {
  assetsDir: join(REPO_ROOT, "assets"),
  commandsDir: join(REPO_ROOT, "src/commands"),
  officeDir: join(REPO_ROOT, "src/office"),
};

/** All offline rules on the XML text (everything but spawning office-addin-manifest). */
export function checkXmlText(xml: string, paths: CheckPaths = DEFAULT_PATHS): Problem[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const where = parsed.line ? ` (line ${parsed.line}, column ${parsed.column})` : "";
    return [{ rule: "xml", message: `not well-formed XML: ${parsed.message}${where}` }];
  }
  const context = { root: parsed.root, bytes: Buffer.byteLength(xml), ...paths };
  return XML_RULES.flatMap((rule) => rule(context));
}

function officeAddinManifestCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("office-addin-manifest/package.json")), "cli.js");
}

/** `office-addin-manifest info FILE`: Microsoft's own parser reading the manifest, offline. */
export function runOfficeAddinInfo(file: string): Promise<Problem[]> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [officeAddinManifestCli(), "info", file],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        const output = `${stdout}\n${stderr}`;
        // The CLI prints its errors but has exited 0 on some of them; require the parsed fields too.
        const parsed =
          ["Id", "Name", "Version"].every((field) =>
            new RegExp(`^\\s*${field}: \\S+`, "m").test(output),
          ) && /^\s*Type: MailApp\s*$/m.test(output);
        if (error || !parsed || /Error/i.test(stderr)) {
          done([
            {
              rule: "office-addin-manifest",
              message: `office-addin-manifest info failed: ${output.trim() || error?.message}`,
            },
          ]);
        } else {
          done([]);
        }
      },
    );
  });
}

/** Every XML rule, then office-addin-manifest info, for a manifest file on disk. */
export async function checkXmlFile(
  file: string,
  paths: CheckPaths = DEFAULT_PATHS,
): Promise<Problem[]> {
  const xml = readFileSync(file, "utf8");
  const problems = checkXmlText(xml, paths);
  if (statSync(file).size !== Buffer.byteLength(xml)) {
    problems.push({ rule: "size", message: "the file is not valid UTF-8" });
  }
  if (problems.some((p) => p.rule === "xml")) return problems;
  return [...problems, ...(await runOfficeAddinInfo(file))];
}

/** The unified manifest on disk; its icons are looked up beside it, else in assets/. */
export async function checkUnifiedFile(
  file: string,
  paths: CheckPaths & { iconsDir?: string } = DEFAULT_PATHS,
): Promise<Problem[]> {
  return checkUnifiedManifest(readFileSync(file, "utf8"), {
    iconsDir: paths.iconsDir ?? paths.assetsDir,
    assetsDir: paths.assetsDir,
    commandsDir: paths.commandsDir,
  });
}

export function formatProblems(file: string, problems: Problem[]): string {
  if (problems.length === 0) return `${file}: ok`;
  return [
    `${file}: ${problems.length} problem(s)`,
    ...problems.map((p) => `  [${p.rule}] ${p.message}`),
  ].join("\n");
}
