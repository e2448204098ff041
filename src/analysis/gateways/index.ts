/**
 * Third-party gateways in front of Exchange Online: their verdict stamps, one decoder module per
 * vendor, and whether a gateway handed the message to Microsoft 365 (./route.ts). A stamp is
 * read as a `GatewayVerdict` with its placement; only the receiving organisation's own gateway's
 * stamps count (`counted`), so a sender cannot talk its way past anything with a forged "clean"
 * stamp. One pass over the field names finds the stamps; the route is read only when there are
 * stamps or Microsoft's PTR names a gateway.
 */
import { KeyMemo } from "../field-names";
import type { HeaderBlock, HeaderField } from "../header-block";
import type { Language } from "../language";
import type {
  AntispamStamps,
  AuthSummary,
  GatewayInFront,
  GatewayPlacement,
  GatewayVerdict,
  Hop,
} from "../types";
import { barracuda } from "./barracuda";
import { cisco } from "./cisco";
import type { VendorDecoder } from "./decoder";
import { vendorOfHost } from "./infrastructure";
import { gatewayMeaning } from "./meanings";
import { mimecast } from "./mimecast";
import { proofpoint } from "./proofpoint";
import { placementOf, readRoute, type Route } from "./route";
import { MAX_RULES } from "./words";
import { spamAssassin } from "./spamassassin";
import { trendMicro } from "./trendmicro";

export const GATEWAY_DECODERS: readonly VendorDecoder[] = [
  spamAssassin,
  proofpoint,
  cisco,
  mimecast,
  barracuda,
  trendMicro,
];

/** Stamp fields read per message: a real message carries a dozen at most. */
const MAX_GATEWAY_FIELDS = 200;
/** Gateway entries per message (one per vendor and placement, so at most 18 are possible). */
const MAX_VERDICTS = 18;

export interface GatewayInput {
  block: HeaderBlock;
  hops: readonly Hop[];
  stamps: AntispamStamps;
  auth: AuthSummary;
  trustedAuthservIds: readonly string[];
  language: Language;
}

export interface Gateways {
  gateways: GatewayVerdict[];
  gatewayInFront: GatewayInFront | null;
}

/**
 * Decoders by the third and fourth characters of their prefixes ("x-sp…", "x-mi…"), so a field
 * that is no stamp (Microsoft's "x-ms-…" are most of a block) costs four character reads and a
 * look-up by number. Every prefix is longer than four characters, and field names are ASCII.
 */
const BY_THIRD_AND_FOURTH = new Map<number, { prefix: string; decoder: VendorDecoder }[]>();
for (const decoder of GATEWAY_DECODERS) {
  for (const prefix of decoder.prefixes) {
    const code = prefix.charCodeAt(2) * 128 + prefix.charCodeAt(3);
    const candidates = BY_THIRD_AND_FOURTH.get(code) ?? [];
    candidates.push({ prefix, decoder });
    BY_THIRD_AND_FOURTH.set(code, candidates);
  }
}

function decoderOf(key: string): VendorDecoder | null {
  // Every stamp name starts with "x-"; most fields do not, and leave after one comparison.
  if (key.charCodeAt(1) !== 0x2d || key.charCodeAt(0) !== 0x78) return null;
  const candidates = BY_THIRD_AND_FOURTH.get(key.charCodeAt(2) * 128 + key.charCodeAt(3));
  if (candidates === undefined) return null;
  for (const { prefix, decoder } of candidates) if (key.startsWith(prefix)) return decoder;
  return null;
}

/** Each field key's decoder, looked for once per key. */
const DECODER_OF_KEY = new KeyMemo(decoderOf);

function stampFields(block: HeaderBlock): { decoder: VendorDecoder; field: HeaderField }[] {
  const found: { decoder: VendorDecoder; field: HeaderField }[] = [];
  for (const field of block.fields) {
    const decoder = DECODER_OF_KEY.of(field);
    if (decoder === null) continue;
    found.push({ decoder, field });
    if (found.length >= MAX_GATEWAY_FIELDS) break;
  }
  return found;
}

function hasSkipListing(block: HeaderBlock): boolean {
  return (
    block.first("X-MS-Exchange-SkipListedInternetSender") !== undefined ||
    block.first("X-MS-Exchange-ExternalOriginalInternetSender") !== undefined
  );
}

export function readGateways(input: GatewayInput): Gateways {
  const found = stampFields(input.block);
  const route: Route | null =
    found.length > 0 || vendorOfHost(input.stamps.ptr) !== null || hasSkipListing(input.block)
      ? readRoute(input)
      : null;
  if (route === null) return { gateways: [], gatewayInFront: null };

  // One group per pass through a gateway: a vendor's stamps on one side of the entry hop, until
  // a stamp name repeats (then an older pass wrote the rest, e.g. the sender's outbound filter).
  const groups: { decoder: VendorDecoder; placement: GatewayPlacement; fields: HeaderField[] }[] =
    [];
  const open = new Map<string, (typeof groups)[number]>();
  for (const { decoder, field } of found) {
    const placement = placementOf(field.position, route.entry);
    const id = `${decoder.vendor} ${placement}`;
    let group = open.get(id);
    if (!group || group.fields.some((other) => other.key === field.key)) {
      group = { decoder, placement, fields: [] };
      groups.push(group);
      open.set(id, group);
    }
    group.fields.push(field);
  }

  const gateways: GatewayVerdict[] = [];
  for (const { decoder, placement: where, fields } of groups) {
    if (gateways.length >= MAX_VERDICTS) break;
    const decoded = decoder.decode(fields);
    if (decoded === null) continue;
    // A sending organisation's outbound verdict is never the recipient's, wherever it stands.
    const placement: GatewayPlacement =
      decoded.outbound && where === "receiving" ? "before-entry" : where;
    gateways.push({
      vendor: decoder.vendor,
      headers: [...new Set(fields.map((field) => field.name))].slice(0, 20),
      verdict: decoded.verdict,
      score: decoded.score,
      threshold: decoded.threshold,
      rules: decoded.rules.slice(0, MAX_RULES),
      meaning: gatewayMeaning(
        decoder.vendor,
        decoded.verdict,
        decoded.score,
        decoded.threshold,
        placement,
        input.language,
      ),
      placement,
      counted: placement === "receiving",
    });
  }
  return { gateways, gatewayInFront: route.inFront };
}

export { vendorOfHost } from "./infrastructure";
export { GATEWAY_PRODUCTS, gatewayVerdictWord, JUNK_VERDICTS } from "./meanings";
