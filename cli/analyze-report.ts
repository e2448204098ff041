/**
 * The readable report of `vouch analyze`: who the message is from, the authentication table,
 * Microsoft's stamps with their meanings, the route with delays, and the findings grouped by
 * who can fix them. Colour is a parameter; the caller decides (TTY, NO_COLOR).
 */
import {
  AUTH_AS_MEANINGS,
  BCL_MEANINGS,
  CAT_MEANINGS,
  DIR_MEANINGS,
  IPV_MEANINGS,
  MAILBOX_DEST_MEANINGS,
  OFR_MEANINGS,
  PCL_MEANINGS,
  PCWL_MEANINGS,
  RF_MEANINGS,
  SCL_MEANINGS,
  SFTY_MEANINGS,
  SFV_MEANINGS,
  SRV_MEANINGS,
  STAMP_LABELS,
  WL_MEANINGS,
  meaningOf,
  remedyOf,
  threatFindingIds,
} from "../src/analysis";
import { GATEWAY_PRODUCTS, gatewayVerdictWord } from "../src/analysis/gateways/meanings";
import type {
  Address,
  FixableBy,
  HeaderAnalysis,
  Hop,
  Remedy,
  Severity,
  ThreatKind,
} from "../src/analysis";

export interface ReportOptions {
  color: boolean;
  /** Printed as a heading, e.g. the file name, when several inputs are reported. */
  label?: string;
}

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan";
const ANSI: Record<Style, string> = {
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
};
const RESET = "\x1b[0m";
const WIDTH = 100;

export function renderReport(raw: HeaderAnalysis, options: ReportOptions): string {
  const analysis = printableAnalysis(raw);
  const paint = (style: Style, text: string) =>
    options.color ? `${ANSI[style]}${text}${RESET}` : text;
  const lines: string[] = [];
  if (options.label !== undefined) lines.push(paint("bold", `== ${options.label} ==`), "");
  lines.push(...messageSection(analysis, paint), "");
  const remedy = remedyOf(raw);
  lines.push(...verdictLine(analysis, remedy, paint), "");
  lines.push(...authSection(analysis, paint), "");
  lines.push(...stampsSection(analysis, paint), "");
  const gateways = gatewaySection(analysis, paint);
  if (gateways.length > 0) lines.push(...gateways, "");
  lines.push(...routeSection(analysis.hops, paint), "");
  lines.push(...findingsSection(analysis, remedy, paint));
  return `${lines.join("\n").trimEnd()}\n`;
}

type Paint = (style: Style, text: string) => string;

/**
 * Header values are written by strangers: a decoded Subject can carry escape sequences that
 * recolour, retitle or clear the terminal, and bidirectional overrides that reorder what a
 * person reads. Every string of the analysis is shown with those characters spelled out.
 */
function printableAnalysis(analysis: HeaderAnalysis): HeaderAnalysis {
  return JSON.parse(JSON.stringify(analysis), (_key, value: unknown) =>
    typeof value === "string" ? printable(value) : value,
  ) as HeaderAnalysis;
}

export function printable(text: string): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const unsafe =
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (!unsafe) continue;
    const hex = code.toString(16).padStart(code > 0xff ? 4 : 2, "0");
    out += `${text.slice(copied, i)}${code > 0xff ? `\\u${hex}` : `\\x${hex}`}`;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function heading(paint: Paint, text: string): string {
  return paint("bold", text);
}

function formatAddress(address: Address | null): string {
  if (!address) return "(none)";
  return address.name ? `${address.name} <${address.address}>` : `<${address.address}>`;
}

function messageSection(analysis: HeaderAnalysis, paint: Paint): string[] {
  const { message } = analysis;
  const rows: [string, string | null][] = [
    ["Subject", message.subject ?? "(none)"],
    ["From", formatAddress(message.from)],
    ["Reply-To", message.replyTo ? formatAddress(message.replyTo) : null],
    ["Return-Path", message.returnPath],
    ["Date", message.date ? `${formatInstant(message.date)} UTC` : null],
    ["Message-ID", message.messageId],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([name, value]) => `${paint("dim", `${name}:`.padEnd(13))}${value}`);
}

