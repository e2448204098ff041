import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { proposalsCsv, csvCell, CSV_COLUMNS } from "../../server/exports/csv";
import { proposalsJson } from "../../server/exports/json";
import {
  allowScript,
  ENTRIES_PER_COMMAND,
  powershellFor,
  removalScript,
} from "../../server/exports/powershell";
import { psQuote, tablEncodeEntry } from "../../server/exports/powershell-quote";
import { transportRuleScript } from "../../server/exports/transport-rule";
import { ExportError, type ExportProposal } from "../../server/exports/types";
import type { ProposalEntry } from "../../server/proposals/rules";

const GENERATED = new Date("2026-11-27T12:00:00Z");
const opts = { plan: "eop" as const, generatedAt: GENERATED };

function proposal(overrides: Partial<ExportProposal> = {}): ExportProposal {
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

/**
 * PowerShell's own rules for a single-quoted string: it ends at the first single quote
 * (ASCII or U+2018-U+201B) that is not doubled; nothing inside is expanded. Returns the
 * arguments of the command line in order, or throws on an unterminated string.
 */
function singleQuotedArguments(line: string): string[] {
  const quote = /['\u2018\u2019\u201A\u201B]/;
  const values: string[] = [];
  let index = 0;
  while (index < line.length) {
    if (!quote.test(line[index]!)) {
      index += 1;
      continue;
    }
    let value = "";
    index += 1;
    for (;;) {
      if (index >= line.length) throw new Error(`unterminated string in: ${line}`);
      const char = line[index]!;
      if (quote.test(char)) {
        if (quote.test(line[index + 1] ?? "")) {
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
    values.push(value);
  }
  return values;
}

function commandLines(script: string): string[] {
  return script.split("\r\n").filter((line) => line && !line.startsWith("#"));
}

describe("PowerShell quoting", () => {
  it("doubles single quotes, including the typographic ones PowerShell also honours", () => {
    expect(psQuote("O'Brien")).toBe("'O''Brien'");
    expect(psQuote("O\u2019Brien")).toBe("'O\u2019\u2019Brien'");
  });
  it("keeps $() and backticks literal by staying single-quoted", () => {
    expect(psQuote("$(Remove-Item C:\\ -Recurse) `n")).toBe("'$(Remove-Item C:\\ -Recurse) `n'");
  });
  it("round-trips any one-line text through PowerShell's single-quote rules (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const quoted = psQuote(text);
        const parsed = singleQuotedArguments(`Cmd -X ${quoted}`);
        return parsed.length === 1 && !/[\r\n\u2028\u2029\u0085]/.test(parsed[0]!);
      }),
    );
  });
  it("URL-encodes the special characters of an address for the allow list", () => {
    expect(tablEncodeEntry('"john smith"+tag@example.com')).toBe(
      "%22john%20smith%22%2Btag@example.com",
    );
    expect(tablEncodeEntry("100%@example.com")).toBe("100%25@example.com");
    expect(tablEncodeEntry("plain@example.com")).toBe("plain@example.com");
  });
});

describe("allow script", () => {
  it("connects first, then adds the sender with RemoveAfter 45, with the evidence as comments", () => {
    const script = allowScript([proposal()], opts);
    const lines = commandLines(script);
    expect(lines).toEqual([
      "Set-StrictMode -Version Latest",
      "$ErrorActionPreference = 'Stop'",
      "Connect-ExchangeOnline",
      "New-TenantAllowBlockListItems -ListType Sender -Allow -Entries 'azure.example' -RemoveAfter 45 -Notes 'Vouch p1: 12 people vouched; Azure notices'",
    ]);
    expect(script).toContain(
      "# Evidence: 12 people in 9 mailboxes, 14 reports (10 not spam, 4 trusted sender), 2026-10-30 to 2026-11-26.",
    );
    expect(script).toContain("# Decision: approved by admin@contoso on 2026-11-27: Azure notices");
    expect(script).toContain(
      "# Remove-TenantAllowBlockListItems -ListType Sender -Entries 'azure.example'",
    );
    expect(script.endsWith("\r\n")).toBe(true);
  });

  it("writes a spoofed-sender pair with -Identity Default and SpoofType External", () => {
    const spoof = proposal({
      id: "p2",
      senderKey: "unverified:billing.vendor.example",
      entry: {
        type: "spoof",
        spoofedUser: "billing.vendor.example",
        sendingInfrastructure: { kind: "ip24", value: "203.0.113.0/24" },
      },
    });
    const lines = commandLines(allowScript([spoof], opts));
    expect(lines).toContain(
      "New-TenantAllowBlockListSpoofItems -Identity Default -Action Allow -SpoofedUser 'billing.vendor.example' -SendingInfrastructure '203.0.113.0/24' -SpoofType External",
    );
  });

  it("keeps a hostile note and sender inert: no line break, quotes doubled, $() literal", () => {
    const hostile = "x'; Remove-Mailbox -Identity * #\r\nGet-Secret `$(whoami)\u2028Evil";
    const script = allowScript(
      [
        proposal({
          senderKey: `o'brien+${hostile}@gmail.com`,
          entry: { type: "sender", kind: "address", value: "o'brien+news@gmail.com" },
          reason: hostile,
          decision: { by: hostile, at: "2026-11-27T10:00:00.000Z", note: hostile },
        }),
      ],
      opts,
    );
    const lines = commandLines(script);
    // Only the four expected commands: nothing the hostile text wrote became a command.
    expect(lines).toHaveLength(4);
    const add = lines[3]!;
    expect(add.startsWith("New-TenantAllowBlockListItems -ListType Sender -Allow -Entries ")).toBe(
      true,
    );
    const args = singleQuotedArguments(add);
    expect(args[0]).toBe("o'brien%2Bnews@gmail.com");
    expect(args[1]).toBe(
      "Vouch p1: 12 people vouched; x'; Remove-Mailbox -Identity * # Get-Secret `$(whoami) Evil",
    );
    for (const line of script.split("\r\n")) {
      expect(line === "" || line.startsWith("#") || lines.includes(line)).toBe(true);
    }
  });

  it("splits entries into commands of 20", () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      proposal({ id: `p${i}`, entry: { type: "sender", kind: "domain", value: `d${i}.example` } }),
    );
    const adds = commandLines(allowScript(many, opts)).filter((line) =>
      line.startsWith("New-TenantAllowBlockListItems"),
    );
    expect(adds.map((line) => singleQuotedArguments(line).length - 1)).toEqual([
      ENTRIES_PER_COMMAND,
      ENTRIES_PER_COMMAND,
      5,
    ]);
    expect(adds[0]).toContain("-Notes 'Vouch: 20 approved proposals (p0, p1,");
  });

  it("refuses over the plan's allow limit with a message that names it", () => {
    const many = Array.from({ length: 501 }, (_, i) =>
      proposal({ id: `p${i}`, entry: { type: "sender", kind: "domain", value: `d${i}.example` } }),
    );
    expect(() => allowScript(many, opts)).toThrow(/at most 500 on the eop plan/);
    expect(() => allowScript(many.slice(0, 500), opts)).not.toThrow();
    expect(() => allowScript(many, { ...opts, plan: "mdo-p1" })).not.toThrow();
    expect(() => allowScript(many.slice(0, 10), { ...opts, existingAllowEntries: 491 })).toThrow(
      ExportError,
    );
  });

  it("refuses over 1024 spoofed-sender entries", () => {
    const spoof = (i: number) =>
      proposal({
        id: `s${i}`,
        entry: {
          type: "spoof",
          spoofedUser: `v${i}.example`,
          sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
        },
      });
    expect(() =>
      allowScript([spoof(1), spoof(2)], { ...opts, existingSpoofEntries: 1023 }),
    ).toThrow(/at most 1024/);
  });

  it("exports nothing for a proposal that is not approved", () => {
    expect(() => powershellFor(proposal({ status: "open" }), opts)).toThrow(
      /Only an approved proposal/,
    );
    expect(() => allowScript([proposal({ status: "rejected" })], opts)).toThrow(ExportError);
  });

  it("gives removal commands for revoked entries", () => {
    const script = powershellFor(proposal({ status: "revoked" }), opts);
    expect(commandLines(script)).toContain(
      "Remove-TenantAllowBlockListItems -ListType Sender -Entries 'azure.example'",
    );
    const spoof = removalScript(
      [
        proposal({
          status: "expired",
          entry: {
            type: "spoof",
            spoofedUser: "vendor.example",
            sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
          },
        }),
      ],
      opts,
    );
    expect(commandLines(spoof)).toContain(
      "if ($spoof) { Remove-TenantAllowBlockListSpoofItems -Identity Default -Ids $spoof.Identity }",
    );
  });
});

