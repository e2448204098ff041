import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { proposalsCsv, csvCell, CSV_COLUMNS } from "../../server/exports/csv";
import { proposalsJson } from "../../server/exports/json";
import { allowScript, powershellFor, removalScript } from "../../server/exports/powershell";
import { psQuote, tablEncodeEntry } from "../../server/exports/powershell-quote";
import { exportText } from "../../server/exports/safe-text";
import { transportRuleScript } from "../../server/exports/transport-rule";
import { ExportError, type ExportProposal } from "../../server/exports/types";
import {
  GENERATED,
  calls,
  commandLines,
  opts,
  parseCsv,
  proposal,
  singleQuotedArguments,
  skeleton,
} from "./exports-support";

describe("PowerShell quoting", () => {
  it("doubles single quotes; typographic ones (which PowerShell also honours) are written visibly", () => {
    expect(psQuote("O'Brien")).toBe("'O''Brien'");
    expect(psQuote("O\u2019Brien")).toBe("'O<U+2019>Brien'");
    expect(psQuote("\u2018x\u201B")).toBe("'<U+2018>x<U+201B>'");
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
    expect(lines.slice(0, 3)).toEqual([
      "Set-StrictMode -Version Latest",
      "$ErrorActionPreference = 'Stop'",
      "Connect-ExchangeOnline",
    ]);
    expect(calls(script, "Add-VouchSenderAllow")).toEqual([
      "Add-VouchSenderAllow -Proposal 'p1' -Entry 'azure.example' -Notes 'Vouch p1: 12 people vouched; Azure notices'",
    ]);
    expect(script).toContain(
      "New-TenantAllowBlockListItems -ListType Sender -Allow -Entries $Entry -RemoveAfter 45 -Notes $Notes -ErrorAction Stop",
    );
    expect(lines.at(-1)).toBe("Write-VouchSummary");
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
    const script = allowScript([spoof], opts);
    expect(calls(script, "Add-VouchSpoofAllow")).toEqual([
      "Add-VouchSpoofAllow -Proposal 'p2' -SpoofedUser 'billing.vendor.example' -Infrastructure '203.0.113.0/24'",
    ]);
    expect(script).toContain(
      "New-TenantAllowBlockListSpoofItems -Identity Default -Action Allow -SpoofedUser $SpoofedUser -SendingInfrastructure $Infrastructure -SpoofType External -ErrorAction Stop",
    );
  });

  it("keeps a hostile note and sender inert: no line break, quotes doubled, $() literal", () => {
    const hostile = "x'; Remove-Mailbox -Identity * #\r\nGet-Secret `$(whoami)\u2028Evil";
    const benign = allowScript(
      [proposal({ entry: { type: "sender", kind: "address", value: "obrien+news@gmail.com" } })],
      opts,
    );
    const script = allowScript(
      [
        proposal({
          senderKey: `o'brien+${hostile}@gmail.com`,
          entry: { type: "sender", kind: "address", value: "obrien+news@gmail.com" },
          reason: hostile,
          decision: { by: hostile, at: "2026-11-27T10:00:00.000Z", note: hostile },
        }),
      ],
      opts,
    );
    // The hostile text changed what the script acts on, never what it does.
    expect(skeleton(script)).toEqual(skeleton(benign));
    const [add] = calls(script, "Add-VouchSenderAllow");
    const args = singleQuotedArguments(add!);
    expect(args[1]).toBe("obrien%2Bnews@gmail.com");
    expect(args[2]).toBe(
      "Vouch p1: 12 people vouched; x'; Remove-Mailbox -Identity * # Get-Secret `$(whoami) Evil",
    );
  });

  it("adds each entry with its own note, so one entry that fails does not take others with it", () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      proposal({ id: `p${i}`, entry: { type: "sender", kind: "domain", value: `d${i}.example` } }),
    );
    const adds = calls(allowScript(many, opts), "Add-VouchSenderAllow");
    expect(adds).toHaveLength(45);
    expect(singleQuotedArguments(adds[7]!)).toEqual([
      "p7",
      "d7.example",
      "Vouch p7: 12 people vouched; Azure notices",
    ]);
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

  it("keeps exporting an approved entry whose evidence turned (needs-review) as decided", () => {
    const script = allowScript([proposal({ status: "needs-review" })], opts);
    expect(calls(script, "Add-VouchSenderAllow")).toHaveLength(1);
  });

  it("gives removal commands for revoked entries", () => {
    const script = powershellFor(proposal({ status: "revoked" }), opts);
    expect(calls(script, "Remove-VouchSenderAllow")).toEqual([
      "Remove-VouchSenderAllow -Proposal 'p1' -Entry 'azure.example'",
    ]);
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
    expect(calls(spoof, "Remove-VouchSpoofAllow")).toEqual([
      "Remove-VouchSpoofAllow -Proposal 'p1' -SpoofedUser 'vendor.example' -Infrastructure 'mailer.example'",
    ]);
    expect(spoof).toContain(
      "Remove-TenantAllowBlockListSpoofItems -Identity Default -Ids @($found | ForEach-Object { $_.Identity }) -Confirm:$false -ErrorAction Stop",
    );
  });
});

