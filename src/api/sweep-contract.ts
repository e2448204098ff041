import { z } from "zod";
import { proposalStatusSchema } from "./contract";

/**
 * The admin API of the opt-in Junk sweep (server/sweep/, docs/sweep.md): its state per
 * mailbox, the senders it saw in Junk ("seen in Junk", evidence beside the vouches and never a
 * vouch), and junked mail per sender per day. Admin only, scoped to the caller's tenant.
 */

export const SWEEP_PATHS = {
  status: "/api/v1/sweep",
  run: "/api/v1/sweep/run",
  mailboxes: "/api/v1/sweep/mailboxes",
  sightings: "/api/v1/sweep/sightings",
  sender: (senderKey: string) => `/api/v1/sweep/sightings/${encodeURIComponent(senderKey)}`,
  trend: "/api/v1/sweep/trend",
} as const;

export const sweepMailboxStateSchema = z.enum([
  "pending",
  "ok",
  "out-of-scope",
  "not-found",
  "throttled",
  "error",
  "left-group",
]);
export type SweepMailboxState = z.infer<typeof sweepMailboxStateSchema>;

export const sweepStatusSchema = z.object({
  /** VOUCH_SWEEP is on for this tenant. */
  enabled: z.boolean(),
  /** "idle" before the first round, "running", or how the last round ended: "ok" or "error". */
  state: z.string(),
  /** Why the last round failed (a refused token, an unreadable member list), else null. */
  message: z.string().nullable(),
  roundStartedAt: z.string().nullable(),
  roundFinishedAt: z.string().nullable(),
  roundMessages: z.number().int(),
  roundSightings: z.number().int(),
  intervalMs: z.number().int().nullable(),
  /** Mailboxes per state. */
  mailboxes: z.record(z.string(), z.number().int()),
});
export type SweepStatusDto = z.infer<typeof sweepStatusSchema>;

export const sweepRunResultSchema = z.object({
  /** False when a round was already running (it goes on). */
  started: z.boolean(),
});

export const sweepMailboxQuerySchema = z.strictObject({
  state: sweepMailboxStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const sweepMailboxSchema = z.object({
  userId: z.string(),
  address: z.string().nullable(),
  state: sweepMailboxStateSchema,
  /** What Graph said when the state is not ok: a 403's reason, a throttling wait. */
  message: z.string().nullable(),
  messages: z.number().int(),
  sightings: z.number().int(),
  retryAt: z.string().nullable(),
  lastSweptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
});
export type SweepMailboxDto = z.infer<typeof sweepMailboxSchema>;
export const sweepMailboxPageSchema = z.object({
  items: z.array(sweepMailboxSchema),
  nextOffset: z.number().int().nullable(),
});

export const sightingsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A sender seen in Junk, beside what people vouched; the vouches are the proposal's only input. */
export const seenInJunkSchema = z.object({
  senderKey: z.string(),
  /**
   * Why it is shown: a critical sender, or junked in at least `manyMailboxes` mailboxes; "seen"
   * only when one sender was asked for and neither holds.
   */
  reason: z.enum(["critical", "many-mailboxes", "seen"]),
  critical: z.object({ name: z.string() }).nullable(),
  /** Distinct mailboxes and messages within the retention. */
  mailboxes: z.number().int(),
  messages: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** What people reported, for comparison; never increased by the sweep. */
  vouches: z.object({ reporters: z.number().int(), mailboxes: z.number().int() }),
  proposal: z.object({ id: z.string(), status: proposalStatusSchema }).nullable(),
});
export type SeenInJunkDto = z.infer<typeof seenInJunkSchema>;
export const sightingsPageSchema = z.object({
  items: z.array(seenInJunkSchema),
  nextOffset: z.number().int().nullable(),
  manyMailboxes: z.number().int(),
});

export const sweepSenderParamsSchema = z.strictObject({ senderKey: z.string().min(1).max(320) });

export const sweepTrendQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** Only critical senders (as known when seen). Default true. */
  critical: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  sender: z.string().min(1).max(320).optional(),
});
export const sweepTrendSchema = z.object({
  items: z.array(
    z.object({
      day: z.string(),
      senderKey: z.string(),
      messages: z.number().int(),
      critical: z.boolean(),
    }),
  ),
});
export type SweepTrendDto = z.infer<typeof sweepTrendSchema>;
