import { createApiClient, type VouchApi } from "../api/client";
import type { GraphTokenProvider, TokenProvider } from "../api/auth";
import { createMailGraph, type MailGraph } from "../api/graph";
import { createReportQueue, type ReportQueue } from "../api/retry-queue";
import type { GraphFetcher } from "./message-state";

export interface SignedInServices {
  api: VouchApi;
  queue: ReportQueue;
  graph: GraphFetcher | null;
  rescue: MailGraph["rescue"] | null;
  /** Stops the queue's timers and listeners. */
  stop: () => void;
}

/** The API client and the retry queue (shared with the ribbon command) for one signed-in person. */
export function signedInServices(
  tokens: TokenProvider & Partial<GraphTokenProvider>,
  baseUrl = "",
): SignedInServices {
  const api = createApiClient({ tokens, baseUrl });
  const queue = createReportQueue({
    storage: localStorage,
    send: api.submitReport,
    account: () => tokens.account(),
  });
  const stop = queue.start();
  const getGraphToken = tokens.getGraphToken;
  const mailGraph = getGraphToken ? createMailGraph({ getGraphToken }) : null;
  const graph: GraphFetcher | null = mailGraph
    ? (restId, mailbox) =>
        mailGraph.headers(
          restId,
          mailbox.kind === "shared" ? { kind: "shared", owner: mailbox.owner } : { kind: "own" },
        )
    : null;
  return { api, queue, graph, rescue: mailGraph?.rescue ?? null, stop };
}
