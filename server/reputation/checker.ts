import type {
  OrganisationFact,
  ReputationQuery,
  ReputationResponse,
} from "../../src/api/reputation-contract";
import type { ReputationConfig } from "../config";
import { canonicalDomain } from "../identity/domain-name";
import { readEvidence } from "../storage/aggregates";
import { proposalDb, proposalStatements, reassessSender } from "../proposals/repository";
import type { ProposalService } from "../proposals/service";
import { YOUNG_DOMAIN_DAYS } from "../proposals/rules";
import type { Store } from "../storage";
import { canonicalIp } from "./addresses";
import { createDnsLookups, type DnsLookups } from "./dns";
import { liveFactsOf, type LiveSubject } from "./live-facts";
import { organisationFactOf } from "./organisation";
import { createRdap, type Rdap } from "./rdap";
import { recordRegistration, registrationOf } from "./registrations";
import { TtlCache } from "./ttl-cache";

/**
 * The reputation answer of one request, and the domain ages the rules need. Every RDAP answer
 * is recorded (registrations.ts); a domain found younger than YOUNG_DOMAIN_DAYS makes the rules
 * re-assess the senders that asked about it, so an open proposal for it is refused at once
 * instead of at the sender's next report. After each report the sender's domain is checked in
 * the background (never inside the report's transaction), once an hour per domain and process.
 */
export interface ReputationChecker {
  answer(
    tenantId: string,
    query: ReputationQuery,
    senderKey: string | null,
  ): Promise<ReputationResponse>;
  /** A report or retraction changed the sender: its organisation facts are read afresh. */
  forget(tenantId: string, senderKey: string): void;
  /** Checks the registrable domain of a sender key after a report, off the request path. */
  checkSenderLater(tenantId: string, senderKey: string): void;
  /** Resolves once the background work started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export interface CheckerDeps {
  config: ReputationConfig;
  store: Store;
  proposals: ProposalService;
  clock?: () => Date;
  dns?: DnsLookups;
  rdap?: Rdap;
  onError?: (error: unknown) => void;
}

const DAY_MS = 86_400_000;
/**
 * The organisation's facts of a sender are kept this long per process: this process forgets
 * them at once when a report or retraction changes the sender; a decision, or a report taken
 * by another process, shows within this time.
 */
export const ORGANISATION_TTL_MS = 5_000;
const BACKGROUND_EVERY_MS = 3_600_000;

function subjectOf(query: ReputationQuery): LiveSubject {
  const domain =
    query.domain === undefined ? null : canonicalDomain(query.domain.trim().toLowerCase());
  const ip = query.ip === undefined ? null : canonicalIp(query.ip);
  return {
    domain: domain?.ok ? { ascii: domain.ascii, registrable: domain.registrable } : null,
    domainProblem: query.domain === undefined ? "no-input" : "invalid-input",
    ip,
    ipProblem: query.ip === undefined ? "no-input" : "invalid-input",
  };
}

function registrableOfKey(senderKey: string): string | null {
  const identity = senderKey.replace(/^unverified:/, "");
  const domain = identity.slice(identity.lastIndexOf("@") + 1);
  const canonical = canonicalDomain(domain);
  return canonical.ok ? canonical.registrable : null;
}

export function createReputationChecker(deps: CheckerDeps): ReputationChecker {
  const { config, store } = deps;
  const clock = deps.clock ?? (() => new Date());
  const dns =
    deps.dns ?? createDnsLookups({ servers: config.dnsServers, timeoutMs: config.factTimeoutMs });
  const rdap =
    deps.rdap ??
    createRdap({ bootstrapUrl: config.rdapBootstrapUrl, timeoutMs: config.factTimeoutMs });
  const statements = proposalStatements(proposalDb(store.db));
  const onError = deps.onError ?? (() => undefined);
  /** What this process last recorded per domain, so a cached answer is written once. */
  const recorded = new Map<string, string | null>();
  const backgroundChecked = new Map<string, number>();
  const reassessed = new Set<string>();
  const organisations = new TtlCache<OrganisationFact>(10_000, () => clock().getTime());
  const orgKey = (tenantId: string, senderKey: string) => `${tenantId}\n${senderKey}`;
  const running = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    const guarded = work.catch(onError);
    running.add(guarded);
    void guarded.finally(() => running.delete(guarded));
  }

