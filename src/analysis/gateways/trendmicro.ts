/**
 * Trend Micro's stamps. Trend Vision One's "Antispam Engine scan details" documents
 * `X-TMASE-Result` as `<TrendType>-<Spam Score>-<Spam Threshold>` (a negative score gives a
 * doubled dash: `10--14.460600-8.000000`); ScanMail and the other products write
 * `X-TM-AS-Result: No-10--14.460600-8.000000` (older: `No--8.429700-4.000000-31`), the same
 * numbers after a Yes/No spam answer. `X-TM-AS-User-Approved-Sender` and
 * `X-TM-AS-User-Blocked-Sender: Yes` mean an approved or blocked sender list matched.
 */
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { bounded, parseDecimal, yesNo } from "./words";

interface DashFields {
  answer: boolean | null;
  /** The numbers written with a decimal point: score, then threshold. */
  decimals: number[];
}

/** Splits a dash-separated result; an empty piece makes the next number negative. */
export function dashFields(value: string): DashFields {
  const pieces = bounded(value).trim().split("-").slice(0, 12);
  let answer: boolean | null = null;
  const decimals: number[] = [];
  let negative = false;
  pieces.forEach((piece, index) => {
    const text = piece.trim();
    if (text === "") {
      negative = true;
      return;
    }
    if (index === 0 && yesNo(text) !== null) {
      answer = yesNo(text);
      return;
    }
    const number = parseDecimal(text);
    if (number !== null && text.includes(".")) decimals.push(negative ? -number : number);
    negative = false;
  });
  return { answer, decimals };
}

export function decodeTrendMicro(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const asResult = fieldOf(fields, "x-tm-as-result");
  const tmaseResult = fieldOf(fields, "x-tmase-result");
  const approved = fieldOf(fields, "x-tm-as-user-approved-sender");
  const blocked = fieldOf(fields, "x-tm-as-user-blocked-sender");
  if (!asResult && !tmaseResult && !approved && !blocked) return null;
  const result = dashFields((asResult ?? tmaseResult)?.value ?? "");
  const decoded: Decoded = {
    verdict: "unknown",
    score: result.decimals[0] ?? null,
    threshold: result.decimals[1] ?? null,
    rules: [],
  };
  if (blocked && yesNo(blocked.value) === true) {
    decoded.verdict = "blocked";
    decoded.rules.push("user blocked sender");
  } else if (approved && yesNo(approved.value) === true) {
    decoded.verdict = "allowed";
    decoded.rules.push("user approved sender");
  } else if (result.answer !== null) {
    decoded.verdict = result.answer ? "spam" : "not-spam";
  } else if (decoded.score !== null && decoded.threshold !== null) {
    decoded.verdict = decoded.score >= decoded.threshold ? "spam" : "not-spam";
  }
  return decoded;
}

export const trendMicro: VendorDecoder = {
  vendor: "trendmicro",
  prefixes: ["x-tm-as-", "x-tmase-"],
  decode: decodeTrendMicro,
};
