/**
 * Barracuda Email Security Gateway's stamps: `X-Barracuda-Spam-Score: 3.60`,
 * `X-Barracuda-Spam-Status: Yes, SCORE=3.60 using per-user scores of TAG_LEVEL=3.5
 * QUARANTINE_LEVEL=9.0 KILL_LEVEL=1000.0 tests=BSF_SC0_MISMATCH_TO, HTML_MESSAGE` and
 * `X-Barracuda-Spam-Flag: YES` on tagged mail. Its score levels act in order: at TAG_LEVEL the
 * message is tagged, at QUARANTINE_LEVEL quarantined, at KILL_LEVEL blocked.
 */
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { keyValueWords, parseDecimal, ruleList, yesNo } from "./words";

export function decodeBarracuda(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const status = fieldOf(fields, "x-barracuda-spam-status");
  const scoreField = fieldOf(fields, "x-barracuda-spam-score");
  const flag = fieldOf(fields, "x-barracuda-spam-flag");
  if (!status && !scoreField && !flag) return null;
  const decoded: Decoded = { verdict: "unknown", score: null, threshold: null, rules: [] };
  let spam: boolean | null = flag ? yesNo(flag.value) : null;
  let tag: number | null = null;
  let quarantine: number | null = null;
  let kill: number | null = null;
  if (status) {
    const { lead, pairs } = keyValueWords(status.value);
    spam = yesNo(lead[0]) ?? spam;
    decoded.score = parseDecimal(pairs.get("score"));
    tag = parseDecimal(pairs.get("tag_level"));
    quarantine = parseDecimal(pairs.get("quarantine_level"));
    kill = parseDecimal(pairs.get("kill_level"));
    decoded.rules = ruleList(pairs.get("tests"));
  }
  if (decoded.score === null && scoreField) decoded.score = parseDecimal(scoreField.value);
  const score = decoded.score;
  if (score !== null && kill !== null && score >= kill) {
    decoded.verdict = "spam";
    decoded.threshold = kill;
  } else if (score !== null && quarantine !== null && score >= quarantine) {
    decoded.verdict = "spam";
    decoded.threshold = quarantine;
  } else if (score !== null && tag !== null && score >= tag) {
    decoded.verdict = "suspect";
    decoded.threshold = tag;
  } else if (spam === true) {
    decoded.verdict = "suspect";
    decoded.threshold = tag;
  } else if (spam === false || (score !== null && tag !== null)) {
    decoded.verdict = "not-spam";
    decoded.threshold = tag;
  }
  return decoded;
}

export const barracuda: VendorDecoder = {
  vendor: "barracuda",
  prefixes: ["x-barracuda-"],
  decode: decodeBarracuda,
};
