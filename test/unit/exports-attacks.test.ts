import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHeaderBlock } from "../../src/analysis/header-block";
import { proposalsCsv, CSV_COLUMNS } from "../../server/exports/csv";
import { exportProposals, type ExportFormat } from "../../server/exports";
import { proposalsJson } from "../../server/exports/json";
import { allowScript, notesFor, removalScript } from "../../server/exports/powershell";
import { runtimeLines } from "../../server/exports/powershell-runtime";
import { cutAtToken, exportText } from "../../server/exports/safe-text";
import { transportRuleScript } from "../../server/exports/transport-rule";
import { ExportError, type ExportProposal } from "../../server/exports/types";
import {
  GENERATED,
  calls,
  opts,
  parseCsv,
  proposal,
  singleQuotedArguments,
  skeleton,
  spoofPair,
  splitLiterals,
} from "./exports-support";

/** Characters that must never reach an export, by what they do. */
const HOSTILE: Record<string, string> = {
  "bidi override (Trojan Source)": "\u202E",
  "bidi isolate": "\u2066",
  "left-to-right mark": "\u200E",
  "Arabic letter mark": "\u061C",
  "zero-width space": "\u200B",
  "zero-width joiner": "\u200D",
  "word joiner": "\u2060",
  "byte order mark": "\uFEFF",
  "soft hyphen": "\u00AD",
  "tag letter": "\u{E0041}",
  "variation selector": "\uFE0F",
  "Cyrillic a (confusable)": "\u0430",
  "Greek omicron (confusable)": "\u03BF",
  "dotless i (confusable)": "\u0131",
  "fullwidth equals": "\uFF1D",
  "right single quotation mark": "\u2019",
  "next line": "\u0085",
  "line separator": "\u2028",
  "paragraph separator": "\u2029",
  escape: "\u001B",
  null: "\u0000",
  "carriage return": "\r",
  tab: "\t",
};
const ALL_HOSTILE = Object.values(HOSTILE).join("x");

/** True when every character of the output is allowed in an export. */
function onlySafeCharacters(output: string): boolean {
  for (const char of output) {
    if (char === "\r" || char === "\n") continue;
    if (exportText(`a${char}a`) !== `a${char}a`) return false;
  }
  return true;
}

function hostileProposal(overrides: Partial<ExportProposal> = {}): ExportProposal {
  const text = `pay${ALL_HOSTILE}pal`;
  return proposal({
    senderKey: text,
    reason: `=HYPERLINK("x") ${text}`,
    refusals: [{ code: text, reports: 1, message: text }],
    warnings: [{ code: text, message: text }],
    decision: { by: text, at: "2026-11-27T10:00:00.000Z", note: `Prüfung ${text}` },
    ...overrides,
  });
}

const FORMATS: ExportFormat[] = [
  "powershell",
  "transport-rule",
  "csv",
  "json",
  "mimecast",
  "proofpoint",
];

function exportAll(format: ExportFormat, proposals: ExportProposal[]): string {
  return exportProposals(format, proposals, { ...opts, single: false, baseName: "all" }).body;
}

