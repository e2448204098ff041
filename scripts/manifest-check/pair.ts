import { toSemver } from "../../server/manifest/render";
import type { Problem } from "./rules";
import { hiddenAddinIds } from "./unified";

/**
 * When both manifests are kept, Microsoft asks for two ids and for the unified manifest to hide
 * the XML add-in by its id (extensions[].alternates[].hide.customOfficeAddin, see
 * docs/concepts/duplicate-legacy-metaos-add-ins.md in office-js-docs-pr); and both must describe
 * the same release, so the unified version is the XML one mapped by toSemver.
 */
export function checkManifestPair(xml: string, unifiedJson: string): Problem[] {
  const problem = (message: string): Problem => ({ rule: "unified", message });
  const xmlId = /<Id>\s*([^<\s]+)\s*<\/Id>/.exec(xml)?.[1]?.toLowerCase();
  const xmlVersion = /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(xml)?.[1];
  let unified: Record<string, unknown>;
  try {
    unified = JSON.parse(unifiedJson) as Record<string, unknown>;
  } catch {
    return [problem("manifest.json is not JSON")];
  }
  if (!xmlId || !xmlVersion) return [problem("the XML manifest has no <Id> or <Version>")];
  const problems: Problem[] = [];
  const unifiedId = String(unified.id ?? "").toLowerCase();
  if (unifiedId === xmlId) {
    problems.push(problem(`both manifests use the id ${xmlId}; the unified one needs its own`));
  }
  if (!hiddenAddinIds(unified).includes(xmlId)) {
    problems.push(problem(`the unified manifest does not hide the XML add-in ${xmlId}`));
  }
  let expected: string | null = null;
  try {
    expected = toSemver(xmlVersion);
  } catch (error) {
    problems.push(problem((error as Error).message));
  }
  if (expected !== null && unified.version !== expected) {
    problems.push(
      problem(
        `version ${String(unified.version)} is not the XML version ${xmlVersion} (expected ${expected})`,
      ),
    );
  }
  return problems;
}
