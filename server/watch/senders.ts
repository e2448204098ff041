import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { SenderEvidence } from "../identity/evidence";
import { validateIdentity } from "../identity/validate";
import type { Database } from "../storage/schema";
import { CATALOGUE, CATALOGUE_BY_ID, type CatalogueEntry } from "./catalogue";
import { candidateValues, criticalMatchOf, type CriticalEntry, type CriticalMatch } from "./match";
import { appendWatchAudit, watchDb, type WatchSendersTable } from "./schema";

const OWN_PREFIX = "own:";

function catalogueEntry(entry: CatalogueEntry): CriticalEntry {
  return {
    entryId: entry.id,
    source: "catalogue",
    label: entry.provider,
    identity: entry.identity,
  };
}

function ownEntry(row: Pick<WatchSendersTable, "id" | "kind" | "value" | "subdomains" | "label">) {
  return {
    entryId: `${OWN_PREFIX}${row.id}`,
    source: "tenant" as const,
    label: row.label,
    identity: {
      kind: row.kind === "address" ? ("address" as const) : ("domain" as const),
      value: row.value,
      subdomains: Number(row.subdomains) === 1,
    },
  };
}

const CATALOGUE_ENTRIES: readonly CriticalEntry[] = CATALOGUE.map(catalogueEntry);

/**
 * Whether this sender key (server/identity/sender-key.ts) is one of the tenant's critical
 * senders: the shipped catalogue minus the entries the tenant took off, plus its own. Null when
 * not. A match on an "unverified:" key says `authenticated: false`: the From line names a
 * critical sender that nothing vouched for. Query through the caller's handle (inside a report's
 * transaction, its `trx`): one indexed lookup, a second only when the catalogue matched.
 */
export async function isCriticalSender(
  db: Kysely<Database>,
  tenantId: string,
  senderKey: string,
): Promise<CriticalMatch | null> {
  const watch = watchDb(db);
  const own = await watch
    .selectFrom("watch_senders")
    .select(["id", "kind", "value", "subdomains", "label"])
    .where("tenant_id", "=", tenantId)
    .where("value", "in", candidateValues(senderKey))
    .execute();
  const fromCatalogue = criticalMatchOf(senderKey, CATALOGUE_ENTRIES);
  const entries: CriticalEntry[] = own.map(ownEntry);
  if (fromCatalogue) {
    const off = await watch
      .selectFrom("watch_catalogue_off")
      .select("entry_id")
      .where("tenant_id", "=", tenantId)
      .execute();
    const removed = new Set(off.map((row) => row.entry_id));
    entries.push(...CATALOGUE_ENTRIES.filter((entry) => !removed.has(entry.entryId)));
  }
  return criticalMatchOf(senderKey, entries);
}

const remembered = new WeakMap<SenderEvidence, Promise<CriticalMatch | null>>();

/**
 * isCriticalSender for the sender of one aggregate change: the proposals' listener and the
 * watch's both ask within one report's transaction, and the second answer is the first's.
 */
export function criticalSenderOf(
  db: Kysely<Database>,
  evidence: SenderEvidence,
): Promise<CriticalMatch | null> {
  const known = remembered.get(evidence);
  if (known) return known;
  const answer = isCriticalSender(db, evidence.tenantId, evidence.senderKey);
  remembered.set(evidence, answer);
  return answer;
}

export interface CriticalSenderView {
  entryId: string;
  source: "catalogue" | "tenant";
  label: string;
  kind: "domain" | "address";
  value: string;
  subdomains: boolean;
  /** A catalogue entry the tenant took off its list; its own entries are always active. */
  active: boolean;
  catalogue: CatalogueEntry | null;
  note: string;
  addedBy: string | null;
  addedAt: string | null;
}

/** The tenant's whole list: the catalogue (with its opt-outs) and its own entries. */
export async function listCriticalSenders(
  db: Kysely<Database>,
  tenantId: string,
): Promise<CriticalSenderView[]> {
  const watch = watchDb(db);
  const [own, off] = await Promise.all([
    watch
      .selectFrom("watch_senders")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("label")
      .orderBy("value")
      .execute(),
    watch.selectFrom("watch_catalogue_off").selectAll().where("tenant_id", "=", tenantId).execute(),
  ]);
  const removed = new Set(off.map((row) => row.entry_id));
  return [
    ...own.map((row) => ({
      ...viewOf(ownEntry(row)),
      note: row.note,
      addedBy: row.added_by,
      addedAt: row.added_at,
    })),
    ...CATALOGUE.map((entry) => ({
      ...viewOf(catalogueEntry(entry)),
      active: !removed.has(entry.id),
      catalogue: entry,
    })),
  ];
}

