import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeHeaders } from "../../../src/analysis/analyze";
import { languageOf } from "../../../src/analysis/language";
import {
  compauthMeaning,
  compauthReasonMeaning,
  meaningOf,
  SFV_MEANINGS,
} from "../../../src/analysis/meanings";

const SAMPLES = join(import.meta.dirname, "../../../samples");
const samples = readdirSync(SAMPLES)
  .filter((name) => name.endsWith(".eml"))
  .map((name) => [name, readFileSync(join(SAMPLES, name), "utf8")] as const);

describe("the findings in German", () => {
  it.each(samples)("%s: the same findings as in English, every word German", (_, raw) => {
    const english = analyzeHeaders(raw);
    const german = analyzeHeaders(raw, { language: "de" });
    const facts = (analysis: typeof english) =>
      analysis.verdict.findings.map(({ id, severity, fixableBy }) => ({ id, severity, fixableBy }));
    expect(facts(german)).toEqual(facts(english));
    // Only the words differ: everything else of the contract is language-free.
    expect({ ...german, verdict: null, auth: { ...german.auth, compauth: null } }).toEqual({
      ...english,
      verdict: null,
      auth: { ...english.auth, compauth: null },
    });
    german.verdict.findings.forEach((finding, index) => {
      const inEnglish = english.verdict.findings[index]!;
      expect(finding.title).not.toBe(inEnglish.title);
      expect(finding.detail).not.toBe(inEnglish.detail);
      expect(finding.detail).not.toMatch(/\b(the|and|this|your|sender)\b/);
    });
    if (german.auth.compauth) {
      expect(german.auth.compauth.meaning).toMatch(/zusammengesetzte Authentifizierung/);
    }
  });

  it("quotes German style and keeps technical tokens", () => {
    const raw = samples.find(([name]) => name === "phishing-impersonation.eml")![1];
    const finding = analyzeHeaders(raw, { language: "de" }).verdict.findings.find(
      (candidate) => candidate.id === "impersonation-domain",
    )!;
    expect(finding.detail).toMatch(/„[a-z.]+“/);
    expect(finding.detail).toContain("SFTY:9.19");
  });
});

describe("meanings in German", () => {
  it("looks codes up in the reader's language, English by default", () => {
    expect(meaningOf(SFV_MEANINGS, "spm")).toMatch(/is spam/);
    expect(meaningOf(SFV_MEANINGS, "spm", "de")).toMatch(/Spam ist/);
    expect(meaningOf(SFV_MEANINGS, "XYZ", "de")).toBeNull();
  });

  it("explains compauth reasons and their families in German", () => {
    expect(compauthReasonMeaning("001", "de")).toMatch(/^Impliziter Fehlschlag/);
    expect(compauthReasonMeaning("601", "de")).toMatch(/eigenen Domänen/);
    expect(compauthReasonMeaning("x", "de")).toBeNull();
    expect(compauthMeaning("pass", "100", "de")).toMatch(/\(Grund 100\)\.$/);
    expect(compauthMeaning("odd", null, "de")).toContain("„odd“");
  });

  it("reads the language from a BCP 47 tag", () => {
    expect(languageOf("de-DE")).toBe("de");
    expect(languageOf("de-AT")).toBe("de");
    expect(languageOf("DE")).toBe("de");
    expect(languageOf("en-US")).toBe("en");
    expect(languageOf("dev")).toBe("en");
    expect(languageOf("")).toBe("en");
  });
});
