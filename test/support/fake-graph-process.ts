/**
 * The Graph fake (fake-graph.ts) in a process of its own, for the benchmark: `members`
 * mailboxes of `messages` junked messages each, generated from the samples on every request
 * and never kept, so the fake's memory does not grow with the mailboxes. Prints one JSON line
 * `{ env }` (the VOUCH_SWEEP_* settings pointing at it) and serves until killed.
 *
 *   node bin/run-ts.mjs test/support/fake-graph-process.ts --members 10000 --messages 20
 */
import { parseArgs } from "node:util";
import { headersOf, startFakeGraph, type FakeMessage } from "./fake-graph";
import { sampleHeaders } from "./samples";

const { values } = parseArgs({
  options: {
    members: { type: "string", default: "10000" },
    messages: { type: "string", default: "20" },
  },
});
const MEMBERS = Number(values.members);
const MESSAGES = Number(values.messages);

// Mostly authenticated senders (a critical one among them), one forged sender in five.
const TEMPLATES = [
  "azure-service-notice",
  "bulk-newsletter",
  "asf-image-links",
  "blocked-sender",
  "phishing-impersonation",
].map((id) => headersOf(sampleHeaders(id).headers));

function generate(userId: string): FakeMessage[] {
  const messages: FakeMessage[] = [];
  for (let index = 0; index < MESSAGES; index++) {
    const template = TEMPLATES[index % TEMPLATES.length] as { name: string; value: string }[];
    const messageId = `<${userId}-${index}@bench.fake-graph.test>`;
    messages.push({
      id: `${userId}-m${index}`,
      internetMessageId: messageId,
      receivedDateTime: new Date(Date.UTC(2026, 11, 1 + (index % 3), 8)).toISOString(),
      headers: template.map((header) =>
        header.name.toLowerCase() === "message-id" ? { ...header, value: messageId } : header,
      ),
    });
  }
  return messages;
}

const graph = await startFakeGraph({
  tenantId: "bench",
  members: Array.from({ length: MEMBERS }, (_, index) => ({
    id: `user-${String(index).padStart(6, "0")}`,
    mail: `user${index}@bench.test`,
  })),
  generate,
  logRequests: false,
});
console.log(JSON.stringify({ env: graph.env }));
