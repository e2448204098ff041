import type { ReportRequest, ReportResponse } from "./contract";
import { isRetryable, type ApiError, type ApiResult } from "./client";

/**
 * The queue of reports not yet accepted by the service, shared by the pane and the ribbon
 * command (same origin, same localStorage). A report is written to storage before the first
 * try and removed only when the service accepts it or refuses it for good, so it is never
 * lost. Retries resend the same request: the service dedups on (tenant, reporter, internet
 * message id), so a retry after a lost answer never counts twice. A lease in storage makes one
 * runtime at a time send, so two tabs never send the same report concurrently.
 */

export interface QueueEntry {
  /** account + internet message id: one report per person and message. */
  key: string;
  account: string;
  request: ReportRequest;
  status: "pending" | "failed";
  attempts: number;
  enqueuedAt: number;
  nextAttemptAt: number;
  lastError: ApiError | null;
}

export type SubmitOutcome =
  | { state: "sent"; response: ReportResponse }
  | { state: "queued"; nextAttemptAt: number; error: ApiError | null }
  | { state: "failed"; error: ApiError };

export type QueueEvent =
  | { type: "sent"; key: string; internetMessageId: string; response: ReportResponse }
  | { type: "queued"; key: string; internetMessageId: string; nextAttemptAt: number }
  | { type: "failed"; key: string; internetMessageId: string; error: ApiError }
  | { type: "changed" };

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export interface ReportQueueOptions {
  storage: Storage;
  send: (request: ReportRequest) => Promise<ApiResult<ReportResponse>>;
  /** The signed-in person; entries are sent only under the account that queued them. */
  account: () => Promise<string>;
  now?: () => number;
  random?: () => number;
  /** Identifies this runtime in the lease. */
  ownerId?: string;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  /** Where the browser says whether it is online, and fires online/storage events. */
  window?: Pick<Window, "addEventListener" | "removeEventListener"> | null;
}

export interface FlushSummary {
  sent: number;
  queued: number;
  failed: number;
  /** Another runtime holds the lease and is sending. */
  busyElsewhere: boolean;
}

export interface ReportQueue {
  /** Persists the report, then tries to send it now. */
  submit(request: ReportRequest): Promise<SubmitOutcome>;
  /** Sends every due report of the current account, once, under the lease. */
  flush(): Promise<FlushSummary>;
  entries(): QueueEntry[];
  /** The queued or failed report of this message by the current account, if any. */
  entryFor(internetMessageId: string): Promise<QueueEntry | null>;
  /** Forgets a failed report after the person has seen it. */
  dismiss(key: string): void;
  subscribe(listener: (event: QueueEvent) => void): () => void;
  /** Retries on a timer, when the browser comes back online, and when another tab changes the queue. */
  start(): () => void;
}

/**
 * The account of reports the ribbon command queued before anyone could be signed in silently.
 * The first runtime that has a real account sends them under it.
 */
export const PENDING_SIGN_IN_ACCOUNT = "vouch:pending-sign-in";

export const QUEUE_STORAGE_KEY = "vouch:report-queue:v1";
export const LEASE_STORAGE_KEY = "vouch:report-queue:lease";
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };
const DEFAULT_LEASE_MS = 30_000;

/** Exponential backoff with jitter: between half and all of base·2^(attempts-1), capped. */
export function backoffDelay(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(jittered, retryAfterMs ?? 0);
}

export const entryKey = (account: string, internetMessageId: string) =>
  `${account}\n${internetMessageId}`;

