import { RULES_VERSION } from "../proposals/rules";
import { prepare } from "./prepare";
import type { ExportProposal } from "./types";

export const PROPOSALS_JSON_SCHEMA = "vouch.proposals/1";

export function proposalsJson(proposals: readonly ExportProposal[], generatedAt: Date): string {
  return `${JSON.stringify(
    {
      schema: PROPOSALS_JSON_SCHEMA,
      rulesVersion: RULES_VERSION,
      generatedAt: generatedAt.toISOString(),
      proposals: proposals.map((proposal) => prepare(proposal).proposal),
    },
    null,
    2,
  )}\n`;
}
