import { randomUUID } from "node:crypto";
import type { SweepConfig } from "../config";
import { rememberedFor } from "./critical";
import { GraphError } from "./graph-client";
import { memberSchema, membersPageSchema, shapeProblem } from "./graph-shapes";
import { isRoundError, sweepMailbox, type SweepDeps } from "./mailbox";
import type { MailboxRow } from "./repository";

export interface RoundSummary {
  /** False when another service process holds this round. */
  ran: boolean;
  state: "ok" | "error";
  message: string | null;
  mailboxes: number;
  messages: number;
  sightings: number;
  unreadable: number;
}

export interface SweepLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** How long a round's lease lasts without renewal. */
const LEASE_MS = 3 * 60_000;

/** Mailboxes read from the store at a time while a round walks them. */
const WALK_PAGE = 200;

export function membersUrl(sweep: SweepConfig): string {
  // Not the OData cast (/members/microsoft.graph.user): Graph takes a cast only as an advanced
  // query, with ConsistencyLevel: eventual and $count (learn.microsoft.com/graph/api/
  // group-list-members). Devices, contacts and nested groups are skipped by @odata.type instead.
  return `${sweep.graphUrl}/groups/${encodeURIComponent(sweep.groupId)}/members?$select=id,mail,userPrincipalName&$top=999`;
}

/**
 * The periodic Junk sweep of one tenant: each round lists the group's members, then reads each
 * member's Junk Email folder incrementally, `concurrency` mailboxes at a time. One round runs at
 * a time per tenant, across processes too (a lease in sweep_tenant). Stopping aborts the round
 * in flight; every page stored so far stays stored and the next start resumes after it.
 */
export class SweepRunner {
  private running: Promise<RoundSummary> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private aborter = new AbortController();
  private stopped = false;
  private readonly owner = randomUUID();

  constructor(
    private readonly deps: SweepDeps,
    private readonly log?: SweepLog,
  ) {}

  /** Starts a round unless one is running, and answers that round's summary. */
  runRound(): Promise<RoundSummary> {
    if (this.stopped) return Promise.reject(new Error("the sweep is stopped"));
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Rounds every interval from now (the first after `firstDelayMs`); timers never hold the process. */
  start(firstDelayMs = 10_000): void {
    const schedule = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.runRound()
          .catch((error: unknown) => this.log?.error({ err: error }, "junk sweep round failed"))
          .finally(() => {
            if (!this.stopped) schedule(this.deps.sweep.intervalMs);
          });
      }, delay);
      this.timer.unref();
    };
    schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.aborter.abort(new Error("the service is stopping"));
    await this.running?.catch(() => {});
  }

  private async round(): Promise<RoundSummary> {
    const { repo, sweep } = this.deps;
    const summary: RoundSummary = {
      ran: false,
      state: "ok",
      message: null,
      mailboxes: 0,
      messages: 0,
      sightings: 0,
      unreadable: 0,
    };
    const leaseEnd = () => new Date(Date.now() + LEASE_MS);
    if (!(await repo.takeRound(sweep.tenantId, this.owner, leaseEnd()))) return summary;
    summary.ran = true;
    // Short and renewed while the round runs: a process that died mid-round blocks the others
    // (and itself, restarted under a new owner) for minutes, not a whole interval.
    const renewal = setInterval(() => {
      repo
        .takeRound(sweep.tenantId, this.owner, leaseEnd(), { renew: true })
        .catch((error: unknown) => this.log?.error({ err: error }, "junk sweep lease renewal"));
    }, LEASE_MS / 3);
    renewal.unref();
    // A round error (the app's token refused) stops the other mailboxes of this round too.
    const roundAbort = new AbortController();
    const signal = AbortSignal.any([this.aborter.signal, roundAbort.signal]);
    const deps: SweepDeps = { ...this.deps, isCritical: rememberedFor(this.deps.isCritical) };
    try {
      const round = new Date().toISOString();
      await this.listMembers(round, signal);
      await repo.markLeft(sweep.tenantId, round);
      await this.walk(deps, summary, signal, roundAbort);
    } catch (error) {
      summary.state = "error";
      summary.message = this.aborter.signal.aborted
        ? "stopped with the service; the next round continues where this one stopped"
        : error instanceof GraphError
          ? `${error.status || "no answer"} ${error.code}: ${error.message}`
          : `the round failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    clearInterval(renewal);
    await repo.finishRound(sweep.tenantId, this.owner, summary);
    this.log?.info(
      {
        mailboxes: summary.mailboxes,
        messages: summary.messages,
        sightings: summary.sightings,
        state: summary.state,
      },
      "junk sweep round finished",
    );
    return summary;
  }

  /** The group's user members, page by page into the store (never all in memory at once). */
  private async listMembers(round: string, signal: AbortSignal): Promise<void> {
    const { graph, repo, sweep } = this.deps;
    let url: string | undefined = membersUrl(sweep);
    while (url) {
      const page = membersPageSchema.safeParse(await graph.get(url, signal));
      if (!page.success) {
        throw new GraphError(200, "malformed", `the group's members: ${shapeProblem(page.error)}`);
      }
      const members: { userId: string; address: string | null }[] = [];
      for (const value of page.data.value) {
        const member = memberSchema.safeParse(value);
        if (!member.success) continue;
        const type = member.data["@odata.type"];
        if (type && type !== "#microsoft.graph.user") continue;
        members.push({
          userId: member.data.id,
          address: member.data.mail ?? member.data.userPrincipalName ?? null,
        });
      }
      await repo.upsertMembers(sweep.tenantId, members, round);
      url = page.data["@odata.nextLink"];
    }
  }

  /** Every mailbox still in the group, `concurrency` at a time, in pages from the store. */
  private async walk(
    deps: SweepDeps,
    summary: RoundSummary,
    signal: AbortSignal,
    roundAbort: AbortController,
  ): Promise<void> {
    const { repo, sweep } = this.deps;
    let after = "";
    let buffer: MailboxRow[] = [];
    let exhausted = false;
    let loading: Promise<void> | null = null;
    const next = async (): Promise<MailboxRow | null> => {
      while (buffer.length === 0 && !exhausted) {
        loading ??= repo.mailboxesAfter(sweep.tenantId, after, WALK_PAGE).then((rows) => {
          buffer = rows;
          exhausted = rows.length < WALK_PAGE;
          after = rows.at(-1)?.user_id ?? after;
          loading = null;
        });
        await loading;
      }
      return buffer.shift() ?? null;
    };
    const worker = async () => {
      for (let mailbox = await next(); mailbox; mailbox = await next()) {
        if (signal.aborted) throw signal.reason;
        if (mailbox.retry_at && mailbox.retry_at > new Date().toISOString()) continue;
        let outcome;
        try {
          outcome = await sweepMailbox(deps, mailbox, signal);
        } catch (error) {
          roundAbort.abort(error);
          throw error;
        }
        summary.mailboxes++;
        summary.messages += outcome.messages;
        summary.sightings += outcome.sightings;
        summary.unreadable += outcome.unreadable;
      }
    };
    await Promise.all(Array.from({ length: sweep.concurrency }, worker));
  }
}

export { isRoundError };
