import type {
  BlocklistFact,
  DmarcFact,
  DomainAgeFact,
  MxFact,
  NotChecked,
  NotCheckedReason,
  ReputationResponse,
  ReverseDnsFact,
  SpfFact,
} from "../../src/api/reputation-contract";
import { blocklistQueryName, canonicalIp, isPublicIp } from "./addresses";
import type { DnsLookups } from "./dns";
import type { Rdap } from "./rdap";
import { checkSpf, isDmarcRecord, isSpfRecord, parseDmarc } from "./records";

/**
 * The live facts of one request: each fact looked up in parallel (through the caches), each
 * given the same deadline. A fact that misses it says "not checked (timeout)"; its lookup goes
 * on and lands in the cache for the next request.
 */
export interface LiveFactsDeps {
  dns: DnsLookups;
  rdap: Rdap;
  /** DNS blocklist zones the admin configured (VOUCH_DNS_BLOCKLISTS); none by default. */
  blocklists: readonly string[];
  deadlineMs: number;
  clock?: () => number;
  /** Told of every registration date RDAP gave (the rules' domain-age fact, registrations.ts). */
  onRegistration?: (domain: string, registeredAt: string | null) => void;
}

export interface LiveSubject {
  /** The From domain, canonical A-labels, and its registrable domain; null when none. */
  domain: { ascii: string; registrable: string } | null;
  domainProblem: "no-input" | "invalid-input";
  ip: { ip: string; family: 4 | 6 } | null;
  ipProblem: "no-input" | "invalid-input";
}

export type LiveFacts = ReputationResponse["live"];

const DAY_MS = 86_400_000;

function notChecked(reason: NotCheckedReason): NotChecked {
  return { state: "not-checked", reason };
}

async function dmarcFact(dns: DnsLookups, domain: string, registrable: string): Promise<DmarcFact> {
  // RFC 7489 §6.6.3: the From domain's own record, else the organisational domain's.
  for (const at of domain === registrable ? [domain] : [domain, registrable]) {
    const answer = await dns.txt(`_dmarc.${at}`);
    if (answer.kind === "failed") return notChecked(answer.reason);
    const records = answer.kind === "records" ? answer.records.filter(isDmarcRecord) : [];
    if (records.length === 0) continue;
    const base = { state: "checked" as const, domain: at };
    if (records.length > 1) {
      return {
        ...base,
        record: records[0]!,
        policy: null,
        subdomainPolicy: null,
        problem: "multiple-records",
      };
    }
    const parsed = parseDmarc(records[0]!);
    return {
      ...base,
      record: records[0]!,
      policy: parsed?.policy ?? null,
      subdomainPolicy: parsed?.subdomainPolicy ?? null,
      problem: parsed ? null : "invalid-record",
    };
  }
  return {
    state: "checked",
    domain: null,
    record: null,
    policy: null,
    subdomainPolicy: null,
    problem: null,
  };
}

async function spfFact(dns: DnsLookups, domain: string): Promise<SpfFact> {
  const answer = await dns.txt(domain);
  if (answer.kind === "failed") return notChecked(answer.reason);
  const records = answer.kind === "records" ? answer.records.filter(isSpfRecord) : [];
  const base = { state: "checked" as const };
  if (records.length === 0)
    return { ...base, record: null, valid: false, problem: null, detail: null };
  if (records.length > 1) {
    // RFC 7208 §4.5: more than one record is a permanent error.
    return {
      ...base,
      record: records[0]!,
      valid: false,
      problem: "multiple-records",
      detail: null,
    };
  }
  const check = checkSpf(records[0]!);
  return check.valid
    ? { ...base, record: records[0]!, valid: true, problem: null, detail: null }
    : { ...base, record: records[0]!, valid: false, problem: check.problem, detail: check.detail };
}

async function mxFact(dns: DnsLookups, domain: string): Promise<MxFact> {
  const answer = await dns.mx(domain);
  if (answer.kind === "failed") return notChecked(answer.reason);
  if (answer.kind === "none") return { state: "checked", present: false, nullMx: false, hosts: [] };
  const sorted = [...answer.records].sort((a, b) => a.priority - b.priority);
  const nullMx = sorted.length === 1 && (sorted[0]!.exchange === "" || sorted[0]!.exchange === ".");
  return {
    state: "checked",
    present: !nullMx,
    nullMx,
    hosts: nullMx ? [] : sorted.slice(0, 5).map((record) => record.exchange.toLowerCase()),
  };
}

