import type { ExportProposal } from "../../server/exports/types";
import type { ProposalEntry } from "../../server/proposals/rules";

export const GENERATED = new Date("2026-11-27T12:00:00Z");
export const opts = { plan: "eop" as const, generatedAt: GENERATED };

export function proposal(overrides: Partial<ExportProposal> = {}): ExportProposal {
  const entry: ProposalEntry = { type: "sender", kind: "domain", value: "azure.example" };
  return {
    id: "p1",
    status: "approved",
    senderKey: "azure.example",
    entry,
    strength: 72,
    reason:
      "12 people in 9 mailboxes vouched; DMARC passed in 14 of 14: allow domain azure.example.",
    rulesVersion: "vouch.rules/1.0.0",
    evidence: {
      reporters: 12,
      mailboxes: 9,
      reports: 14,
      notSpam: 10,
      trustedSender: 4,
      dmarcPass: 14,
      dkimAlignedPass: 14,
      spfAlignedPass: 12,
      firstSeen: "2026-10-30T08:00:00.000Z",
      lastSeen: "2026-11-26T08:00:00.000Z",
    },
    refusals: [],
    warnings: [],
    decision: { by: "admin@contoso", at: "2026-11-27T10:00:00.000Z", note: "Azure notices" },
    expiresAt: "2027-01-10T08:00:00.000Z",
    ...overrides,
  };
}

export function spoofPair(
  spoofedUser: string,
  infrastructure: Extract<ProposalEntry, { type: "spoof" }>["sendingInfrastructure"],
  overrides: Partial<ExportProposal> = {},
): ExportProposal {
  return proposal({
    id: "s1",
    senderKey: `unverified:${spoofedUser.split("@").pop()}`,
    entry: { type: "spoof", spoofedUser, sendingInfrastructure: infrastructure },
    ...overrides,
  });
}

const QUOTE = /['\u2018\u2019\u201A\u201B]/;

/**
 * PowerShell's own rules for a single-quoted string: it ends at the first single quote
 * (ASCII or U+2018-U+201B) that is not doubled; nothing inside is expanded. Returns the
 * literals of the line in order and the line with each literal replaced by '', or throws on an
 * unterminated string.
 */
export function splitLiterals(line: string): { literals: string[]; skeleton: string } {
  const literals: string[] = [];
  let skeleton = "";
  let index = 0;
  while (index < line.length) {
    if (!QUOTE.test(line[index]!)) {
      skeleton += line[index];
      index += 1;
      continue;
    }
    let value = "";
    index += 1;
    for (;;) {
      if (index >= line.length) throw new Error(`unterminated string in: ${line}`);
      const char = line[index]!;
      if (QUOTE.test(char)) {
        if (QUOTE.test(line[index + 1] ?? "")) {
          value += char;
          index += 2;
          continue;
        }
        index += 1;
        break;
      }
      value += char;
      index += 1;
    }
    literals.push(value);
    skeleton += "''";
  }
  return { literals, skeleton };
}

export function singleQuotedArguments(line: string): string[] {
  return splitLiterals(line).literals;
}

/** Lines that are code: neither empty nor a comment. */
export function commandLines(script: string): string[] {
  return script.split("\r\n").filter((line) => line && !line.trimStart().startsWith("#"));
}

/**
 * What the script does, without what it acts on: comments become "#", every single-quoted
 * literal becomes ''. Two scripts with the same skeleton run the same commands.
 */
export function skeleton(script: string): string[] {
  return script
    .split("\r\n")
    .map((line) => (line.trimStart().startsWith("#") ? "#" : splitLiterals(line).skeleton));
}

/** The lines calling one of the generated script's own functions. */
export function calls(script: string, name: string): string[] {
  return commandLines(script).filter((line) => line.startsWith(`${name} `));
}

/** A strict RFC 4180 reader, to check what the writer produced. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else if (c === '"' || c === "\n" || c === "\r") throw new Error(`bare ${c} at ${i}`);
    else cell += c;
  }
  if (cell || row.length) throw new Error("no CRLF at the end");
  return rows;
}