describe("hidden and confusable characters never reach an export", () => {
  for (const format of FORMATS) {
    it(`${format}: every name, note, reason and code is written visibly or not at all`, () => {
      const output = exportAll(format, [hostileProposal()]);
      expect(onlySafeCharacters(output)).toBe(true);
      // Escaped visibly, so the admin sees that something was there.
      expect(output).toContain("<U+202E>");
      expect(output).toContain("<U+0430>");
      // Accented letters an admin's note needs stay as they are.
      expect(output).toContain("Prüfung");
    });
  }

  it("json: the parsed values are clean too, not just the file's bytes", () => {
    const parsed = JSON.parse(proposalsJson([hostileProposal()], GENERATED)) as {
      proposals: ExportProposal[];
    };
    const [first] = parsed.proposals;
    for (const value of [first!.senderKey, first!.reason, first!.decision!.by]) {
      expect(onlySafeCharacters(value)).toBe(true);
    }
    expect(first!.entry).toEqual(proposal().entry);
  });

  it("csv: still one row per proposal and one cell per column", () => {
    const rows = parseCsv(proposalsCsv([hostileProposal(), proposal()]));
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  it("writes each kind of character as its code point, line breaks as a space", () => {
    for (const [name, char] of Object.entries(HOSTILE)) {
      const safe = exportText(`a${char}b`);
      const code = char.codePointAt(0)!;
      const expected =
        code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
          ? "a b"
          : `a<U+${code.toString(16).toUpperCase().padStart(4, "0")}>b`;
      expect(safe, name).toBe(expected);
    }
    expect(exportText("Ærø Straße, Zürich, Łódź")).toBe("Ærø Straße, Zürich, Łódź");
    expect(exportText("e\u0301")).toBe("é");
    expect(exportText("a\u0338")).toBe("a<U+0338>");
  });
});

describe("nothing unvalidated becomes an entry in any export", () => {
  const forged = (value: string): ExportProposal =>
    proposal({ id: "bad", senderKey: value, entry: { type: "sender", kind: "domain", value } });
  const attacks: Record<string, ExportProposal> = {
    "a Cyrillic look-alike domain": forged("p\u0430ypal.com"),
    "a zero-width character in a domain": forged("pay\u200Bpal.com"),
    "a bidi override in a domain": forged("moc.\u202Elapyap"),
    "a PowerShell payload as a domain": forged("x.com'; Remove-Mailbox *; '"),
    "a quoted local part": proposal({
      id: "bad",
      entry: { type: "sender", kind: "address", value: '"a b"@contoso.com' },
    }),
    "a whole free-mail domain": forged("gmail.com"),
    "a spoofed pair on a whole free-mail domain": spoofPair(
      "outlook.com",
      { kind: "ip24", value: "203.0.113.0/24" },
      { id: "bad" },
    ),
    "a spoofed pair from a range that is no /24": spoofPair(
      "vendor.example",
      { kind: "ip24", value: "0.0.0.0/0" },
      { id: "bad" },
    ),
  };

  for (const [name, bad] of Object.entries(attacks)) {
    it(`withholds ${name}, in every format, and says why`, () => {
      const good = proposal({ id: "good" });
      const script = allowScript([bad, good], opts);
      expect(calls(script, "Add-VouchSenderAllow").map((l) => singleQuotedArguments(l)[0])).toEqual(
        ["good"],
      );
      expect(calls(script, "Add-VouchSpoofAllow")).toEqual([]);
      expect(script).toMatch(/^# Skipped bad: /m);
      expect(() => allowScript([bad], opts, true)).toThrow(ExportError);
      expect(() =>
        exportProposals("powershell", [bad], { ...opts, single: true, baseName: "x" }),
      ).toThrow(expect.objectContaining({ code: "cannot-express" }));
      const rules = transportRuleScript([bad, good], { generatedAt: GENERATED });
      expect(rules).toMatch(/^# Skipped bad: /m);
      expect(() => transportRuleScript([bad], { generatedAt: GENERATED }, true)).toThrow(
        expect.objectContaining({ code: "cannot-express" }),
      );

      const rows = parseCsv(proposalsCsv([bad]));
      const row = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, rows[1]![i]]));
      expect(row.entry).toBe("");
      expect(row.entry_type).toBe("");
      expect(row.entry_withheld).not.toBe("");
      const json = JSON.parse(proposalsJson([bad], GENERATED)) as { proposals: ExportProposal[] };
      expect(json.proposals[0]!.entry).toBeNull();
      expect(json.proposals[0]!.entryWithheld).toBeTruthy();
    });
  }

  it("withholds a whole multi-service domain, and an entry stored as the wrong kind", () => {
    const script = allowScript(
      [
        forged("microsoft.com"),
        proposal({ id: "kind", entry: { type: "sender", kind: "address", value: "contoso.com" } }),
        proposal({ id: "good" }),
      ],
      opts,
    );
    expect(calls(script, "Add-VouchSenderAllow").map((l) => singleQuotedArguments(l)[0])).toEqual([
      "good",
    ]);
    expect(script).toMatch(
      /^# Skipped bad: The sender domain: microsoft\.com is a free-mail or multi-service domain/m,
    );
    expect(script).toMatch(
      /^# Skipped kind: The sender address is stored as an address but is a domain\./m,
    );
  });

  it("writes an entry in its canonical form: lower case, A-labels", () => {
    const script = allowScript(
      [
        proposal({ id: "a", entry: { type: "sender", kind: "domain", value: "Contoso.COM" } }),
        proposal({ id: "b", entry: { type: "sender", kind: "domain", value: "bücher.de" } }),
        spoofPair("Billing@Vendor.example", { kind: "ptr", value: "Protection.Outlook.com" }),
      ],
      opts,
    );
    expect(calls(script, "Add-VouchSenderAllow").map((l) => singleQuotedArguments(l)[1])).toEqual([
      "contoso.com",
      "xn--bcher-kva.de",
    ]);
    expect(
      calls(script, "Add-VouchSpoofAllow").map((l) => singleQuotedArguments(l).slice(1)),
    ).toEqual([["billing@vendor.example", "protection.outlook.com"]]);
  });

  it("keeps an address at a free-mail domain: it names one person, not the domain", () => {
    const script = allowScript(
      [proposal({ entry: { type: "sender", kind: "address", value: "friend@gmail.com" } })],
      opts,
    );
    expect(calls(script, "Add-VouchSenderAllow")).toHaveLength(1);
  });
});

/**
 * What a mail flow rule does with a message, under either reading of "a message header
 * includes any of these words": Exchange looks at every field of that name, or only the first
 * (topmost, the one Exchange Online stamped). Words match case-insensitively inside the
 * unfolded value; patterns are .NET-style regular expressions (the subset used here reads the
 * same in JavaScript).
 */
type Reading = "every field" | "first field";

function ruleOf(script: string): Map<string, string[]> {
  const lines = script.split("\r\n");
  const start = lines.findIndex((line) => line.startsWith("Add-VouchRule "));
  const parameters = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (line === "}") break;
    const [name] = line.trim().split(" = ");
    parameters.set(name!, splitLiterals(line).literals);
  }
  return parameters;
}

