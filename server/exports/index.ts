import type { TablPlan } from "../proposals/settings";
import { proposalsCsv } from "./csv";
import { mimecastExport } from "./gateway-mimecast";
import { proofpointExport } from "./gateway-proofpoint";
import { proposalsJson } from "./json";
import { allowScript, powershellFor } from "./powershell";
import { transportRuleScript } from "./transport-rule";
import type { ExportProposal } from "./types";

export type ExportFormat =
  "powershell" | "transport-rule" | "csv" | "json" | "mimecast" | "proofpoint";
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  "powershell",
  "transport-rule",
  "csv",
  "json",
  "mimecast",
  "proofpoint",
];

export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
}

const EXTENSIONS: Record<ExportFormat, { ext: string; type: string }> = {
  powershell: { ext: "ps1", type: "text/plain; charset=utf-8" },
  "transport-rule": { ext: "ps1", type: "text/plain; charset=utf-8" },
  csv: { ext: "csv", type: "text/csv; charset=utf-8" },
  json: { ext: "json", type: "application/json; charset=utf-8" },
  mimecast: { ext: "json", type: "application/json; charset=utf-8" },
  proofpoint: { ext: "txt", type: "text/plain; charset=utf-8" },
};

/** Formats whose file name says which gateway they are for. */
const SUFFIXES: Partial<Record<ExportFormat, string>> = {
  "transport-rule": "-transport-rule",
  mimecast: "-mimecast",
  proofpoint: "-proofpoint",
};

export interface ExportOptions {
  plan: TablPlan;
  generatedAt: Date;
  existingAllowEntries?: number;
  existingSpoofEntries?: number;
}

/** One proposal (`single`) or a set of them, in the asked format; throws ExportError. */
export function exportProposals(
  format: ExportFormat,
  proposals: readonly ExportProposal[],
  options: ExportOptions & { single: boolean; baseName: string },
): ExportFile {
  const { ext, type } = EXTENSIONS[format];
  const fileName = `${options.baseName.replace(/[^A-Za-z0-9._-]+/g, "-")}${SUFFIXES[format] ?? ""}.${ext}`;
  const body = (() => {
    switch (format) {
      case "powershell":
        return options.single && proposals[0]
          ? powershellFor(proposals[0], options)
          : allowScript(proposals, options);
      case "transport-rule":
        return transportRuleScript(proposals, options, options.single);
      case "csv":
        return proposalsCsv(proposals);
      case "json":
        return proposalsJson(proposals, options.generatedAt);
      case "mimecast":
        return mimecastExport(proposals, options.generatedAt, options.single);
      case "proofpoint":
        return proofpointExport(proposals, options.generatedAt, options.single);
    }
  })();
  return { body, contentType: type, fileName };
}

export { ExportError, type ExportProposal } from "./types";
