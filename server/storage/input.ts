import { reportKindSchema } from "../../src/api/contract";
import { reportFactsOf, type ReportFacts } from "./facts";
import { StoreInputError, type RecordReportInput } from "./types";

const LIMITS = {
  tenantId: 200,
  reporterId: 400,
  internetMessageId: 998,
  comment: 2000,
  mailbox: 320,
} as const;

/**
 * PostgreSQL text cannot hold NUL, SQLite can: refusing it here keeps both engines answering the
 * same way, with an error that names the field instead of a driver failure.
 */
function checkText(field: string, value: unknown, max: number | null, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) throw new StoreInputError(field, "is required");
    return;
  }
  if (typeof value !== "string") throw new StoreInputError(field, "must be a string");
  if (required && value.trim().length === 0) throw new StoreInputError(field, "must not be empty");
  if (max !== null && value.length > max) {
    throw new StoreInputError(field, `must be at most ${max} characters`);
  }
  if (value.includes("\u0000")) throw new StoreInputError(field, "must not contain NUL");
}

/** Refuses input the store cannot keep (the error names the field); returns the facts to store. */
export function checkRecordInput(input: RecordReportInput): ReportFacts {
  checkText("tenantId", input.tenantId, LIMITS.tenantId, true);
  checkText("reporterId", input.reporterId, LIMITS.reporterId, true);
  checkText("internetMessageId", input.internetMessageId, LIMITS.internetMessageId, true);
  checkText("comment", input.comment, LIMITS.comment, false);
  checkText("mailbox", input.mailbox, LIMITS.mailbox, false);
  checkText("rawHeaders", input.rawHeaders, null, true);
  if (!reportKindSchema.safeParse(input.kind).success) {
    throw new StoreInputError("kind", 'must be "not-spam" or "trusted-sender"');
  }
  const facts = factsOf(input);
  if (input.now !== undefined && Number.isNaN(input.now.getTime())) {
    throw new StoreInputError("now", "must be a valid date");
  }
  return facts;
}

/** The facts given, or drawn from the analysis given; one of the two is required. */
function factsOf(input: RecordReportInput): ReportFacts {
  if (typeof input.facts === "object" && input.facts !== null) return input.facts;
  if (typeof input.analysis === "object" && input.analysis !== null) {
    return reportFactsOf(input.analysis);
  }
  throw new StoreInputError("analysis", "is required (or the facts drawn from it)");
}

/** Distinct mailbox counts must not split on case or stray spaces. */
export function normalizeMailbox(mailbox: string | null | undefined, reporterId: string): string {
  const trimmed = mailbox?.trim();
  return trimmed ? trimmed.toLowerCase() : reporterId;
}