function viewOf(entry: CriticalEntry): CriticalSenderView {
  return {
    entryId: entry.entryId,
    source: entry.source,
    label: entry.label,
    kind: entry.identity.kind,
    value: entry.identity.value,
    subdomains: entry.identity.subdomains,
    active: true,
    catalogue: null,
    note: "",
    addedBy: null,
    addedAt: null,
  };
}

export class WatchListError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "WatchListError";
  }
}

export interface AddCriticalSenderInput {
  /** A domain ("contoso-bank.com") or an address ("billing@contoso-bank.com"). */
  identity: string;
  label: string;
  subdomains?: boolean;
  note?: string;
}

/**
 * Adds one of the tenant's own critical senders. The identity passes the same gate as any entry
 * (validateIdentity): a look-alike, an IP literal or a whole free-mail domain is refused.
 */
export async function addCriticalSender(
  db: Kysely<Database>,
  tenantId: string,
  input: AddCriticalSenderInput,
  actor: string,
  now: Date,
): Promise<CriticalSenderView> {
  const verdict = validateIdentity(input.identity.trim());
  if (!verdict.ok) throw new WatchListError(400, `identity-${verdict.code}`, verdict.message);
  const label = input.label.trim();
  if (label.length === 0) throw new WatchListError(400, "label-missing", "Name the sender.");
  const subdomains = verdict.kind === "domain" && input.subdomains === true;
  const row = {
    id: randomUUID(),
    tenant_id: tenantId,
    kind: verdict.kind,
    value: verdict.value,
    subdomains: subdomains ? 1 : 0,
    label,
    note: (input.note ?? "").trim(),
    added_by: actor,
    added_at: now.toISOString(),
  };
  await watchDb(db)
    .transaction()
    .execute(async (trx) => {
      const inserted = await trx
        .insertInto("watch_senders")
        .values(row)
        .onConflict((conflict) => conflict.columns(["tenant_id", "value"]).doNothing())
        .returning("id")
        .execute();
      if (inserted.length !== 1) {
        throw new WatchListError(409, "duplicate", `${verdict.value} is already on the list.`);
      }
      await appendWatchAudit(
        trx,
        { tenantId, action: "sender-add", subject: verdict.value, actor, note: row.note || label },
        now,
      );
    });
  return {
    ...viewOf(ownEntry(row)),
    note: row.note,
    addedBy: actor,
    addedAt: row.added_at,
  };
}

/**
 * Takes an entry off the tenant's list: its own entry is deleted, a catalogue entry is switched
 * off for this tenant (restoreCatalogueEntry switches it back on). Audited either way.
 */
export async function removeCriticalSender(
  db: Kysely<Database>,
  tenantId: string,
  entryId: string,
  actor: string,
  note: string,
  now: Date,
): Promise<void> {
  await watchDb(db)
    .transaction()
    .execute(async (trx) => {
      let subject: string;
      if (entryId.startsWith(OWN_PREFIX)) {
        const id = entryId.slice(OWN_PREFIX.length);
        const row = await trx
          .selectFrom("watch_senders")
          .select("value")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (!row) throw new WatchListError(404, "not-found", "No such critical sender.");
        await trx
          .deleteFrom("watch_senders")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .execute();
        subject = row.value;
      } else {
        const entry = CATALOGUE_BY_ID.get(entryId);
        if (!entry) throw new WatchListError(404, "not-found", "No such catalogue entry.");
        await trx
          .insertInto("watch_catalogue_off")
          .values({
            tenant_id: tenantId,
            entry_id: entryId,
            removed_by: actor,
            removed_at: now.toISOString(),
          })
          .onConflict((conflict) => conflict.columns(["tenant_id", "entry_id"]).doNothing())
          .execute();
        subject = entry.identity.value;
      }
      await appendWatchAudit(trx, { tenantId, action: "sender-remove", subject, actor, note }, now);
    });
}

/** Puts a catalogue entry the tenant had taken off back on its list. */
export async function restoreCatalogueEntry(
  db: Kysely<Database>,
  tenantId: string,
  entryId: string,
  actor: string,
  now: Date,
): Promise<void> {
  const entry = CATALOGUE_BY_ID.get(entryId);
  if (!entry) throw new WatchListError(404, "not-found", "No such catalogue entry.");
  await watchDb(db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .deleteFrom("watch_catalogue_off")
        .where("tenant_id", "=", tenantId)
        .where("entry_id", "=", entryId)
        .execute();
      await appendWatchAudit(
        trx,
        { tenantId, action: "sender-restore", subject: entry.identity.value, actor, note: "" },
        now,
      );
    });
}
