import type { AdminProposalStatus, ExportFormatDto, ProposalEntryDto } from "../api/admin-contract";

/** Words the console shows for machine values. */
export const STATUS_LABELS: Record<AdminProposalStatus, string> = {
  collecting: "Collecting",
  open: "Open",
  refused: "Refused",
  insight: "Insight",
  approved: "Approved",
  "needs-review": "Needs review",
  rejected: "Rejected",
  applied: "Applied",
  expired: "Expired",
  revoked: "Revoked",
};

export type BadgeColor = "brand" | "success" | "danger" | "warning" | "informative" | "subtle";

export const STATUS_COLORS: Record<AdminProposalStatus, BadgeColor> = {
  collecting: "subtle",
  open: "brand",
  refused: "danger",
  insight: "informative",
  approved: "success",
  "needs-review": "danger",
  rejected: "subtle",
  applied: "success",
  expired: "warning",
  revoked: "warning",
};

export const CAUSE_LABELS: Record<string, string> = {
  "user-junk-settings": "People's own junk settings",
  "user-blocked-senders": "People's blocked senders",
  "policy-blocked": "Blocked by a policy or list entry",
  "bulk-threshold": "Bulk threshold (BCL)",
  "advanced-spam-filter": "Advanced Spam Filter option",
  "transport-rule": "A mail flow rule",
  "own-domain": "Your own domain",
};

export function describeEntry(entry: ProposalEntryDto | null): string {
  if (!entry) return "No allow entry";
  if (entry.type === "sender") return `Allow ${entry.kind} ${entry.value}`;
  return `Allow ${entry.spoofedUser} sent from ${entry.sendingInfrastructure.value}`;
}

export function shortDate(iso: string): string {
  return iso.slice(0, 10);
}

export function dateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const EXPORT_LABELS: Record<ExportFormatDto, string> = {
  powershell: "PowerShell (Tenant Allow/Block List)",
  "transport-rule": "Mail flow rule (PowerShell)",
  csv: "CSV",
  json: "JSON",
};