describe("mail flow rule", () => {
  it("requires dmarc=pass in Authentication-Results, never the sender domain alone", () => {
    const lines = commandLines(transportRuleScript([proposal()], { generatedAt: GENERATED }));
    expect(lines[2]).toBe("Connect-ExchangeOnline");
    expect(lines[3]).toBe(
      "New-TransportRule -Name 'Vouch p1: azure.example when DMARC passes' -FromScope NotInOrganization -SenderDomainIs 'azure.example' -HeaderContainsMessageHeader 'Authentication-Results' -HeaderContainsWords 'dmarc=pass' -SetSCL -1 -SetHeaderName 'X-Vouch-Rule' -SetHeaderValue 'p1' -Comments 'Vouch proposal p1: 12 people in 9 mailboxes vouched; DMARC passed in 14 of 14: allow domain azure.example.'",
    );
  });
  it("keeps rule names within 64 characters", () => {
    const long = proposal({
      entry: { type: "sender", kind: "domain", value: `${"a".repeat(70)}.example` },
    });
    const line = commandLines(transportRuleScript([long], { generatedAt: GENERATED }))[3]!;
    expect(singleQuotedArguments(line)[0]!.length).toBe(64);
  });
  it("matches a spoofed pair by its /24 and refuses a PTR-only pair", () => {
    const ip = proposal({
      entry: {
        type: "spoof",
        spoofedUser: "vendor.example",
        sendingInfrastructure: { kind: "ip24", value: "203.0.113.0/24" },
      },
    });
    const line = commandLines(transportRuleScript([ip], { generatedAt: GENERATED }))[3]!;
    expect(line).toContain("-SenderDomainIs 'vendor.example' -SenderIpRanges '203.0.113.0/24'");
    expect(line).not.toContain("HeaderContainsWords");
    const ptr = proposal({
      entry: {
        type: "spoof",
        spoofedUser: "vendor.example",
        sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
      },
    });
    expect(() => transportRuleScript([ptr], { generatedAt: GENERATED })).toThrow(/PTR domain/);
  });
});

