import { createHash } from "node:crypto";
import type { Analyzer } from "../analysis/pool";
import type { ReportFacts } from "../storage/facts";
import { trustedAuthservFor, type Config, type SweepConfig } from "../config";
import { mailboxDigest } from "../routes/reports";
import type { CriticalSenderMatcher } from "./critical";
import { GraphError, type GraphClient } from "./graph-client";
import { messageHeadersSchema } from "./graph-shapes";
import { readableHeaderBlock } from "./header-block";
import type { PageFacts, PageRow } from "./page-facts";
import type { MailboxRow, SightingInput, SweepRepository } from "./repository";

export interface SweepDeps {
  config: Config;
  sweep: SweepConfig;
  repo: SweepRepository;
  graph: GraphClient;
  analyzer: Analyzer;
  isCritical: CriticalSenderMatcher;
}

export interface MailboxOutcome {
  /** Messages read (added rows of the delta; removals are not messages). */
  messages: number;
  /** Sightings new to the store. */
  sightings: number;
  /** Messages whose headers could not be read or analysed. */
  unreadable: number;
}

/** Fields a delta row carries: the headers to analyse, the ids to key it, the day it came. */
const SELECT = "internetMessageId,receivedDateTime,internetMessageHeaders";

export function initialDeltaUrl(sweep: SweepConfig, userId: string): string {
  // changeType=created: a message read once is never read again when it changes (read, flagged).
  return `${sweep.graphUrl}/users/${encodeURIComponent(userId)}/mailFolders/junkemail/messages/delta?changeType=created&$select=${SELECT}`;
}

/**
 * Outlook allows an app 4 concurrent requests per mailbox (learn.microsoft.com/graph/
 * throttling-limits): the rows of a page that need their headers fetched go 4 at a time.
 */
const PER_MAILBOX = 4;

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Errors that stop the whole round, not one mailbox: the app itself is not let in. */
export function isRoundError(error: unknown): boolean {
  return error instanceof GraphError && (error.code === "token" || error.status === 401);
}

/** A keyed digest of the message id: counts the same, cannot be read back. */
function messageKeyOf(tenantId: string, id: string): string {
  return `msg:${createHash("sha256").update(`${tenantId}\u0000${id}`).digest("hex").slice(0, 40)}`;
}

function receivedAtOf(value: string | null | undefined): string {
  const at = value ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(at) ? Date.now() : at).toISOString();
}

/** The ok mailbox's message after a round that had to start it over (the next round clears it). */
export const RESTARTED_AFTER_410 =
  "Graph's delta link had expired (410): the folder was read again from the start; nothing was counted twice";

/**
 * Reads one mailbox's Junk Email folder from where it stopped (the stored next link, else the
 * delta link, else from the start), page by page, and stores each page with its sightings and
 * the link after it in one transaction. What Graph or the analysis refuses becomes the
 * mailbox's state; only errors of the app itself (isRoundError) and aborts are thrown.
 */
export async function sweepMailbox(
  deps: SweepDeps,
  mailbox: MailboxRow,
  signal?: AbortSignal,
): Promise<MailboxOutcome> {
  const outcome: MailboxOutcome = { messages: 0, sightings: 0, unreadable: 0 };
  const tenantId = deps.sweep.tenantId;
  let url = mailbox.next_link ?? mailbox.delta_link ?? initialDeltaUrl(deps.sweep, mailbox.user_id);
  let restarted = false;
  const mailboxKey = mailboxDigest(tenantId, mailbox.address ?? mailbox.user_id) as string;
  try {
    for (;;) {
      let body: Uint8Array;
      try {
        body = await deps.graph.getBytes(url, signal);
      } catch (error) {
        // 410: the delta link expired (Graph keeps sync state for a limited time). Start over;
        // sightings are unique per mailbox and message, so nothing counts twice.
        if (error instanceof GraphError && error.status === 410 && !restarted) {
          restarted = true;
          url = initialDeltaUrl(deps.sweep, mailbox.user_id);
          continue;
        }
        throw error;
      }
      const page: PageFacts = await deps.analyzer.pageFacts(body, {
        analyze: { trustedAuthservIds: trustedAuthservFor(deps.config, tenantId) },
        maxHeaderBytes: deps.config.maxHeaderBytes,
      });
      if (!page.ok) throw new GraphError(200, "malformed", page.problem);
      outcome.unreadable += page.malformedRows;
      const { rows } = page;
      const sightings = await mapLimited(rows, PER_MAILBOX, (row) =>
        sightingOf(deps, mailbox, mailboxKey, row, outcome, signal),
      );
      const { next, delta } = page;
      const stored = await deps.repo.recordPage(tenantId, mailbox.user_id, {
        sightings: sightings.filter((sighting) => sighting !== null),
        messages: rows.length,
        next,
        delta,
        note: restarted ? RESTARTED_AFTER_410 : null,
        publicOrigin: deps.config.publicOrigin,
      });
      outcome.messages += rows.length;
      outcome.sightings += stored.added;
      if (!next) return outcome;
      url = next;
    }
  } catch (error) {
    if (signal?.aborted || isRoundError(error)) throw error;
    await recordFailure(deps, mailbox, error);
    return outcome;
  }
}

