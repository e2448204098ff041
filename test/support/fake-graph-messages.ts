/**
 * Junk messages for the Graph fake (fake-graph.ts), built from the samples: the sample's
 * headers as Graph lists them, under a Message-ID and Graph id of the test's choosing, so one
 * sample can stand for many messages.
 */
import { headersOf, type FakeMessage } from "./fake-graph";
import { sampleHeaders } from "./samples";

export function fakeMessage(
  sample: string,
  ids: { id: string; messageId?: string; receivedDateTime?: string },
): FakeMessage {
  const messageId = ids.messageId ?? `<${ids.id}@fake-graph.test>`;
  const headers = headersOf(sampleHeaders(sample).headers).map((header) =>
    header.name.toLowerCase() === "message-id" ? { ...header, value: messageId } : header,
  );
  return {
    id: ids.id,
    internetMessageId: messageId,
    receivedDateTime: ids.receivedDateTime ?? "2026-12-03T08:00:00Z",
    headers,
  };
}

/** `count` messages of one sample in one mailbox, ids `${prefix}-1`... */
export function fakeMessages(sample: string, prefix: string, count: number): FakeMessage[] {
  return Array.from({ length: count }, (_, index) =>
    fakeMessage(sample, { id: `${prefix}-${index + 1}` }),
  );
}
