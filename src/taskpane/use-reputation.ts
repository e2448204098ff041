import { useEffect, useState } from "react";
import type { HeaderAnalysis } from "../analysis";
import { remedyOf, type Remedy } from "../analysis/remedy";
import type { VouchApi } from "../api/client";
import type { ReputationQuery, ReputationResponse } from "../api/reputation-contract";

export type ReputationState =
  | { phase: "signed-out" }
  | { phase: "loading" }
  | { phase: "ready"; value: ReputationResponse }
  | { phase: "unavailable" };

/** What the pane asks the service about: the From domain and address, the sending IP. */
export function reputationQueryOf(
  analysis: HeaderAnalysis,
  remedy: Remedy,
  internetMessageId: string | null,
): ReputationQuery {
  const from = analysis.message.from;
  const ip = analysis.antispam.connectingIp;
  const address = from?.address ?? "";
  const query: ReputationQuery = {};
  // Headers can say anything: what the service would refuse as a query is left out instead.
  if (from?.domain && from.domain.length <= 253) query.domain = from.domain;
  if (ip && ip.length >= 2 && ip.length <= 45) query.ip = ip;
  if (address.length >= 3 && address.length <= 320) {
    query.from = address;
    if (remedy.identity) query.vouchedBy = remedy.identity.via;
  } else if (internetMessageId && internetMessageId.length <= 998) {
    query.internetMessageId = internetMessageId;
  }
  return query;
}

/**
 * The reputation request, started only once `start` is true: the pane sets it after the
 * verdict has painted (the deferred render), so the request never delays the verdict.
 */
export function useReputation(
  api: VouchApi | null,
  query: ReputationQuery,
  start: boolean,
): ReputationState {
  const key = start ? JSON.stringify(query) : null;
  const [answer, setAnswer] = useState<{ key: string; state: ReputationState } | null>(null);
  useEffect(() => {
    if (!api || key === null) return;
    let current = true;
    void api.reputation(JSON.parse(key) as ReputationQuery).then((result) => {
      if (!current) return;
      setAnswer({
        key,
        state: result.ok ? { phase: "ready", value: result.value } : { phase: "unavailable" },
      });
    });
    return () => {
      current = false;
    };
  }, [api, key]);
  if (!api) return { phase: "signed-out" };
  return answer !== null && answer.key === key ? answer.state : { phase: "loading" };
}

/**
 * The policy DMARC applied to this From domain, as the service found it published: the
 * organisational domain's sp= when the record was found there for a subdomain.
 */
function livePolicyOf(value: ReputationResponse): string | null {
  const fact = value.live.dmarc;
  if (fact.state !== "checked") return null;
  const inherited = fact.domain !== null && value.domain !== null && fact.domain !== value.domain;
  return inherited ? (fact.subdomainPolicy ?? fact.policy) : fact.policy;
}

/**
 * A DMARC failure is a threat when the domain's owner publishes p=reject (remedy.ts,
 * "dmarc-reject"). Microsoft's Authentication-Results often omit the policy; then the policy the
 * service looked up itself decides, and the shared rule module answers with it.
 */
export function remedyWithLivePolicy(
  analysis: HeaderAnalysis,
  remedy: Remedy,
  value: ReputationResponse | null,
): Remedy {
  const dmarc = analysis.auth.dmarc;
  if (!value || remedy.situation === "threat" || dmarc?.result !== "fail" || dmarc.policy) {
    return remedy;
  }
  const policy = livePolicyOf(value);
  if (policy !== "reject") return remedy;
  return remedyOf({ ...analysis, auth: { ...analysis.auth, dmarc: { ...dmarc, policy } } });
}