  function isYoung(registeredAt: string | null): boolean {
    if (registeredAt === null) return false;
    return clock().getTime() - Date.parse(registeredAt) < YOUNG_DOMAIN_DAYS * DAY_MS;
  }

  async function reassess(tenantId: string, senderKey: string): Promise<void> {
    await store.write(async (trx) => {
      const evidence = await readEvidence(trx, tenantId, senderKey);
      if (evidence) await reassessSender(trx.withTables(), statements, evidence, clock());
    });
    organisations.delete(orgKey(tenantId, senderKey));
  }

  async function record(
    domain: string,
    registeredAt: string | null,
    affected: { tenantId: string; senderKey: string } | null,
  ): Promise<void> {
    if (!recorded.has(domain) || recorded.get(domain) !== registeredAt) {
      const before = await registrationOf(store.db, domain);
      if (before === undefined || before.registeredAt !== registeredAt) {
        await recordRegistration(store.db, domain, registeredAt, clock());
      }
      recorded.set(domain, registeredAt);
    }
    if (!affected || !isYoung(registeredAt)) return;
    // Once per sender and process: its later reports read the recorded age themselves.
    const key = `${affected.tenantId} ${affected.senderKey}`;
    if (reassessed.has(key)) return;
    if (reassessed.size > 50_000) reassessed.clear();
    reassessed.add(key);
    await reassess(affected.tenantId, affected.senderKey);
  }

  async function organisation(
    tenantId: string,
    senderKey: string | null,
  ): Promise<OrganisationFact> {
    if (senderKey === null) return organisationFactOf(store, deps.proposals, tenantId, null);
    try {
      return await organisations.get(orgKey(tenantId, senderKey), async () => ({
        value: await organisationFactOf(store, deps.proposals, tenantId, senderKey),
        ttlMs: ORGANISATION_TTL_MS,
      }));
    } catch (error) {
      onError(error);
      return { state: "not-checked", reason: "server-error" };
    }
  }

  return {
    async answer(tenantId, query, senderKey) {
      const subject = subjectOf(query);
      const senderDomain = senderKey === null ? null : registrableOfKey(senderKey);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<OrganisationFact>((resolve) => {
        timer = setTimeout(
          () => resolve({ state: "not-checked", reason: "timeout" }),
          config.factTimeoutMs,
        );
      });
      try {
        const [organisationFact, live] = await Promise.all([
          Promise.race([organisation(tenantId, senderKey), late]),
          liveFactsOf(
            {
              dns,
              rdap,
              blocklists: config.dnsBlocklists,
              deadlineMs: config.factTimeoutMs,
              clock: () => clock().getTime(),
              onRegistration: (domain, registeredAt) =>
                track(
                  record(
                    domain,
                    registeredAt,
                    senderKey !== null && senderDomain === domain ? { tenantId, senderKey } : null,
                  ),
                ),
            },
            subject,
          ),
        ]);
        return {
          domain: subject.domain?.ascii ?? null,
          ip: subject.ip?.ip ?? null,
          organisation: organisationFact,
          live,
          checkedAt: clock().toISOString(),
        };
      } finally {
        clearTimeout(timer);
      }
    },

    forget(tenantId, senderKey) {
      organisations.delete(orgKey(tenantId, senderKey));
    },

    checkSenderLater(tenantId, senderKey) {
      const domain = registrableOfKey(senderKey);
      if (domain === null) return;
      const now = clock().getTime();
      const last = backgroundChecked.get(`${tenantId} ${senderKey}`);
      if (last !== undefined && now - last < BACKGROUND_EVERY_MS) return;
      backgroundChecked.set(`${tenantId} ${senderKey}`, now);
      if (backgroundChecked.size > 50_000) backgroundChecked.clear();
      track(
        (async () => {
          // After the report's transaction: the lookup never holds it open.
          await new Promise((resolve) => setImmediate(resolve));
          const answer = await rdap.registration(domain);
          if (answer.kind === "found") {
            await record(domain, answer.registeredAt, { tenantId, senderKey });
          }
        })(),
      );
    },

    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
