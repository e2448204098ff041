import type { HeaderAnalysis } from "./types";

/**
 * Which mechanism of the trusted Authentication-Results vouched for the From domain. "arc":
 * Microsoft's composite authentication passed with reason 130, i.e. the ARC seal of a sealer
 * the tenant trusts carried the original SPF/DKIM/DMARC pass across a forwarder that broke them
 * (platform-facts.md §4, compauth reasons).
 */
export type VouchedBy = "dmarc" | "dkim" | "spf" | "arc";

export interface AuthenticatedSender {
  /** The From address, lower case. */
  address: string;
  /** The From domain, lower case. */
  domain: string;
  via: VouchedBy;
}

/**
 * The From identity as vouched for by the trusted authentication: a DMARC pass for the From
 * domain, else an aligned DKIM pass, else an aligned SPF pass. Null when nothing vouches for
 * it, which is what a forged From looks like. `bestguesspass` does not count: it means the
 * domain publishes no DMARC policy at all. Last, compauth=pass reason=130 (a trusted ARC sealer
 * vouched for the original authentication); only the trusted header can say so, so a sender
 * cannot claim it.
 */
export function authenticatedSender(analysis: HeaderAnalysis): AuthenticatedSender | null {
  const from = analysis.message.from;
  if (!from) return null;
  const address = from.address.toLowerCase();
  const domain = from.domain.toLowerCase();
  const { dmarc, dkim, spf } = analysis.auth;
  if (
    dmarc?.result === "pass" &&
    (dmarc.domain === null || dmarc.domain.toLowerCase() === domain)
  ) {
    return { address, domain, via: "dmarc" };
  }
  if (dkim.some((signature) => signature.result === "pass" && signature.aligned === true)) {
    return { address, domain, via: "dkim" };
  }
  if (spf?.result === "pass" && spf.aligned === true) return { address, domain, via: "spf" };
  const { compauth } = analysis.auth;
  if (compauth?.result === "pass" && compauth.reason === "130") {
    return { address, domain, via: "arc" };
  }
  return null;
}
