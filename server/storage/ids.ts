import { randomUUID } from "node:crypto";

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest
 * random. Report ids are the reports table's primary key; ids in time order are appended to the
 * end of its index, where random ones would touch (and write to the log) a different page of it
 * for every report. The random part comes from Node's batched `randomUUID`, whose variant bits
 * are already RFC 9562's.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  const time = Math.trunc(now).toString(16).padStart(12, "0").slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
