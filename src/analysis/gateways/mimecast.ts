/**
 * Mimecast's stamps. `X-Mimecast-Spam-Score: <n>` is the message's spam score: "the higher the
 * score, the more spam characteristics it has", and 28 or more is rejected in protocol whatever
 * the policy (Mimecast, "Message Insight - Spam Score"); which action the Spam Scanning policy
 * took is not in the stamp. `X-Mimecast-Impersonation-Protect: Policy=...;Similar Internal
 * Domain=false;Newly Observed Domain=true;...` lists Impersonation Protect's detectors, each
 * true or false. `X-Mimecast-Bulk-Signature` marks bulk mail; `X-Mimecast-Spam-Signature` names
 * a spam signature (kept as a rule: Mimecast does not document what follows from it).
 */
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { bounded, clipRule, MAX_RULES, parseDecimal, yesNo } from "./words";

/** The detectors an Impersonation Protect stamp reports as true (its Policy= names the policy). */
export function impersonationHits(value: string): string[] {
  const text = bounded(value);
  const hits: string[] = [];
  let start = 0;
  while (start <= text.length && hits.length < MAX_RULES) {
    const semicolon = text.indexOf(";", start);
    const end = semicolon < 0 ? text.length : semicolon;
    const equals = text.indexOf("=", start);
    if (equals > start && equals < end) {
      const name = text.slice(start, equals).trim();
      if (name.toLowerCase() !== "policy" && yesNo(text.slice(equals + 1, end)) === true) {
        hits.push(clipRule(name));
      }
    }
    start = end + 1;
  }
  return hits;
}

export function decodeMimecast(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const score = fieldOf(fields, "x-mimecast-spam-score");
  const impersonation = fieldOf(fields, "x-mimecast-impersonation-protect");
  const spamSignature = fieldOf(fields, "x-mimecast-spam-signature");
  const bulkSignature = fieldOf(fields, "x-mimecast-bulk-signature");
  if (!score && !impersonation && !spamSignature && !bulkSignature) return null;
  const decoded: Decoded = {
    verdict: "unknown",
    score: score ? parseDecimal(score.value) : null,
    threshold: null,
    rules: [],
  };
  const hits = impersonation ? impersonationHits(impersonation.value) : [];
  if (hits.length > 0) {
    decoded.verdict = "impersonation";
    decoded.rules.push(...hits);
  } else if (bulkSignature) {
    decoded.verdict = "bulk";
  }
  if (spamSignature) decoded.rules.push(clipRule(`spam signature ${spamSignature.value}`));
  if (bulkSignature) decoded.rules.push(clipRule(`bulk signature ${bulkSignature.value}`));
  return decoded;
}

export const mimecast: VendorDecoder = {
  vendor: "mimecast",
  prefixes: ["x-mimecast-"],
  decode: decodeMimecast,
};