const THREAT_TEXT: Record<ThreatKind, string> = {
  malware: "Microsoft found malware in it",
  "high-confidence-phishing": "Microsoft is highly confident that it is phishing",
  phishing: "Microsoft judged it to be phishing",
  "intra-org-phishing": "phishing sent from inside the organisation (a possibly hijacked account)",
  impersonation: "the sender imitates a domain, person or brand the recipient knows",
  spoof: "the sender's address appears to be forged",
  "forged-authentication":
    "it carries its own forged 'checks passed' header, and nothing vouches for the sender",
  "dmarc-reject": "the sender's domain says it did not send it (DMARC failed under p=reject)",
};

function adviceOf(remedy: Remedy): string {
  switch (remedy.situation) {
    case "threat":
      return "Do not trust it: do not click, open or reply. Report it as phishing in Outlook (Report > Phishing). No allow entry should ever let it through.";
    case "filtered":
      return "The sender proved who they are and the content filter junked it anyway: report it as not spam; the admin can allow this sender.";
    case "bulk":
      return remedy.allow === "sender"
        ? "Bulk mail. If it is wanted, report it: the admin can allow this sender (a sender allow overrides the bulk filter) or raise the bulk threshold; otherwise unsubscribe."
        : "Bulk mail from a sender that did not prove who it is: an allow cannot be made safely; unsubscribe, or ask the sender to set up SPF, DKIM and DMARC.";
    case "unauthenticated":
      return remedy.allow === "spoof-pair"
        ? "Nothing proves who sent it. The sender's IT must set up SPF, DKIM and DMARC; until then the admin can only allow this sender together with the server that sent it (a spoofed-sender entry)."
        : "Nothing proves who sent it, and the sender's domain does not vouch for it: no allow entry can safely let it through. The sender's IT must fix its authentication.";
    case "user-settings":
      return "The recipient's own junk settings, rules or Blocked Senders put it here: change them in Outlook's junk e-mail options. An allow by the admin would not help.";
    case "gateway":
      return "A third-party gateway in front of Exchange Online made Microsoft check the gateway's address instead of the sender's, which explains the spoof or DMARC verdict, but nothing proves the sender either: the admin's fix is Enhanced Filtering for Connectors on the gateway's inbound connector, or the gateway as a trusted ARC sealer. No allow entry.";
    case "policy":
      return "The organisation's own configuration (a block entry, a mail flow rule or an Advanced Spam Filter option) junked it: only the admin can change that. An allow would not help.";
    case "allowed":
      return "An allow entry or the recipient's Safe Senders let it through: nothing to fix.";
    case "not-junked":
      return "It was delivered to the Inbox: nothing to fix.";
    case "unknown":
      return "The headers do not say whether it was junked, so there is nothing to advise.";
  }
}

/** The threat first, when there is one; then where the message went; then what to do. */
function verdictLine(analysis: HeaderAnalysis, remedy: Remedy, paint: Paint): string[] {
  const { junked } = analysis.verdict;
  const where =
    junked === true
      ? paint("red", "the filter sent this message to Junk")
      : junked === false
        ? paint("green", "the filter did not send this message to Junk")
        : paint("yellow", "the headers do not say whether the filter junked it");
  const lines: string[] = [];
  if (remedy.threat) {
    lines.push(
      `${heading(paint, "Verdict:")} ${paint("red", `DO NOT TRUST: ${THREAT_TEXT[remedy.threat]}`)}`,
      `         ${where}`,
    );
  } else {
    lines.push(`${heading(paint, "Verdict:")} ${where}`);
  }
  lines.push(...wrap(`${heading(paint, "Advice:")}  ${adviceOf(remedy)}`, "", 9));
  return lines;
}

function resultColor(result: string): Style {
  const lower = result.toLowerCase();
  if (lower === "pass" || lower === "bestguesspass") return "green";
  if (lower === "fail" || lower === "softfail" || lower === "permerror") return "red";
  return "yellow";
}

function aligned(value: boolean | null): string {
  return value === null ? "" : value ? "yes" : "no";
}

