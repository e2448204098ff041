/**
 * Apache SpamAssassin's stamps, in the default `add_header` templates of
 * Mail::SpamAssassin::Conf: `X-Spam-Status: Yes, score=6.3 required=5.0 tests=A,B
 * autolearn=no version=4.0.0` (older versions write `hits=`), `X-Spam-Flag: YES` on spam only,
 * and `X-Spam-Score` where an MTA glue (amavis, Exim) writes the score alone.
 */
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { keyValueWords, parseDecimal, ruleList, yesNo } from "./words";

export function decodeSpamAssassin(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const status = fieldOf(fields, "x-spam-status");
  const flag = fieldOf(fields, "x-spam-flag");
  const scoreField = fieldOf(fields, "x-spam-score");
  if (!status && !flag && !scoreField) return null;
  const decoded: Decoded = { verdict: "unknown", score: null, threshold: null, rules: [] };
  if (status) {
    const { lead, pairs } = keyValueWords(status.value);
    const spam = yesNo(lead[0]);
    if (spam !== null) decoded.verdict = spam ? "spam" : "not-spam";
    decoded.score = parseDecimal(pairs.get("score") ?? pairs.get("hits"));
    decoded.threshold = parseDecimal(pairs.get("required"));
    decoded.rules = ruleList(pairs.get("tests")).filter((rule) => rule.toLowerCase() !== "none");
  }
  if (flag) {
    const spam = yesNo(flag.value);
    if (spam === true) decoded.verdict = "spam";
    else if (spam === false && decoded.verdict === "unknown") decoded.verdict = "not-spam";
  }
  if (decoded.score === null && scoreField) decoded.score = parseDecimal(scoreField.value);
  if (decoded.verdict === "unknown" && decoded.score !== null && decoded.threshold !== null) {
    decoded.verdict = decoded.score >= decoded.threshold ? "spam" : "not-spam";
  }
  return decoded;
}

export const spamAssassin: VendorDecoder = {
  vendor: "spamassassin",
  prefixes: ["x-spam-"],
  decode: decodeSpamAssassin,
};
