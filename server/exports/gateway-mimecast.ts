/**
 * Mimecast: approved senders as the request to Mimecast's API that adds members to the Permitted
 * Senders profile group. Mimecast's Permitted Senders policy lets a sender's messages "bypass
 * Spam Scanning, Greylisting, and IP Reputation checks", and an address or domain for the whole
 * account is added to the profile group the default Permitted Senders policy is scoped to
 * (mimecastsupport "Policies - Configuring and Managing Permitted Senders"; "Configuring
 * Permitted Senders Policies"). The API call is `POST /api/directory/add-group-member` with
 * `{"data":[{"id":<group id>,"domain"|"emailAddress":<value>,"notes":<text>}]}` (Mimecast API
 * "Add Group Member"; Mimecast API 2.0 at api.services.mimecast.com). A permitted sender still
 * goes through a DNS Authentication policy when one applies ("Spam Scanning Policies": a
 * permitted sender that fails SPF is still spam-scanned), so keep one on: the list matches a
 * sender that anyone can write.
 *
 * The file is JSON (JSON.stringify quotes every value); each value is also export-safe text
 * (safe-text.ts), so nothing hidden reaches the console or the API.
 */
import { gatewayEntries } from "./gateway-entries";
import { exportText } from "./safe-text";
import type { ExportProposal } from "./types";

export const MIMECAST_EXPORT_SCHEMA = "vouch.gateway-export/1";
export const MIMECAST_API = "https://api.services.mimecast.com/api/directory/add-group-member";
/** Stands for the Permitted Senders profile group's id, which only the admin's account knows. */
export const MIMECAST_GROUP_PLACEHOLDER = "<Permitted Senders profile group id>";

export function mimecastExport(
  proposals: readonly ExportProposal[],
  generatedAt: Date,
  single: boolean,
): string {
  const { entries, withheld } = gatewayEntries(proposals, "Mimecast", single);
  const data = entries.map((entry) => ({
    id: MIMECAST_GROUP_PLACEHOLDER,
    ...(entry.kind === "domain" ? { domain: entry.value } : { emailAddress: entry.value }),
    notes: entry.note,
  }));
  const file = {
    schema: MIMECAST_EXPORT_SCHEMA,
    gateway: "mimecast",
    generatedAt: generatedAt.toISOString(),
    howTo: [
      `Replace ${MIMECAST_GROUP_PLACEHOLDER} with the id of the profile group your Permitted Senders policy is scoped to (Administration > Directories > Profile Groups, or POST /api/directory/find-groups).`,
      `POST the "request" object below to ${MIMECAST_API} with your API 2.0 bearer token.`,
      "Keep a DNS Authentication policy on: a permitted sender matches an address anyone can write, and Mimecast still checks SPF/DKIM for permitted senders under that policy.",
    ],
    sources: [
      "Mimecast API: Add Group Member (POST /api/directory/add-group-member; id, domain or emailAddress, notes)",
      "mimecastsupport.zendesk.com: Policies - Configuring and Managing Permitted Senders",
      "community.mimecast.com DOC-1435: Spam Scanning Policies (permitted senders and DNS authentication)",
    ],
    withheld: withheld.map((w) => ({ id: exportText(w.id), reason: exportText(w.reason) })),
    request: { data },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