describe("mail flow rule", () => {
  it("requires Microsoft's dmarc=pass: the condition, and the exception on every other verdict", () => {
    const script = transportRuleScript([proposal()], { generatedAt: GENERATED });
    const lines = commandLines(script);
    expect(lines[2]).toBe("Connect-ExchangeOnline");
    const start = lines.findIndex((line) => line.startsWith("Add-VouchRule "));
    expect(lines.slice(start, start + 14)).toEqual([
      "Add-VouchRule -Proposal 'p1' -Name 'Vouch p1: azure.example when DMARC passes' -Parameters @{",
      "    FromScope = 'NotInOrganization'",
      "    SenderAddressLocation = 'Header'",
      "    FromAddressMatchesPatterns = '@azure\\.example$'",
      "    HeaderContainsMessageHeader = 'Authentication-Results'",
      "    HeaderContainsWords = 'dmarc=pass'",
      "    ExceptIfHeaderContainsMessageHeader = 'Authentication-Results'",
      "    ExceptIfHeaderContainsWords = 'dmarc=fail','dmarc=none','dmarc=bestguesspass','dmarc=temperror','dmarc=permerror','compauth=fail'",
      "    SetSCL = -1",
      "    SetHeaderName = 'X-Vouch-Rule'",
      "    SetHeaderValue = 'p1'",
      "    Comments = 'Vouch proposal p1: 12 people in 9 mailboxes vouched; DMARC passed in 14 of 14: allow domain azure.example.'",
      "}",
      "Write-VouchSummary",
    ]);
    expect(script).not.toContain("SenderDomainIs");
    expect(script).toContain("New-TransportRule -Name $Name @Parameters -ErrorAction Stop");
  });
  it("keeps rule names within 64 characters, cut between words, never inside the domain", () => {
    const domain = `${"a".repeat(40)}.${"b".repeat(20)}.example`;
    const long = proposal({ entry: { type: "sender", kind: "domain", value: domain } });
    const [add] = calls(transportRuleScript([long], { generatedAt: GENERATED }), "Add-VouchRule");
    const name = singleQuotedArguments(add!)[1]!;
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toBe("Vouch p1: ...");
  });
  it("matches a spoofed address by its /24, and skips a PTR-only pair with the reason", () => {
    const ip = proposal({
      entry: {
        type: "spoof",
        spoofedUser: "billing@vendor.example",
        sendingInfrastructure: { kind: "ip24", value: "203.0.113.0/24" },
      },
    });
    const script = transportRuleScript([ip], { generatedAt: GENERATED });
    expect(script).toContain("    FromAddressMatchesPatterns = '^billing@vendor\\.example$'");
    expect(script).toContain("    SenderIpRanges = '203.0.113.0/24'");
    expect(script).not.toContain("HeaderContainsWords");
    const ptr = proposal({
      id: "p2",
      entry: {
        type: "spoof",
        spoofedUser: "vendor.example",
        sendingInfrastructure: { kind: "ptr", value: "mailer.example" },
      },
    });
    expect(() => transportRuleScript([ptr], { generatedAt: GENERATED }, true)).toThrow(
      /PTR domain/,
    );
    const both = transportRuleScript([ip, ptr], { generatedAt: GENERATED });
    expect(calls(both, "Add-VouchRule")).toHaveLength(1);
    expect(both).toMatch(/^# Skipped p2: it is a spoofed-sender pair sent from mailer\.example/m);
  });
});

describe("CSV", () => {
  it("quotes commas and quotes, flattens line breaks and defuses formulas", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell("a\r\nb")).toBe("a b");
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
    expect(rows[2]![7]).toBe('line one line, "two"');
  });
  it("round-trips any text as its export-safe line (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const rows = parseCsv(proposalsCsv([proposal({ reason: text })]));
        const cell = rows[1]![7]!;
        const safe = exportText(text);
        return rows.length === 2 && (cell === safe || cell === `'${safe}`);
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
