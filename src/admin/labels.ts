import type { AdminProposalStatus } from "../api/admin-contract";

export type BadgeColor = "brand" | "success" | "danger" | "warning" | "informative" | "subtle";

/** The badge colour of each status (its words are in i18n). */
export const STATUS_COLORS: Record<AdminProposalStatus, BadgeColor> = {
  collecting: "subtle",
  open: "brand",
  refused: "danger",
  insight: "informative",
  approved: "success",
  "needs-review": "warning",
  rejected: "subtle",
  applied: "success",
  expired: "warning",
  revoked: "warning",
};