async function domainAgeFact(deps: LiveFactsDeps, registrable: string): Promise<DomainAgeFact> {
  const answer = await deps.rdap.registration(registrable);
  if (answer.kind === "failed") return notChecked(answer.reason);
  deps.onRegistration?.(registrable, answer.registeredAt);
  const now = (deps.clock ?? Date.now)();
  const ageDays =
    answer.registeredAt === null
      ? null
      : Math.max(0, Math.floor((now - Date.parse(answer.registeredAt)) / DAY_MS));
  return { state: "checked", domain: registrable, registeredAt: answer.registeredAt, ageDays };
}

async function reverseDnsFact(dns: DnsLookups, ip: string, family: 4 | 6): Promise<ReverseDnsFact> {
  const answer = await dns.ptr(ip, family);
  if (answer.kind === "failed") return notChecked(answer.reason);
  if (answer.kind === "none") return { state: "checked", name: null, confirmed: false };
  const names = answer.records.slice(0, 3).map((name) => name.toLowerCase().replace(/\.$/, ""));
  // Forward-confirmed: one of the names resolves back to the same address.
  for (const name of names) {
    const forward = family === 4 ? await dns.a(name) : await dns.aaaa(name);
    if (forward.kind === "failed") return notChecked(forward.reason);
    const back =
      forward.kind === "records" ? forward.records.map((text) => canonicalIp(text)?.ip) : [];
    if (back.includes(ip)) return { state: "checked", name, confirmed: true };
  }
  return { state: "checked", name: names[0] ?? null, confirmed: false };
}

/**
 * A DNS blocklist's answer (RFC 5782 §2.1): NXDOMAIN means not listed, 127.0.0.x means listed
 * with that code. Spamhaus answers 127.255.255.x when it refuses the query (a public resolver,
 * no DQS key, too many queries): that is not a listing, so it is "not checked".
 */
async function blocklistFact(
  dns: DnsLookups,
  ip: string,
  family: 4 | 6,
  zone: string,
): Promise<BlocklistFact["result"]> {
  const answer = await dns.a(blocklistQueryName(ip, family, zone));
  if (answer.kind === "failed") return notChecked(answer.reason);
  if (answer.kind === "none") return { state: "checked", listed: false, codes: [] };
  if (answer.records.some((code) => code.startsWith("127.255.255.")))
    return notChecked("server-error");
  if (!answer.records.every((code) => code.startsWith("127.")))
    return notChecked("malformed-answer");
  return { state: "checked", listed: true, codes: [...answer.records].sort() };
}

export async function liveFactsOf(deps: LiveFactsDeps, subject: LiveSubject): Promise<LiveFacts> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<NotChecked>((resolve) => {
    timer = setTimeout(() => resolve(notChecked("timeout")), deps.deadlineMs);
  });
  const within = <T>(work: () => Promise<T>): Promise<T | NotChecked> =>
    Promise.race([work().catch((): NotChecked => notChecked("server-error")), deadline]);

  const { domain, ip } = subject;
  const noDomain = notChecked(subject.domainProblem);
  const noIp = notChecked(subject.ipProblem);
  const ipUsable = ip !== null && isPublicIp(ip.ip, ip.family);
  const ipFact = <T>(work: (address: { ip: string; family: 4 | 6 }) => Promise<T>) =>
    ip === null
      ? Promise.resolve(noIp)
      : !ipUsable
        ? Promise.resolve(notChecked("not-public"))
        : within(() => work(ip));

  try {
    const [dmarc, spf, mx, domainAge, reverseDns, ...blocklists] = await Promise.all([
      domain ? within(() => dmarcFact(deps.dns, domain.ascii, domain.registrable)) : noDomain,
      domain ? within(() => spfFact(deps.dns, domain.ascii)) : noDomain,
      domain ? within(() => mxFact(deps.dns, domain.ascii)) : noDomain,
      domain ? within(() => domainAgeFact(deps, domain.registrable)) : noDomain,
      ipFact((address) => reverseDnsFact(deps.dns, address.ip, address.family)),
      ...deps.blocklists.map((zone) =>
        ipFact((address) => blocklistFact(deps.dns, address.ip, address.family, zone)),
      ),
    ]);
    return {
      dmarc: dmarc as DmarcFact,
      spf: spf as SpfFact,
      mx: mx as MxFact,
      domainAge: domainAge as DomainAgeFact,
      reverseDns: reverseDns as ReverseDnsFact,
      blocklists: deps.blocklists.map((zone, index) => ({
        zone,
        result: blocklists[index] as BlocklistFact["result"],
      })),
    };
  } finally {
    clearTimeout(timer);
  }
}