function authSection(analysis: HeaderAnalysis, paint: Paint): string[] {
  const { auth } = analysis;
  if (!auth.source) {
    return [
      heading(paint, "Authentication"),
      "  No trusted Authentication-Results header: the receiving server's checks are unknown.",
      ...otherAuthLines(analysis),
    ];
  }
  const trusted = auth.source.authservId
    ? `trusted header from ${auth.source.authservId}`
    : "trusted header without an authserv-id, as Exchange Online writes it";
  const rows: string[][] = [["Check", "Result", "Domain", "Aligned", "Detail"]];
  if (auth.spf) {
    rows.push(["SPF", auth.spf.result, auth.spf.domain ?? "", aligned(auth.spf.aligned), ""]);
  } else {
    rows.push(["SPF", "(absent)", "", "", ""]);
  }
  if (auth.dkim.length === 0) rows.push(["DKIM", "(absent)", "", "", ""]);
  for (const dkim of auth.dkim) {
    const detail = dkim.selector ? `selector ${dkim.selector}` : "";
    rows.push(["DKIM", dkim.result, dkim.domain ?? "", aligned(dkim.aligned), detail]);
  }
  if (auth.dmarc) {
    const detail = [
      auth.dmarc.action ? `action ${auth.dmarc.action}` : "",
      auth.dmarc.policy ? `policy ${auth.dmarc.policy}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    rows.push(["DMARC", auth.dmarc.result, auth.dmarc.domain ?? "", "", detail]);
  } else {
    rows.push(["DMARC", "(absent)", "", "", ""]);
  }
  if (auth.compauth) {
    const reason = auth.compauth.reason ? `reason ${auth.compauth.reason}` : "";
    rows.push(["compauth", auth.compauth.result, "", "", reason]);
  }
  if (auth.arc) rows.push(["ARC", auth.arc.result, "", "", ""]);
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  const table = rows.map((row, index) => {
    const cells = row.slice(0, 4).map((cell, column) => {
      const padded = cell.padEnd(widths[column] ?? 0);
      if (index === 0) return paint("dim", padded);
      return column === 1 ? paint(resultColor(cell), padded) : padded;
    });
    const detail = row[4] ? `  ${row[4]}` : "";
    return `  ${cells.join("  ")}${detail}`.trimEnd();
  });
  const lines = [`${heading(paint, "Authentication")} ${paint("dim", `(${trusted})`)}`, ...table];
  if (auth.compauth) lines.push(...wrap(`compauth: ${auth.compauth.meaning}`, "  "));
  if (auth.source.headers.length > 1) {
    lines.push(
      `  ${paint("dim", `read from ${auth.source.headers.length} headers of this server`)}`,
    );
  }
  return [...lines, ...otherAuthLines(analysis)];
}

/** Received-SPF and Authentication-Results-Original: shown, never the verdict. */
function otherAuthLines(analysis: HeaderAnalysis): string[] {
  const { receivedSpf, original } = analysis.auth;
  const lines: string[] = [];
  if (receivedSpf) {
    const where = [
      receivedSpf.domain ? `domain ${receivedSpf.domain}` : null,
      receivedSpf.clientIp ? `client IP ${receivedSpf.clientIp}` : null,
      receivedSpf.receiver ? `by ${receivedSpf.receiver}` : null,
    ].filter((part): part is string => part !== null);
    lines.push(
      ...wrap(
        `Received-SPF: ${receivedSpf.result}${where.length > 0 ? ` (${where.join(", ")})` : ""}`,
        "  ",
      ),
      ...wrap(STAMP_LABELS.en.receivedSpf, "    "),
    );
  }
  if (original) {
    const results = [
      original.spf ? `spf=${original.spf.result}` : null,
      ...original.dkim.map(
        (dkim) => `dkim=${dkim.result}${dkim.domain ? ` (${dkim.domain})` : ""}`,
      ),
      original.dmarc ? `dmarc=${original.dmarc.result}` : null,
      original.compauth ? `compauth=${original.compauth.result}` : null,
    ].filter((part): part is string => part !== null);
    const from = original.authservId ? ` from ${original.authservId}` : "";
    lines.push(
      ...wrap(`Before forwarding${from}: ${results.join(", ") || "no results"}`, "  "),
      ...wrap(STAMP_LABELS.en.original, "    "),
    );
  }
  return lines;
}

function stampsSection(analysis: HeaderAnalysis, paint: Paint): string[] {
  const stamps = analysis.antispam;
  const coded: [string, string | number | null, string | null][] = [
    ["SCL", stamps.scl, meaningOf(SCL_MEANINGS, stamps.scl)],
    ["BCL", stamps.bcl, meaningOf(BCL_MEANINGS, stamps.bcl)],
    ["SFV", stamps.sfv, meaningOf(SFV_MEANINGS, stamps.sfv)],
    ["CAT", stamps.cat, meaningOf(CAT_MEANINGS, stamps.cat)],
    ["SFTY", stamps.sfty, meaningOf(SFTY_MEANINGS, stamps.sfty)],
    ["SRV", stamps.srv, meaningOf(SRV_MEANINGS, stamps.srv)],
    ["IPV", stamps.ipv, meaningOf(IPV_MEANINGS, stamps.ipv)],
    ["DIR", stamps.dir, meaningOf(DIR_MEANINGS, stamps.dir)],
    ["PCL", stamps.pcl, meaningOf(PCL_MEANINGS, stamps.pcl)],
    ["AuthAs", stamps.authAs, meaningOf(AUTH_AS_MEANINGS, stamps.authAs)],
  ];
  const present = coded.filter(([, value]) => value !== null);
  const delivery = stamps.mailboxDelivery;
  const facts = [
    stamps.connectingIp ? `connecting IP ${stamps.connectingIp}` : null,
    stamps.ptr ? `PTR ${stamps.ptr}` : null,
    stamps.helo ? `HELO ${stamps.helo}` : null,
    stamps.country ? `country ${stamps.country}` : null,
    stamps.lang ? `language ${stamps.lang}` : null,
  ].filter((fact): fact is string => fact !== null);
  const latency = stamps.endToEndLatencySeconds;
  if (latency !== null) facts.push(STAMP_LABELS.en.endToEndLatency(String(latency)));
  if (present.length === 0 && !delivery && facts.length === 0) {
    return [heading(paint, "Microsoft anti-spam stamps"), "  None: no Microsoft 365 stamps."];
  }
  const lines = [heading(paint, "Microsoft anti-spam stamps")];
  for (const [name, value, meaning] of present) {
    const code = `${name} ${String(value)}`.padEnd(11);
    lines.push(...wrap(`${code}${meaning ?? "(no documented meaning)"}`, "  ", 11));
  }
  if (delivery) {
    const dest = delivery.dest
      ? `dest ${delivery.dest} (${withoutStop(meaningOf(MAILBOX_DEST_MEANINGS, delivery.dest) ?? "unknown folder")})`
      : "dest unknown";
    const rest = (["ucf", "jmr", "auth"] as const)
      .filter((key) => delivery[key] !== null)
      .map((key) => `${key} ${String(delivery[key])}`);
    lines.push(...wrap(`Mailbox delivery: ${[dest, ...rest].join(", ")}`, "  "));
    const explained: [string, string | number | null, string | null][] = [
      ["OFR", delivery.ofr, meaningOf(OFR_MEANINGS, delivery.ofr)],
      ["RF", delivery.rf, meaningOf(RF_MEANINGS, delivery.rf)],
      ["wl", delivery.wl, meaningOf(WL_MEANINGS, delivery.wl)],
      ["pcwl", delivery.pcwl, meaningOf(PCWL_MEANINGS, delivery.pcwl)],
    ];
    for (const [name, value, meaning] of explained) {
      if (value === null) continue;
      const code = `${name} ${String(value)}`;
      lines.push(...wrap(`${code}: ${meaning ?? "(no documented meaning)"}`, "    "));
    }
  }
  if (facts.length > 0) lines.push(...wrap(facts.join("; "), "  "));
  if (stamps.sfs.length > 0) lines.push(`  ${paint("dim", `${stamps.sfs.length} SFS rule ids`)}`);
  return lines;
}

/** Third-party gateways' verdicts (src/analysis/gateways), each in the analysis's words. */
function gatewaySection(analysis: HeaderAnalysis, paint: Paint): string[] {
  const gateways = analysis.gateways ?? [];
  const front = analysis.gatewayInFront ?? null;
  if (gateways.length === 0 && !front) return [];
  const lines = [heading(paint, "Email gateways")];
  if (front) {
    const where = `${GATEWAY_PRODUCTS[front.vendor]} handed the message to Microsoft 365 (${front.host}${front.ip ? `, ${front.ip}` : ""})`;
    const how = front.enhancedFiltering
      ? "; Enhanced Filtering for Connectors skips it"
      : front.authFailed
        ? "; Microsoft's authentication failed on the gateway's address"
        : "";
    lines.push(...wrap(`In front: ${where}${how}.`, "  "));
  }
  for (const gateway of gateways) {
    const word = `${GATEWAY_PRODUCTS[gateway.vendor]}: ${gatewayVerdictWord(gateway.verdict, "en")}`;
    lines.push(
      ...wrap(`${gateway.counted ? word : paint("dim", word)} - ${gateway.meaning}`, "  "),
    );
    if (gateway.rules.length > 0) lines.push(...wrap(`rules: ${gateway.rules.join(", ")}`, "    "));
  }
  return lines;
}

function routeSection(hops: readonly Hop[], paint: Paint): string[] {
  if (hops.length === 0) return [heading(paint, "Route"), "  No Received headers."];
  const lines = [`${heading(paint, "Route")} ${paint("dim", "(oldest first, times in UTC)")}`];
  for (const hop of hops) {
    const when = hop.date
      ? `${formatInstant(hop.date)}${hop.dateZoneKnown === false ? " (zone unknown, read as UTC)" : ""}`
      : "date unknown";
    const delay = hop.delaySeconds === null ? "" : `  ${formatDelay(hop.delaySeconds)}`;
    const slow = hop.delaySeconds !== null && (hop.delaySeconds >= 1800 || hop.delaySeconds < 0);
    lines.push(
      `  ${String(hop.index).padStart(2)}. ${when}${slow ? paint("yellow", delay) : delay}`,
    );
    const from = hop.from ?? "(unnamed)";
    const ip = hop.fromIp && hop.fromIp !== hop.from ? ` [${hop.fromIp}]` : "";
    const parts = [`from ${from}${ip}`, `by ${hop.by ?? "(unnamed)"}`];
    if (hop.with) parts.push(`with ${hop.with}`);
    if (hop.id) parts.push(`id ${hop.id}`);
    lines.push(...wrap(parts.join(" "), "      "));
  }
  return lines;
}

const GROUPS: { fixableBy: FixableBy | null; title: string }[] = [
  { fixableBy: "user", title: "What you can do" },
  { fixableBy: "admin", title: "What your admin can fix" },
  { fixableBy: "sender", title: "What the sender can fix" },
  { fixableBy: null, title: "For your information" },
];

const SEVERITY: Record<Severity, { label: string; style: Style }> = {
  error: { label: "error", style: "red" },
  warning: { label: "warning", style: "yellow" },
  info: { label: "info", style: "cyan" },
};

/**
 * Threats lead, apart; under a threat nothing is presented as the sender's setup problem, so the
 * sender's group is only the detail of why the checks failed.
 */
function findingsSection(analysis: HeaderAnalysis, remedy: Remedy, paint: Paint): string[] {
  const findings = analysis.verdict.findings;
  if (findings.length === 0) return [heading(paint, "Findings"), "  Nothing to report."];
  const threatIds = threatFindingIds(remedy);
  const threats = findings.filter((finding) => threatIds.has(finding.id));
  const groups = [
    { members: threats, title: "Do not trust this message", details: true },
    ...GROUPS.map((group) => ({
      members: findings.filter(
        (finding) => finding.fixableBy === group.fixableBy && !threats.includes(finding),
      ),
      ...(remedy.threat && group.fixableBy === "sender"
        ? { title: "Why the checks failed (not a setup problem to fix)", details: false }
        : { title: group.title, details: true }),
    })),
  ];
  const lines = [heading(paint, "Findings")];
  for (const { members, title, details } of groups) {
    if (members.length === 0) continue;
    lines.push(`  ${paint("bold", title)}`);
    for (const finding of members) {
      const severity = SEVERITY[finding.severity];
      lines.push(
        ...wrap(`${paint(severity.style, `${severity.label}:`)} ${finding.title}`, "    ", 0),
      );
      if (finding.detail && details) lines.push(...wrap(finding.detail, "      "));
      lines.push(`      ${paint("dim", `(${finding.id})`)}`);
    }
  }
  return lines;
}

function withoutStop(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function formatDelay(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  let rest = Math.abs(seconds);
  if (rest < 60) return `${sign}${Number(rest.toFixed(3))} s`;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = Math.round(rest - minutes * 60);
  return hours > 0 ? `${sign}${hours} h ${minutes} min` : `${sign}${minutes} min ${secs} s`;
}

/**
 * Word-wraps plain text to the report width; `hang` extra spaces indent continuation lines.
 * Escape sequences count toward the width, which only makes coloured lines wrap a little early.
 */
function wrap(text: string, indent: string, hang = 2): string[] {
  const limit = Math.max(40, WIDTH - indent.length);
  const words = text.split(" ");
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const prefixLength = lines.length === 0 ? 0 : hang;
    if (current.length > 0 && prefixLength + current.length + 1 + word.length > limit) {
      lines.push(current);
      current = word;
    } else {
      current = current.length > 0 ? `${current} ${word}` : word;
    }
  }
  if (current.length > 0 || lines.length === 0) lines.push(current);
  return lines.map((line, index) => `${indent}${index === 0 ? "" : " ".repeat(hang)}${line}`);
}
