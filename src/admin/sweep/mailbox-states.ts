import type { SweepMailboxState } from "../../api/sweep-contract";
import type { BadgeColor } from "../labels";

/** Mailboxes that need the admin come first. */
export const MAILBOX_ORDER: SweepMailboxState[] = [
  "out-of-scope",
  "not-found",
  "error",
  "throttled",
  "pending",
  "ok",
  "left-group",
];

export const MAILBOX_COLORS: Record<SweepMailboxState, BadgeColor> = {
  "out-of-scope": "danger",
  "not-found": "danger",
  error: "danger",
  throttled: "warning",
  pending: "subtle",
  ok: "success",
  "left-group": "subtle",
};