function headerIncludes(raw: string, name: string, words: string[], reading: Reading): boolean {
  const block = parseHeaderBlock(raw);
  const fields =
    reading === "every field" ? block.all(name) : block.first(name) ? [block.first(name)!] : [];
  return fields.some((field) => {
    const value = field.value.replace(/\s+/g, " ").toLowerCase();
    return words.some((word) => value.includes(word.toLowerCase()));
  });
}

function fromAddress(raw: string): string {
  const from = parseHeaderBlock(raw).first("From")!.value;
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

function ruleApplies(rule: Map<string, string[]>, raw: string, reading: Reading): boolean {
  const from = fromAddress(raw);
  const patterns = rule.get("FromAddressMatchesPatterns") ?? [];
  if (!patterns.some((pattern) => new RegExp(pattern, "i").test(from))) return false;
  const header = rule.get("HeaderContainsMessageHeader")?.[0];
  if (header && !headerIncludes(raw, header, rule.get("HeaderContainsWords")!, reading)) {
    return false;
  }
  const except = rule.get("ExceptIfHeaderContainsMessageHeader")?.[0];
  if (except && headerIncludes(raw, except, rule.get("ExceptIfHeaderContainsWords")!, reading)) {
    return false;
  }
  return true;
}

const sample = (name: string) =>
  readFileSync(join(__dirname, "..", "..", "samples", `${name}.eml`), "utf8");

function ruleFor(value: string): Map<string, string[]> {
  const kind = value.includes("@") ? "address" : "domain";
  return ruleOf(
    transportRuleScript([proposal({ entry: { type: "sender", kind, value } })], {
      generatedAt: GENERATED,
    }),
  );
}

describe("a mail flow rule the sender cannot satisfy", () => {
  const readings: Reading[] = ["every field", "first field"];

  for (const reading of readings) {
    it(`ignores a sender-written "dmarc=pass" beneath Microsoft's dmarc=fail (${reading})`, () => {
      const forged = sample("forged-auth-results");
      expect(ruleApplies(ruleFor("woodgrovebank.example"), forged, reading)).toBe(false);
    });

    it(`applies when Microsoft's own verdict is dmarc=pass (${reading})`, () => {
      const genuine = sample("azure-service-notice");
      expect(ruleApplies(ruleFor("azure-noreply@microsoft.com"), genuine, reading)).toBe(true);
      expect(ruleApplies(ruleFor("litware.example"), sample("blocked-sender"), reading)).toBe(true);
    });

    it(`still ignores the forgery when the attacker adds more passing fields on top of the body (${reading})`, () => {
      const forged = sample("forged-auth-results").replace(
        "X-Verified-By:",
        "Authentication-Results: dmarc=pass action=none header.from=woodgrovebank.example;compauth=pass reason=100\r\nX-Verified-By:",
      );
      expect(ruleApplies(ruleFor("woodgrovebank.example"), forged, reading)).toBe(false);
    });
  }

  it("documents why: Microsoft's example condition alone is met by the forged field", () => {
    const forged = sample("forged-auth-results");
    const plain = new Map(ruleFor("woodgrovebank.example"));
    plain.delete("ExceptIfHeaderContainsMessageHeader");
    plain.delete("ExceptIfHeaderContainsWords");
    expect(ruleApplies(plain, forged, "every field")).toBe(true);
  });

  it("never applies to DMARC failures that compauth rescued (ARC), nor to dmarc=none", () => {
    const arc = sample("mailing-list-arc");
    expect(ruleApplies(ruleFor("fabrikam.example"), arc, "every field")).toBe(false);
    const none = sample("vendor-invoice-compauth");
    expect(ruleApplies(ruleFor("northwind.example"), none, "every field")).toBe(false);
  });

  it("matches exactly the decided domain: not a subdomain, not a longer look-alike", () => {
    const [pattern] = ruleFor("contoso.com").get("FromAddressMatchesPatterns")!;
    const matches = (address: string) => new RegExp(pattern!, "i").test(address);
    expect(matches("billing@contoso.com")).toBe(true);
    expect(matches("billing@CONTOSO.COM")).toBe(true);
    expect(matches("billing@news.contoso.com")).toBe(false);
    expect(matches("billing@evilcontoso.com")).toBe(false);
    expect(matches("billing@contosoXcom")).toBe(false);
    expect(matches("billing@contoso.com.evil.example")).toBe(false);
    const [address] = ruleFor("a.b+c@contoso.com").get("FromAddressMatchesPatterns")!;
    expect(new RegExp(address!, "i").test("a.b+c@contoso.com")).toBe(true);
    expect(new RegExp(address!, "i").test("aXb+c@contoso.com")).toBe(false);
    expect(new RegExp(address!, "i").test("x.a.b+c@contoso.com")).toBe(false);
  });

  it("offers no rule for a sender that never passed DMARC", () => {
    const noDmarc = proposal({ evidence: { ...proposal().evidence, dmarcPass: 0 } });
    expect(() => transportRuleScript([noDmarc], { generatedAt: GENERATED }, true)).toThrow(
      /never passed DMARC/,
    );
  });

  it("never turns a spoofed pair into a rule for a whole domain, least of all a free-mail one", () => {
    const domainPair = spoofPair("vendor.example", { kind: "ip24", value: "203.0.113.0/24" });
    expect(() => transportRuleScript([domainPair], { generatedAt: GENERATED }, true)).toThrow(
      /whole domain vendor\.example/,
    );
    const freeMail = spoofPair("gmail.com", { kind: "ip24", value: "203.0.113.0/24" });
    expect(() => transportRuleScript([freeMail], { generatedAt: GENERATED }, true)).toThrow(
      /free-mail/,
    );
    const address = spoofPair("billing@vendor.example", { kind: "ip24", value: "203.0.113.0/24" });
    const rule = ruleOf(transportRuleScript([address], { generatedAt: GENERATED }));
    expect(rule.get("SenderIpRanges")).toEqual(["203.0.113.0/24"]);
    expect(rule.get("FromAddressMatchesPatterns")).toEqual(["^billing@vendor\\.example$"]);
    expect([...rule.keys()]).not.toContain("SenderDomainIs");
  });

  it("skips in a batch, with a comment line, what a rule cannot express, and writes the rest", () => {
    const script = transportRuleScript(
      [
        proposal({ id: "ok" }),
        spoofPair("vendor.example", { kind: "ptr", value: "mailer.example" }, { id: "ptr" }),
        proposal({ id: "nodmarc", evidence: { ...proposal().evidence, dmarcPass: 0 } }),
      ],
      { generatedAt: GENERATED },
    );
    expect(calls(script, "Add-VouchRule").map((l) => singleQuotedArguments(l)[0])).toEqual(["ok"]);
    expect(script).toMatch(/^# Skipped ptr: .*PTR domain/m);
    expect(script).toMatch(/^# Skipped nodmarc: .*never passed DMARC/m);
  });

  it("removes the rule of a revoked proposal by the name it was created with", () => {
    const added = transportRuleScript([proposal()], { generatedAt: GENERATED });
    const removed = transportRuleScript([proposal({ status: "revoked" })], {
      generatedAt: GENERATED,
    });
    const name = singleQuotedArguments(calls(added, "Add-VouchRule")[0]!)[1];
    expect(calls(removed, "Remove-VouchRule")).toEqual([
      `Remove-VouchRule -Proposal 'p1' -Name '${name}'`,
    ]);
  });
});

describe("PowerShell that runs twice, and past entries that are already gone", () => {
  const runtime = runtimeLines(new Set(["senders", "spoofs", "rules"])).join("\n");

  /** The body of one runtime function. */
  function body(name: string): string {
    const start = runtime.indexOf(`function ${name}(`);
    expect(start, name).toBeGreaterThanOrEqual(0);
    const next = runtime.indexOf("\nfunction ", start + 1);
    return runtime.slice(start, next === -1 ? undefined : next);
  }

  const mutations: Record<string, { look: string; change: RegExp; skip: RegExp }> = {
    "Add-VouchSenderAllow": {
      look: "Get-VouchSenderAllow $Entry",
      change: /New-TenantAllowBlockListItems .*-ErrorAction Stop/,
      skip: /'Skipped' ".*allowed already/,
    },
    "Remove-VouchSenderAllow": {
      look: "Get-VouchSenderAllow $Entry",
      change: /Remove-TenantAllowBlockListItems .*-ErrorAction Stop/,
      skip: /'Skipped' ".*not in the list \(Microsoft removes an allow 45 days after its last use/,
    },
    "Add-VouchSpoofAllow": {
      look: "Get-VouchSpoofAllow $SpoofedUser $Infrastructure",
      change: /New-TenantAllowBlockListSpoofItems .*-ErrorAction Stop/,
      skip: /'Skipped' ".*allowed already/,
    },
    "Remove-VouchSpoofAllow": {
      look: "Get-VouchSpoofAllow $SpoofedUser $Infrastructure",
      change: /Remove-TenantAllowBlockListSpoofItems .*-Confirm:\$false -ErrorAction Stop/,
      skip: /'Skipped' ".*not in the list/,
    },
    "Add-VouchRule": {
      look: "Get-VouchRule $Name",
      change: /New-TransportRule .*-ErrorAction Stop/,
      skip: /'Skipped' ".*exists already/,
    },
    "Remove-VouchRule": {
      look: "Get-VouchRule $Name",
      change: /Remove-TransportRule .*-Confirm:\$false -ErrorAction Stop/,
      skip: /'Skipped' ".*does not exist/,
    },
  };

  for (const [name, { look, change, skip }] of Object.entries(mutations)) {
    it(`${name} looks first, skips and says so, and catches its own failure`, () => {
      const text = body(name);
      const tryAt = text.indexOf("try {");
      const lookAt = text.indexOf(look);
      const changeAt = text.search(change);
      expect(tryAt).toBeGreaterThan(0);
      expect(lookAt).toBeGreaterThan(tryAt);
      expect(changeAt).toBeGreaterThan(lookAt);
      expect(text).toMatch(skip);
      expect(text.slice(changeAt)).toMatch(/} catch {[\s\S]*'Failed'/);
    });
  }

  it("reads each list once per run and counts what it did in a summary", () => {
    expect(runtime).toContain(
      "$script:VouchSenderAllows = @(Get-TenantAllowBlockListItems -ListType Sender -Allow -ErrorAction Stop)",
    );
    expect(runtime).toContain("{0} added, {1} removed, {2} skipped, {3} failed");
    // Strict mode throws on .Count of one unrolled object: every count is of an @() array.
    expect(runtime).not.toMatch(/[^@]\(Get-Vouch[^)]*\)\.Count/);
    expect(runtime).not.toMatch(/\$found = Get-/);
    const script = removalScript([proposal({ status: "expired" })], opts);
    expect(script.trimEnd().split("\r\n").at(-1)).toBe("Write-VouchSummary");
  });

  it("never evaluates a value: no Invoke-Expression, no value in a double-quoted string it parses", () => {
    expect(runtime).not.toMatch(/Invoke-Expression|iex |\.InvokeCommand|ExpandString|ScriptBlock/);
  });

  it("changes what a script acts on, never what it does, whatever the text (property)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 40 });
    const benign = {
      allow: allowScript([proposal()], opts),
      removal: removalScript([proposal({ status: "revoked" })], opts),
      rule: transportRuleScript([proposal()], { generatedAt: GENERATED }),
    };
    fc.assert(
      fc.property(text, text, text, text, (id, note, reason, by) => {
        const hostile = proposal({
          id: `p${id}`,
          reason,
          senderKey: reason,
          decision: { by, at: "2026-11-27T10:00:00.000Z", note },
        });
        return (
          JSON.stringify(skeleton(allowScript([hostile], opts))) ===
            JSON.stringify(skeleton(benign.allow)) &&
          JSON.stringify(skeleton(removalScript([{ ...hostile, status: "revoked" }], opts))) ===
            JSON.stringify(skeleton(benign.removal)) &&
          JSON.stringify(skeleton(transportRuleScript([hostile], { generatedAt: GENERATED }))) ===
            JSON.stringify(skeleton(benign.rule))
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("names and notes are cut between words, never inside an address", () => {
  it("keeps only whole tokens, within the limit (property)", () => {
    const token = fc.oneof(
      fc.emailAddress(),
      fc.domain(),
      fc.stringMatching(/^[A-Za-z0-9;:,.()'-]{1,12}$/),
    );
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 4, max: 300 }),
        (tokens, max) => {
          const text = tokens.join(" ");
          const cut = cutAtToken(text, max);
          if (cut.length > max) return false;
          if (cut === text) return true;
          const kept = cut.split(" ");
          if (kept.pop() !== "...") return false;
          return kept.every((part, index) => part === tokens[index]);
        },
      ),
    );
  });

  it("cuts a long note before the address it cannot fit, not inside it", () => {
    const address = "very.long.name.for.a.vendor.contact@billing.northwind-traders.example";
    const note = `${"checked ".repeat(26)}with ${address}`;
    const notes = notesFor(proposal({ decision: { by: "a", at: "2026-11-27T10:00:00Z", note } }));
    expect(notes.length).toBeLessThanOrEqual(250);
    expect(notes.endsWith("with ...")).toBe(true);
    expect(notes).not.toContain("very.long");
  });
});

describe("CSV cells a spreadsheet cannot run", () => {
  const attacks = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\n@x",
    "\u00A0=1",
    "\u200B=1",
    "\uFF1D1+1",
    "\uFF201",
  ];
  for (const attack of attacks) {
    it(`defuses ${JSON.stringify(attack)} in every text column`, () => {
      const rows = parseCsv(
        proposalsCsv([
          proposal({
            senderKey: attack,
            reason: attack,
            warnings: [{ code: "w", message: attack }],
            decision: { by: attack, at: attack, note: attack },
          }),
        ]),
      );
      for (const cell of rows[1]!) {
        expect(cell).not.toMatch(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/);
        expect(cell).not.toMatch(/[\t\r\n]/);
      }
    });
  }
});
