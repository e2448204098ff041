import { z } from "zod";

/**
 * The critical-service watch's admin API (issue 14 §2): the critical senders, the alert
 * channels, the alerts and the trend. Admin only, scoped to the caller's tenant. The service
 * validates and documents with these schemas; the console types its calls with them.
 */

export const WATCH_PATHS = {
  senders: "/api/v1/watch/senders",
  removeSender: (entryId: string) => `/api/v1/watch/senders/${encodeURIComponent(entryId)}/remove`,
  restoreSender: (entryId: string) =>
    `/api/v1/watch/senders/${encodeURIComponent(entryId)}/restore`,
  channels: "/api/v1/watch/channels",
  channel: (id: string) => `/api/v1/watch/channels/${encodeURIComponent(id)}`,
  testChannel: (id: string) => `/api/v1/watch/channels/${encodeURIComponent(id)}/test`,
  alerts: "/api/v1/watch/alerts",
  acknowledge: (id: string) => `/api/v1/watch/alerts/${encodeURIComponent(id)}/acknowledge`,
  trend: "/api/v1/watch/trend",
  audit: "/api/v1/watch/audit",
} as const;

export const catalogueSourceSchema = z.object({
  url: z.string(),
  publisher: z.enum(["provider", "third-party"]),
  says: z.string(),
});

export const criticalSenderSchema = z.object({
  entryId: z.string(),
  source: z.enum(["catalogue", "tenant"]),
  label: z.string(),
  kind: z.enum(["domain", "address"]),
  value: z.string(),
  subdomains: z.boolean(),
  active: z.boolean(),
  category: z.string().nullable(),
  service: z.string().nullable(),
  sources: z.array(catalogueSourceSchema),
  note: z.string(),
  addedBy: z.string().nullable(),
  addedAt: z.string().nullable(),
});
export type CriticalSenderDto = z.infer<typeof criticalSenderSchema>;

export const criticalSenderListSchema = z.object({ items: z.array(criticalSenderSchema) });
export type CriticalSenderList = z.infer<typeof criticalSenderListSchema>;

export const addCriticalSenderSchema = z.object({
  identity: z.string().min(1).max(400),
  label: z.string().min(1).max(120),
  subdomains: z.boolean().optional(),
  note: z.string().max(500).optional(),
});
export type AddCriticalSenderDto = z.infer<typeof addCriticalSenderSchema>;

export const noteBodySchema = z.object({ note: z.string().max(500).default("") });

export const entryParamsSchema = z.object({ entryId: z.string().min(1).max(200) });
export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const channelKindSchema = z.enum(["teams", "graph-mail", "webhook"]);
export type ChannelKindDto = z.infer<typeof channelKindSchema>;

export const channelInputSchema = z.object({
  kind: channelKindSchema,
  name: z.string().min(1).max(120),
  language: z.enum(["en", "de"]).default("en"),
  enabled: z.boolean().default(true),
  /**
   * teams: { url }; webhook: { url, secret? }; graph-mail: { directoryId, clientId,
   * clientSecret, from, to[] }. On a change, secrets left out keep their stored value.
   */
  config: z.record(z.string(), z.unknown()),
});
export type ChannelInputDto = z.infer<typeof channelInputSchema>;

export const channelSchema = z.object({
  id: z.string(),
  kind: channelKindSchema,
  name: z.string(),
  language: z.enum(["en", "de"]),
  enabled: z.boolean(),
  target: z.string(),
  lastState: z.enum(["delivered", "retrying", "failed"]).nullable(),
  lastAt: z.string().nullable(),
  lastError: z.string().nullable(),
  pending: z.number().int(),
  createdAt: z.string(),
});
export type ChannelDto = z.infer<typeof channelSchema>;

export const channelListSchema = z.object({ items: z.array(channelSchema) });
export type ChannelList = z.infer<typeof channelListSchema>;

export const testResultSchema = z.object({ queued: z.number().int() });

export const alertSchema = z.object({
  id: z.string(),
  /** "sweep": the Junk sweep found the sender in Junk; no reporters or reports (never a vouch). */
  source: z.enum(["report", "sweep"]),
  senderKey: z.string(),
  entryId: z.string(),
  label: z.string(),
  authenticated: z.boolean(),
  proposal: z.object({ id: z.string(), status: z.string() }).nullable(),
  reporters: z.number().int(),
  reports: z.number().int(),
  evidence: z.object({
    junked: z.boolean().nullable(),
    sfv: z.string().nullable(),
    scl: z.number().nullable(),
    cat: z.string().nullable(),
    dmarc: z.string().nullable(),
    compauth: z.object({ result: z.string(), reason: z.string().nullable() }).nullable(),
  }),
  firstReportAt: z.string(),
  lastReportAt: z.string(),
  createdAt: z.string(),
  acknowledged: z.object({ by: z.string(), at: z.string() }).nullable(),
});
export type AlertDto = z.infer<typeof alertSchema>;

export const alertListSchema = z.object({ items: z.array(alertSchema) });
export type AlertList = z.infer<typeof alertListSchema>;

export const alertQuerySchema = z.object({
  open: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const trendQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30),
});

export const trendSchema = z.object({
  days: z.array(z.string()),
  series: z.array(
    z.object({
      senderKey: z.string(),
      label: z.string(),
      authenticated: z.boolean(),
      reports: z.array(z.number().int()),
      sightings: z.array(z.number().int()).nullable(),
    }),
  ),
});
export type TrendDto = z.infer<typeof trendSchema>;

export const watchAuditSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      subject: z.string(),
      actor: z.string(),
      note: z.string(),
      at: z.string(),
    }),
  ),
});
export type WatchAuditDto = z.infer<typeof watchAuditSchema>;
