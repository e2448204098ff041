import { sql, type Kysely } from "kysely";
import type { Database } from "../storage/schema";
import { criticalMatchOf, type CriticalEntry } from "./match";
import { listCriticalSenders } from "./senders";

const DAY_MS = 86_400_000;

/** Junked messages per sender key and day that another feature saw (the Junk sweep). */
export type SightingsQuery = (
  db: Kysely<Database>,
  tenantId: string,
  range: { from: string; to: string; senderKeys?: string[] },
) => Promise<{ senderKey: string; day: string; messages: number }[]>;

export interface TrendSeries {
  senderKey: string;
  label: string;
  authenticated: boolean;
  /** Per day of `days`: active reports of the sender created that day. */
  reports: number[];
  /** Per day of `days`: messages the Junk sweep found (null: no sweep data source). */
  sightings: number[] | null;
}

export interface Trend {
  days: string[];
  series: TrendSeries[];
}

/** The UTC days from `days - 1` days ago to today, as "YYYY-MM-DD". */
export function dayRange(now: Date, days: number): string[] {
  const first = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`) - (days - 1) * DAY_MS;
  return Array.from({ length: days }, (_, index) =>
    new Date(first + index * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Junked critical mail per sender per day: the people's reports, and, when the sweep runs, what
 * it found in Junk (never counted as reports). Senders come from the tenant's aggregates seen
 * within the range, matched against its critical list; forged ones (not authenticated) are
 * their own series.
 */
export async function criticalTrend(
  db: Kysely<Database>,
  tenantId: string,
  options: { now: Date; days: number; sightings: SightingsQuery | null },
): Promise<Trend> {
  const days = dayRange(options.now, options.days);
  const from = `${days[0]!}T00:00:00.000Z`;
  const to = `${days[days.length - 1]!}T23:59:59.999Z`;
  const list = await listCriticalSenders(db, tenantId);
  const entries: CriticalEntry[] = list
    .filter((entry) => entry.active)
    .map((entry) => ({
      entryId: entry.entryId,
      source: entry.source,
      label: entry.label,
      identity: { kind: entry.kind, value: entry.value, subdomains: entry.subdomains },
    }));
  const senders = await db
    .selectFrom("sender_aggregates")
    .select("sender_key")
    .where("tenant_id", "=", tenantId)
    .where("last_seen", ">=", from)
    .execute();
  const matched = new Map<string, { label: string; authenticated: boolean }>();
  for (const { sender_key } of senders) {
    const match = criticalMatchOf(sender_key, entries);
    if (match) matched.set(sender_key, { label: match.label, authenticated: match.authenticated });
  }
  const sightings = options.sightings
    ? await options.sightings(db, tenantId, {
        from: days[0]!,
        to: days[days.length - 1]!,
      })
    : null;
  for (const row of sightings ?? []) {
    if (matched.has(row.senderKey)) continue;
    const match = criticalMatchOf(row.senderKey, entries);
    if (match)
      matched.set(row.senderKey, { label: match.label, authenticated: match.authenticated });
  }
  const keys = [...matched.keys()];
  const reportRows =
    keys.length === 0
      ? []
      : await db
          .selectFrom("reports")
          .select([
            "sender_key",
            sql<string>`substr(created_at, 1, 10)`.as("day"),
            sql<string | number>`count(*)`.as("n"),
          ])
          .where("tenant_id", "=", tenantId)
          .where("sender_key", "in", keys)
          .where("created_at", ">=", from)
          .where("created_at", "<=", to)
          .where("retracted_at", "is", null)
          .groupBy(["sender_key", sql`substr(created_at, 1, 10)`])
          .execute();
  const index = new Map(days.map((day, position) => [day, position]));
  const series = new Map<string, TrendSeries>(
    keys.map((key) => [
      key,
      {
        senderKey: key,
        label: matched.get(key)!.label,
        authenticated: matched.get(key)!.authenticated,
        reports: days.map(() => 0),
        sightings: sightings ? days.map(() => 0) : null,
      },
    ]),
  );
  for (const row of reportRows) {
    const position = index.get(String(row.day));
    const entry = row.sender_key ? series.get(row.sender_key) : undefined;
    if (entry && position !== undefined) entry.reports[position] = Number(row.n);
  }
  for (const row of sightings ?? []) {
    const position = index.get(row.day);
    const entry = series.get(row.senderKey);
    if (entry?.sightings && position !== undefined) {
      entry.sightings[position] = (entry.sightings[position] ?? 0) + row.messages;
    }
  }
  const total = (each: TrendSeries) =>
    each.reports.reduce((a, b) => a + b, 0) + (each.sightings ?? []).reduce((a, b) => a + b, 0);
  return {
    days,
    series: [...series.values()]
      .filter((each) => total(each) > 0)
      .sort((a, b) => total(b) - total(a) || a.senderKey.localeCompare(b.senderKey)),
  };
}
