/**
 * The critical-service watch (issue 14 §2). For other features (the Junk sweep): whether a sender
 * key is one of the tenant's critical senders, and the catalogue Vouch ships.
 */
export { isCriticalSender } from "./senders";
export type { CriticalMatch, CriticalEntry } from "./match";
export { CATALOGUE, type CatalogueEntry } from "./catalogue";
export { recordCriticalSighting, type CriticalSighting } from "./sightings";
