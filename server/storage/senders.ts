import type { Kysely } from "kysely";
import { evidenceOf, hasActiveReport, readEvidence, type SignalCounts } from "./aggregates";
import type { Database } from "./schema";
import type { ListSendersOptions, SenderPage, SenderSort, SenderStore } from "./types";

const SORT_COLUMNS = {
  reporters: "reporters",
  reports: "reports",
  lastSeen: "last_seen",
} as const satisfies Record<SenderSort, string>;

const MAX_PAGE = 500;

export function createSenderStore(db: Kysely<Database>): SenderStore {
  async function status(tenantId: string, senderKey: string, reporterId: string) {
    const evidence = await readEvidence(db, tenantId, senderKey);
    if (!evidence) return null;
    return {
      sender: evidence.senderKey,
      identityKind: evidence.kind,
      reporters: evidence.reporters,
      mailboxes: evidence.mailboxes,
      youReported: await hasActiveReport(db, tenantId, senderKey, reporterId),
    };
  }

  async function keyOfMessage(tenantId: string, internetMessageId: string) {
    const row = await db
      .selectFrom("reports")
      .select("sender_key")
      .where("tenant_id", "=", tenantId)
      .where("internet_message_id", "=", internetMessageId)
      .where("sender_key", "is not", null)
      .orderBy("sender_authenticated", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.sender_key ?? null;
  }

  async function list(tenantId: string, options: ListSendersOptions = {}): Promise<SenderPage> {
    const column = SORT_COLUMNS[options.sort ?? "reporters"];
    const order = options.order === "asc" ? "asc" : "desc";
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), MAX_PAGE);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);

    let query = db
      .selectFrom("sender_aggregates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy(column, order)
      .orderBy("sender_key", "asc")
      .limit(limit + 1)
      .offset(offset);
    if (options.activeOnly !== false) query = query.where("reports", ">", 0);
    const rows = await query.execute();
    const page = rows.slice(0, limit);

    const signals =
      page.length === 0
        ? []
        : await db
            .selectFrom("sender_signals")
            .select(["sender_key", "signal", "active_reports", "reporters"])
            .where("tenant_id", "=", tenantId)
            .where(
              "sender_key",
              "in",
              page.map((row) => row.sender_key),
            )
            .where("active_reports", ">", 0)
            .orderBy("signal")
            .execute();
    const bySender = new Map<string, SignalCounts[]>();
    for (const row of signals) {
      const list = bySender.get(row.sender_key) ?? [];
      list.push(row);
      bySender.set(row.sender_key, list);
    }

    return {
      items: page.map((row) => evidenceOf(row, bySender.get(row.sender_key) ?? [])),
      nextOffset: rows.length > limit ? offset + limit : null,
    };
  }

  return {
    evidence: (tenantId, senderKey) => readEvidence(db, tenantId, senderKey),
    status,
    keyOfMessage,
    list,
  };
}
