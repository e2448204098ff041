import { z } from "zod";

/**
 * The parts of Graph's answers the sweep reads, checked before use: a page that does not have
 * this shape is a malformed answer (the mailbox shows an error and keeps its links), never a
 * crash. Unknown fields are ignored. Shapes: learn.microsoft.com/graph/api/message-delta,
 * /graph/api/group-list-members, /graph/api/resources/internetmessageheader.
 */

const header = z.object({ name: z.string(), value: z.string() });

/** A message row of a delta page; a removed one carries `@removed` and its id only. */
export interface DeltaMessage {
  id: string;
  removed: boolean;
  internetMessageId: string | null;
  receivedDateTime: string | null;
  internetMessageHeaders: { name: string; value: string }[] | null;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * One row of a delta page, or null when it has no id or its headers are not `[{name, value}]`.
 * Checked by hand rather than by a schema: a page holds a few hundred kilobytes of headers,
 * and a schema would copy every one of them again.
 */
export function deltaMessageOf(value: unknown): DeltaMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const row = value as Record<string, unknown>;
  if (typeof row.id !== "string" || row.id === "") return null;
  const headers = row.internetMessageHeaders;
  if (headers !== undefined && headers !== null) {
    if (!Array.isArray(headers)) return null;
    for (const field of headers as unknown[]) {
      const pair = field as { name?: unknown; value?: unknown } | null;
      if (typeof pair?.name !== "string" || typeof pair.value !== "string") return null;
    }
  }
  return {
    id: row.id,
    removed: row["@removed"] !== undefined,
    internetMessageId: text(row.internetMessageId),
    receivedDateTime: text(row.receivedDateTime),
    internetMessageHeaders: Array.isArray(headers)
      ? (headers as { name: string; value: string }[])
      : null,
  };
}

/** A page: its rows, then either the next page's link or the next round's. */
export const deltaPageSchema = z
  .object({
    value: z.array(z.unknown()),
    "@odata.nextLink": z.string().url().optional(),
    "@odata.deltaLink": z.string().url().optional(),
  })
  .refine(
    (page) => Boolean(page["@odata.nextLink"]) !== Boolean(page["@odata.deltaLink"]),
    "a delta page carries exactly one of @odata.nextLink and @odata.deltaLink",
  );

/** One message fetched for its headers, when the delta row came without them. */
export const messageHeadersSchema = z.object({
  internetMessageId: z.string().nullish(),
  internetMessageHeaders: z.array(header).nullish(),
});

const member = z.object({
  "@odata.type": z.string().optional(),
  id: z.string().min(1),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});
export type GroupMember = z.infer<typeof member>;

export const membersPageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().url().optional(),
});

export const memberSchema = member;

/** The first problem of a failed parse, for the admin. */
export function shapeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unexpected shape";
  const path = issue.path.map(String).join(".");
  return `${path ? `${path}: ` : ""}${issue.message}`;
}
