/**
 * Cisco Secure Email (IronPort) stamps. Cisco's user guide ("Headers Added During Anti-Spam
 * Scanning") says every message an anti-spam engine scanned gets `X-IronPort-Anti-Spam-Filtered:
 * true` and `X-IronPort-Anti-Spam-Result: <result>`, whose result "is encoded proprietary
 * information and is not customer-decodable"; `X-IronPort-AV` names the anti-virus engine
 * (E=Sophos/McAfee). So the stamps prove a scan, never a verdict: a spam verdict shows only in a
 * subject tag or a custom header the admin configured.
 */
import type { Decoded, VendorDecoder } from "./decoder";
import { fieldOf } from "./decoder";
import { clipRule } from "./words";

function avEngine(value: string): string | null {
  // `E=Sophos;i="5.11,502,1422939600"; d="scan'208,217";a="54"`: the E= tag names the engine.
  let start = 0;
  while (start <= value.length) {
    const semicolon = value.indexOf(";", start);
    const end = semicolon < 0 ? value.length : semicolon;
    const piece = value.slice(start, end).trim();
    if (piece.length > 2 && (piece[0] === "E" || piece[0] === "e") && piece[1] === "=") {
      const engine = piece.slice(2).trim();
      return engine.length > 0 ? clipRule(`AV engine ${engine}`) : null;
    }
    start = end + 1;
  }
  return null;
}

export function decodeCisco(fields: Parameters<VendorDecoder["decode"]>[0]): Decoded | null {
  const filtered = fieldOf(fields, "x-ironport-anti-spam-filtered");
  const result = fieldOf(fields, "x-ironport-anti-spam-result");
  const av = fieldOf(fields, "x-ironport-av");
  if (!filtered && !result && !av) return null;
  const engine = av ? avEngine(av.value) : null;
  return { verdict: "scanned", score: null, threshold: null, rules: engine ? [engine] : [] };
}

export const cisco: VendorDecoder = {
  vendor: "cisco",
  prefixes: ["x-ironport-"],
  decode: decodeCisco,
};
