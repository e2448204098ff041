import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeHeaders, headerAnalysisSchema } from "../../../src/analysis";

/** Runs the real command line, `node bin/vouch.mjs analyze ...`, as a child process. */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const sample = (id: string) => join(root, "samples", `${id}.eml`);

function vouch(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !("NO_COLOR" in options.env)) delete env.NO_COLOR;
  if (!options.env || !("FORCE_COLOR" in options.env)) delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, ["bin/vouch.mjs", "analyze", ...args], {
    cwd: root,
    input: options.input ?? "",
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const HEADERS = [
  "Received: from mail.sender.example (mail.sender.example [192.0.2.10]) by mx.trusted.example",
  " with ESMTPS id 4AbC; Mon, 1 Jan 2024 10:00:05 +0000",
  "Authentication-Results: mx.other.example; spf=fail smtp.mailfrom=sender.example",
  "Authentication-Results: mx.trusted.example; spf=pass smtp.mailfrom=sender.example;",
  " dkim=pass header.d=sender.example header.s=s1; dmarc=pass header.from=sender.example",
  "From: =?utf-8?Q?Caf=C3=A9?= Team <team@sender.example>",
  "Subject: =?utf-8?B?UmVjZWlwdCDigqwxMA==?=",
  "Date: Mon, 1 Jan 2024 10:00:00 +0000",
  "Message-ID: <abc@sender.example>",
].join("\r\n");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vouch-analyze-"));
  writeFileSync(join(dir, "headers.txt"), HEADERS);
  writeFileSync(
    join(dir, "whole.eml"),
    `${HEADERS}\r\n\r\nSubject: this line is the body, not a header\r\nFrom: body@evil.example\r\n`,
  );
  writeFileSync(join(dir, "binary.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, "stray-nul.txt"), HEADERS.replace("Subject: ", "Subject: \u0000"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("vouch analyze (the real command, as a child process)", { timeout: 120_000 }, () => {
  it("--json prints one analysis the schema accepts, identical to the engine's", () => {
    const file = sample("azure-service-notice");
    const result = vouch(["--json", file]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const printed: unknown = JSON.parse(result.stdout);
    expect(headerAnalysisSchema.safeParse(printed).success).toBe(true);
    expect(printed).toEqual(analyzeHeaders(readFileSync(file, "utf8")));
  });

  it("--json prints one object per line for several inputs, in order", () => {
    const files = ["bulk-newsletter", "blocked-sender", "user-settings-nspm"].map(sample);
    const result = vouch(["--json", ...files]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    lines.forEach((line, index) => {
      const parsed: unknown = JSON.parse(line);
      expect(headerAnalysisSchema.safeParse(parsed).success).toBe(true);
      expect(parsed).toEqual(analyzeHeaders(readFileSync(files[index] as string, "utf8")));
    });
  });

  it("reads standard input with '-' and with no FILE at all", () => {
    for (const args of [["--json", "-"], ["--json"]]) {
      const result = vouch(args, { input: HEADERS });
      expect(result.status).toBe(0);
      const parsed = headerAnalysisSchema.parse(JSON.parse(result.stdout));
      expect(parsed.message.subject).toBe("Receipt €10");
      expect(parsed.message.from).toEqual({
        address: "team@sender.example",
        name: "Café Team",
        domain: "sender.example",
      });
      expect(parsed.hops[0]?.fromIp).toBe("192.0.2.10");
    }
  });

  it("reads only the headers of a whole .eml", () => {
    const result = vouch(["--json", join(dir, "whole.eml")]);
    const parsed = headerAnalysisSchema.parse(JSON.parse(result.stdout));
    expect(parsed.message.subject).toBe("Receipt €10");
    expect(parsed.message.from?.address).toBe("team@sender.example");
  });

  it("trusts the topmost Authentication-Results, or the one --trust-authserv names", () => {
    const file = join(dir, "headers.txt");
    const untrusting = headerAnalysisSchema.parse(JSON.parse(vouch(["--json", file]).stdout));
    expect(untrusting.auth.source?.authservId).toBe("mx.other.example");
    expect(untrusting.auth.spf?.result).toBe("fail");
    const trusting = headerAnalysisSchema.parse(
      JSON.parse(vouch(["--json", "--trust-authserv", "mx.trusted.example", file]).stdout),
    );
    expect(trusting.auth.source?.authservId).toBe("mx.trusted.example");
    expect(trusting.auth.spf?.result).toBe("pass");
  });

  it("names each unreadable file in one line on stderr, exits 2, and still analyses the rest", () => {
    const missing = join(dir, "missing.eml");
    const binary = join(dir, "binary.bin");
    const result = vouch(["--json", missing, join(dir, "headers.txt"), dir, binary]);
    expect(result.status).toBe(2);
    const errors = result.stderr.trimEnd().split("\n");
    expect(errors).toHaveLength(3);
    expect(errors[0]).toBe(`vouch analyze: ${missing}: no such file`);
    expect(errors[1]).toBe(`vouch analyze: ${dir}: is a directory, not a file`);
    expect(errors[2]).toMatch(new RegExp(`^vouch analyze: ${binary}: binary data`));
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(headerAnalysisSchema.parse(JSON.parse(lines[0] as string)).message.messageId).toBe(
      "<abc@sender.example>",
    );
  });

  it("analyses a header block with a stray NUL byte and flags it instead of calling it binary", () => {
    const result = vouch(["--json", join(dir, "stray-nul.txt")]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const analysis = headerAnalysisSchema.parse(JSON.parse(result.stdout));
    expect(analysis.message.messageId).toBe("<abc@sender.example>");
    const unreadable = analysis.verdict.findings.find((f) => f.id === "unreadable-headers");
    expect(unreadable?.detail).toContain("NUL byte");
  });

  it("prints a readable report without colour when not on a terminal", () => {
    const result = vouch([sample("vendor-invoice-compauth")]);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain("\x1b[");
    for (const section of [
      "Subject:",
      "From:",
      "Verdict:",
      "Authentication",
      "Microsoft anti-spam stamps",
      "Route (oldest first",
      "Findings",
      "What the sender can fix",
    ]) {
      expect(result.stdout).toContain(section);
    }
    expect(result.stdout).toMatch(/compauth\s+fail\s+reason 001/);
    expect(result.stdout).toMatch(/SCL 5\s+\S/);
  });

  it("names a threat first, and never as the sender's setup problem", () => {
    const result = vouch([sample("phishing-impersonation")]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    const verdict = lines.findIndex((line) => line.startsWith("Verdict:"));
    expect(lines[verdict]).toContain("DO NOT TRUST");
    expect(result.stdout.replace(/\n\s+/g, " ")).toContain("Report > Phishing");
    const findings = result.stdout.slice(result.stdout.indexOf("Findings"));
    expect(findings.indexOf("Do not trust this message")).toBeLessThan(
      findings.indexOf("Why the checks failed"),
    );
    expect(findings).not.toContain("What the sender can fix");
    expect(result.stdout).not.toContain("must add this server to its SPF record");
  });

  it("says what to do for mail that is only junked", () => {
    const result = vouch([sample("azure-service-notice")]);
    const unwrapped = result.stdout.replace(/\n {9}/g, " ");
    const advice = unwrapped.split("\n").find((line) => line.startsWith("Advice:")) ?? "";
    expect(advice).toContain("report it as not spam");
    expect(result.stdout).not.toContain("DO NOT TRUST");
  });

  it("spells out escape sequences and bidi overrides a sender hid in header values", () => {
    const hostile = Buffer.from("\x1b]0;owned\x07\x1b[2J\u202eevil", "utf8").toString("base64");
    const result = vouch([], {
      input: `Subject: =?utf-8?B?${hostile}?=\r\nFrom: a@b.example\r\n`,
      env: { FORCE_COLOR: "1" },
    });
    expect(result.status).toBe(0);
    const subjectLine = result.stdout.split("\n").find((line) => line.includes("Subject:")) ?? "";
    expect(subjectLine).toContain("\\x1b]0;owned\\x07\\x1b[2J\\u202eevil");
    expect(result.stdout).not.toContain("\x1b[2J");
    expect(result.stdout).not.toContain("\u202e");
  });

  it("colours the report when forced, and never when NO_COLOR is set", () => {
    const file = sample("vendor-invoice-compauth");
    expect(vouch([file], { env: { FORCE_COLOR: "1" } }).stdout).toContain("\x1b[");
    const both = vouch([file], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(both.stdout).not.toContain("\x1b[");
  });

  it("--help prints the usage; an unknown option is a usage error", () => {
    const help = vouch(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage: vouch analyze [--json] [--trust-authserv ID]...");
    const wrong = vouch(["--jsn"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.split("\n")[0]).toBe('vouch analyze: unknown option "--jsn"');
    expect(vouch(["--trust-authserv"]).status).toBe(2);
  });
});
