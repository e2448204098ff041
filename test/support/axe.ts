import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";

const AXE = join(resolve(import.meta.dirname, "../.."), "node_modules/axe-core/axe.min.js");

/**
 * Serious and critical axe-core violations on the page as it is now. Evaluated, not added as a
 * <script>: the Office pages' Content-Security-Policy refuses inline script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (c: unknown) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    if ((result as { passes?: unknown[] }).passes?.length === 0)
      throw new Error("axe checked nothing");
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(", ")}`);
}