async function recordFailure(deps: SweepDeps, mailbox: MailboxRow, error: unknown) {
  const { tenantId } = deps.sweep;
  if (!(error instanceof GraphError)) {
    const why = error instanceof Error ? error.message : String(error);
    return deps.repo.setMailboxState(tenantId, mailbox.user_id, "error", `not analysed: ${why}`);
  }
  if (error.status === 403) {
    return deps.repo.setMailboxState(
      tenantId,
      mailbox.user_id,
      "out-of-scope",
      `Graph refused this mailbox (403 ${error.code}): it is outside the application's access scope. Add it to the scope (docs/sweep.md) or take it out of the sweep group. Graph said: ${error.message}`,
    );
  }
  if (error.status === 404) {
    return deps.repo.setMailboxState(
      tenantId,
      mailbox.user_id,
      "not-found",
      `Graph found no mailbox for this member (404 ${error.code}): ${error.message}`,
    );
  }
  if (error.retryAfterMs !== null && [429, 503, 504].includes(error.status)) {
    return deps.repo.setMailboxState(
      tenantId,
      mailbox.user_id,
      "throttled",
      `Graph is throttling this mailbox (${error.status}); the sweep continues where it stopped after the wait`,
      { retryAt: new Date(Date.now() + error.retryAfterMs).toISOString() },
    );
  }
  return deps.repo.setMailboxState(
    tenantId,
    mailbox.user_id,
    "error",
    `Graph: ${error.status || "no answer"} ${error.code}: ${error.message}`,
  );
}

/** One delta row → a sighting to keep, or null (no authenticated sender, or unreadable). */
async function sightingOf(
  deps: SweepDeps,
  mailbox: MailboxRow,
  mailboxKey: string,
  row: PageRow,
  outcome: MailboxOutcome,
  signal?: AbortSignal,
): Promise<SightingInput | null> {
  const { tenantId } = deps.sweep;
  let { facts } = row;
  let messageId = row.internetMessageId;
  if (row.headers === "missing") {
    ({ facts, messageId } = await fetchedFacts(deps, mailbox, row, signal));
  }
  if (!facts) {
    outcome.unreadable++;
    return null;
  }
  const sender = facts.sender;
  // Only an authenticated, valid identity is evidence of anything; a forged From is not kept.
  if (!sender || !sender.authenticated || sender.refusal) return null;
  const critical = await deps.isCritical(tenantId, sender.key);
  const { summary } = facts;
  const { junked, sfv, scl, cat, dmarc, compauth } = summary;
  return {
    mailboxKey,
    messageKey: messageKeyOf(tenantId, messageId ?? facts.messageId ?? row.id),
    senderKey: sender.key,
    critical: critical && {
      ...critical,
      evidence: { junked, sfv, scl, cat, dmarc, compauth },
    },
    verdict: {
      junked: summary.junked,
      sfv: summary.sfv,
      scl: summary.scl,
      bcl: summary.bcl,
      cat: summary.cat,
      dmarc: summary.dmarc,
      compauth: summary.compauth?.result ?? null,
    },
    receivedAt: receivedAtOf(row.receivedDateTime),
  };
}

/** Not every delta row carries the headers; the message itself gives them (GET message). */
async function fetchedFacts(
  deps: SweepDeps,
  mailbox: MailboxRow,
  row: PageRow,
  signal?: AbortSignal,
): Promise<{ facts: ReportFacts | null; messageId: string | null }> {
  const { tenantId, graphUrl } = deps.sweep;
  const url = `${graphUrl}/users/${encodeURIComponent(mailbox.user_id)}/messages/${encodeURIComponent(row.id)}?$select=internetMessageId,internetMessageHeaders`;
  const fetched = messageHeadersSchema.safeParse(await deps.graph.get(url, signal));
  const headers = fetched.success ? (fetched.data.internetMessageHeaders ?? null) : null;
  const messageId =
    row.internetMessageId ?? (fetched.success ? (fetched.data.internetMessageId ?? null) : null);
  const block = headers ? readableHeaderBlock(headers, deps.config.maxHeaderBytes) : null;
  if (!block) return { facts: null, messageId };
  const facts = await deps.analyzer.reportFacts(block, {
    trustedAuthservIds: trustedAuthservFor(deps.config, tenantId),
  });
  return { facts, messageId };
}
