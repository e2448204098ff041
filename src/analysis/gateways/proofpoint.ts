/**
 * Proofpoint Email Protection's stamps: `X-Proofpoint-Spam-Details: rule=notspam policy=default
 * score=0 spamscore=0 phishscore=0 ... classifier=spam adjust=0 reason=mlx engine=...`, where
 * `rule=` names the spam rule that decided (notspam, spam, bulk, phish, malware...,
 * `outbound_*` on a sending organisation's outbound filter), and `X-Proofpoint-Virus-Version`
 * (the anti-virus engine that scanned it). The score has no threshold in the stamp: the policy
 * holds it.
 */
import type { GatewayVerdictKind } from "../types";
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { clipRule, keyValueWords, parseDecimal } from "./words";

/** Per-classifier scores worth naming when above zero (mlxlogscore and clxscore are not verdicts). */
const CLASSIFIER_SCORES = [
  "spamscore",
  "phishscore",
  "malwarescore",
  "bulkscore",
  "adultscore",
  "impostorscore",
  "suspectscore",
  "mlxscore",
];

/** The verdict a rule name states; the most specific word wins ("notspam" is not "spam"). */
export function proofpointRuleVerdict(rule: string): GatewayVerdictKind {
  const name = rule.toLowerCase();
  if (name.includes("notspam")) return "not-spam";
  if (name.includes("phish")) return "phishing";
  if (name.includes("malware") || name.includes("virus")) return "malware";
  if (name.includes("impostor")) return "impersonation";
  if (name.includes("bulk")) return "bulk";
  if (name.includes("suspect")) return "suspect";
  if (name.includes("spam")) return "spam";
  if (name.includes("safe")) return "allowed";
  if (name.includes("block")) return "blocked";
  return "unknown";
}

export function decodeProofpoint(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const details = fieldOf(fields, "x-proofpoint-spam-details");
  const virus = fieldOf(fields, "x-proofpoint-virus-version");
  if (!details && !virus) return null;
  if (!details) return { verdict: "scanned", score: null, threshold: null, rules: [] };
  const { pairs } = keyValueWords(details.value);
  const rule = pairs.get("rule") ?? "";
  const rules = rule ? [clipRule(`rule=${rule}`)] : [];
  for (const name of CLASSIFIER_SCORES) {
    const value = parseDecimal(pairs.get(name));
    if (value !== null && value > 0) rules.push(`${name}=${value}`);
  }
  return {
    verdict: rule ? proofpointRuleVerdict(rule) : "unknown",
    score: parseDecimal(pairs.get("score")),
    threshold: null,
    rules,
    outbound: rule.toLowerCase().startsWith("outbound"),
  };
}

export const proofpoint: VendorDecoder = {
  vendor: "proofpoint",
  prefixes: ["x-proofpoint-"],
  decode: decodeProofpoint,
};
