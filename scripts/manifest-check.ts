/**
 * Checks Vouch's manifests offline and exits non-zero with the list of problems.
 *
 *   node bin/run-ts.mjs scripts/manifest-check.ts                 # manifest.xml + the unified manifest
 *   node bin/run-ts.mjs scripts/manifest-check.ts FILE.xml        # one XML manifest
 *   node bin/run-ts.mjs scripts/manifest-check.ts --unified FILE.json
 *
 * Microsoft's validator (`npx office-addin-manifest validate manifest.xml`) needs the network and
 * uploads the manifest; run it too where you can. These checks are what can be known without it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  checkManifestPair,
  checkUnifiedFile,
  checkXmlFile,
  formatProblems,
  type Problem,
} from "./manifest-check/index";
import { parseManifestArgs, runManifestCommand } from "./manifest";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { unified: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const reports: { file: string; problems: Problem[] }[] = [];
  if (positionals.length > 0) {
    for (const file of positionals) {
      const path = resolve(file);
      reports.push({
        file,
        problems:
          values.unified || file.endsWith(".json")
            ? await checkUnifiedFile(path)
            : await checkXmlFile(path),
      });
    }
  } else {
    const xmlFile = resolve(import.meta.dirname, "../manifest.xml");
    reports.push({ file: "manifest.xml", problems: await checkXmlFile(xmlFile) });
    // The unified manifest is generated, so check a fresh rendering of the template.
    const dir = mkdtempSync(join(tmpdir(), "vouch-unified-"));
    try {
      const command = parseManifestArgs(["--unified", "--out", join(dir, "manifest.json")]);
      await runManifestCommand(command);
      reports.push({
        file: "manifest/manifest.json (rendered for localhost)",
        problems: await checkUnifiedFile(command.out),
      });
      reports.push({
        file: "manifest.xml beside manifest.json (ids, hide, version)",
        problems: checkManifestPair(
          readFileSync(xmlFile, "utf8"),
          readFileSync(command.out, "utf8"),
        ),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const { file, problems } of reports) console.log(formatProblems(file, problems));
  return reports.some((r) => r.problems.length > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