export function createReportQueue(options: ReportQueueOptions): ReportQueue {
  const { storage, send } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const ownerId = options.ownerId ?? randomId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const win = options.window === undefined ? globalThis.window : options.window;
  const listeners = new Set<(event: QueueEvent) => void>();
  /** Flushes in this runtime run one after another. */
  let chain: Promise<unknown> = Promise.resolve();

  const emit = (event: QueueEvent) => listeners.forEach((listener) => listener(event));

  const read = (): QueueEntry[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(QUEUE_STORAGE_KEY) ?? "[]");
      return Array.isArray(parsed) ? (parsed as QueueEntry[]) : [];
    } catch {
      return [];
    }
  };
  const write = (entries: QueueEntry[]) => {
    if (entries.length === 0) storage.removeItem(QUEUE_STORAGE_KEY);
    else storage.setItem(QUEUE_STORAGE_KEY, JSON.stringify(entries));
  };
  const update = (key: string, change: (entry: QueueEntry) => QueueEntry | null) => {
    const entries = read();
    const next: QueueEntry[] = [];
    for (const entry of entries) {
      if (entry.key !== key) next.push(entry);
      else {
        const changed = change(entry);
        if (changed) next.push(changed);
      }
    }
    write(next);
  };

  const readLease = (): { owner: string; until: number } | null => {
    try {
      return JSON.parse(storage.getItem(LEASE_STORAGE_KEY) ?? "null") as {
        owner: string;
        until: number;
      } | null;
    } catch {
      return null;
    }
  };
  /** Takes or renews the lease; false while another live runtime holds it. */
  const acquireLease = (): boolean => {
    const current = readLease();
    if (current && current.owner !== ownerId && current.until > now()) return false;
    storage.setItem(LEASE_STORAGE_KEY, JSON.stringify({ owner: ownerId, until: now() + leaseMs }));
    return readLease()?.owner === ownerId;
  };
  const releaseLease = () => {
    if (readLease()?.owner === ownerId) storage.removeItem(LEASE_STORAGE_KEY);
  };

  const enqueue = (account: string, request: ReportRequest): QueueEntry => {
    const key = entryKey(account, request.internetMessageId);
    const entries = read();
    const existing = entries.find((entry) => entry.key === key);
    const entry: QueueEntry = {
      key,
      account,
      request,
      status: "pending",
      attempts: existing?.status === "pending" ? existing.attempts : 0,
      enqueuedAt: existing?.enqueuedAt ?? now(),
      nextAttemptAt: now(),
      lastError: existing?.lastError ?? null,
    };
    write([...entries.filter((each) => each.key !== key), entry]);
    return entry;
  };

  /** Moves reports queued before sign-in to the signed-in account (its own report wins). */
  const adoptPending = (account: string) => {
    const entries = read();
    if (!entries.some((entry) => entry.account === PENDING_SIGN_IN_ACCOUNT)) return;
    const next: QueueEntry[] = [];
    for (const entry of entries) {
      if (entry.account !== PENDING_SIGN_IN_ACCOUNT) {
        next.push(entry);
        continue;
      }
      const key = entryKey(account, entry.request.internetMessageId);
      if (entries.some((other) => other.key === key)) continue;
      next.push({ ...entry, key, account, status: "pending", nextAttemptAt: now() });
    }
    write(next);
  };

  /** One pass over the due entries; `outcomes` collects what happened to each key. */
  const flushOnce = async (outcomes: Map<string, SubmitOutcome>): Promise<FlushSummary> => {
    const summary: FlushSummary = { sent: 0, queued: 0, failed: 0, busyElsewhere: false };
    if (!acquireLease()) return { ...summary, busyElsewhere: true };
    try {
      const account = await options.account();
      // Nobody signed in: nothing can be sent, the reports wait for someone who is.
      if (account === PENDING_SIGN_IN_ACCOUNT) return summary;
      adoptPending(account);
      const attempted = new Set<string>();
      for (;;) {
        const entry = read().find(
          (each) =>
            each.account === account &&
            each.status === "pending" &&
            each.nextAttemptAt <= now() &&
            !attempted.has(each.key),
        );
        if (!entry) break;
        attempted.add(entry.key);
        if (!acquireLease()) return { ...summary, busyElsewhere: true };
        const result = await send(entry.request);
        const messageId = entry.request.internetMessageId;
        if (result.ok) {
          update(entry.key, () => null);
          summary.sent++;
          outcomes.set(entry.key, { state: "sent", response: result.value });
          emit({
            type: "sent",
            key: entry.key,
            internetMessageId: messageId,
            response: result.value,
          });
        } else if (isRetryable(result.error) || result.error.kind === "auth") {
          // A token that cannot be had right now is no reason to lose the report.
          const attempts = entry.attempts + 1;
          const retryAfter = result.error.kind === "http" ? result.error.retryAfterMs : null;
          const nextAttemptAt = now() + backoffDelay(attempts, backoff, random, retryAfter);
          update(entry.key, (current) => ({
            ...current,
            attempts,
            nextAttemptAt,
            lastError: result.error,
          }));
          summary.queued++;
          outcomes.set(entry.key, { state: "queued", nextAttemptAt, error: result.error });
          emit({ type: "queued", key: entry.key, internetMessageId: messageId, nextAttemptAt });
        } else {
          update(entry.key, (current) => ({
            ...current,
            status: "failed",
            lastError: result.error,
          }));
          summary.failed++;
          outcomes.set(entry.key, { state: "failed", error: result.error });
          emit({
            type: "failed",
            key: entry.key,
            internetMessageId: messageId,
            error: result.error,
          });
        }
      }
      return summary;
    } finally {
      releaseLease();
    }
  };

  const runFlush = (outcomes: Map<string, SubmitOutcome>): Promise<FlushSummary> => {
    const run = chain.then(() => flushOnce(outcomes));
    chain = run.catch(() => undefined);
    return run;
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  const schedule = async () => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = null;
    let account: string;
    try {
      account = await options.account();
    } catch {
      account = "";
    }
    const due = read()
      .filter((entry) => entry.status === "pending" && (!account || entry.account === account))
      .map((entry) => entry.nextAttemptAt);
    if (due.length === 0) return;
    const delay = Math.max(1_000, Math.min(...due) - now());
    timer = setTimeout(() => void flushAndSchedule(), delay);
  };
  const flushAndSchedule = async () => {
    await runFlush(new Map()).catch(() => undefined);
    await schedule();
  };

  return {
    async submit(request) {
      const account = await options.account();
      const entry = enqueue(account, request);
      emit({ type: "changed" });
      const outcomes = new Map<string, SubmitOutcome>();
      const summary = await runFlush(outcomes);
      void schedule();
      const outcome = outcomes.get(entry.key);
      if (outcome) return outcome;
      // Not attempted here: another runtime holds the lease, or an earlier pass already sent it.
      const stored = read().find((each) => each.key === entry.key);
      if (!stored && !summary.busyElsewhere) {
        return { state: "queued", nextAttemptAt: now(), error: null };
      }
      if (stored?.status === "failed" && stored.lastError) {
        return { state: "failed", error: stored.lastError };
      }
      return { state: "queued", nextAttemptAt: stored?.nextAttemptAt ?? now(), error: null };
    },
    async flush() {
      const summary = await runFlush(new Map());
      void schedule();
      return summary;
    },
    entries: read,
    async entryFor(internetMessageId) {
      const account = await options.account();
      return read().find((entry) => entry.key === entryKey(account, internetMessageId)) ?? null;
    },
    dismiss(key) {
      update(key, (entry) => (entry.status === "failed" ? null : entry));
      emit({ type: "changed" });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      started = true;
      // Back online: what failed for want of a network is due now, whatever its backoff said.
      const onOnline = () => {
        const entries = read();
        let changed = false;
        for (const entry of entries) {
          const kind = entry.lastError?.kind;
          if (entry.status === "pending" && (kind === "offline" || kind === "network")) {
            entry.nextAttemptAt = Math.min(entry.nextAttemptAt, now());
            changed = true;
          }
        }
        if (changed) write(entries);
        void flushAndSchedule();
      };
      const onStorage = (event: Event) => {
        if ((event as StorageEvent).key === QUEUE_STORAGE_KEY) {
          emit({ type: "changed" });
          void schedule();
        }
      };
      win?.addEventListener("online", onOnline);
      win?.addEventListener("storage", onStorage);
      void flushAndSchedule();
      return () => {
        started = false;
        if (timer) clearTimeout(timer);
        win?.removeEventListener("online", onOnline);
        win?.removeEventListener("storage", onStorage);
      };
    },
  };
}

function randomId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}