/** A strict RFC 4180 reader, to check what the writer produced. */
function parseCsv(text: string): string[][] {
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

describe("CSV", () => {
  it("quotes commas, quotes and line breaks and defuses formulas", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe("-1");
  });
  it("writes one header row and one row per proposal that a strict reader reads back", () => {
    const hostile = proposal({
      senderKey: "=cmd|' /C calc'!A0",
      reason: 'line one\r\nline, "two"',
    });
    const rows = parseCsv(proposalsCsv([proposal(), hostile]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows[2]![2]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[2]![7]).toBe('line one\r\nline, "two"');
  });
  it("round-trips arbitrary text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const rows = parseCsv(proposalsCsv([proposal({ reason: text })]));
        const cell = rows[1]![7]!;
        return cell === text || cell === `'${text}`;
      }),
    );
  });
});

describe("JSON", () => {
  it("carries the schema, the rules version and every proposal with its evidence", () => {
    const parsed = JSON.parse(proposalsJson([proposal()], GENERATED)) as {
      schema: string;
      rulesVersion: string;
      proposals: ExportProposal[];
    };
    expect(parsed.schema).toBe("vouch.proposals/1");
    expect(parsed.rulesVersion).toMatch(/^vouch\.rules\//);
    expect(parsed.proposals[0]).toEqual(proposal());
  });
});
