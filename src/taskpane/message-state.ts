import type { HeaderAnalysis } from "../analysis";
import type { HeadersResult, ItemMailbox, ItemSnapshot, MailHost } from "../office/host";
import type { GraphHeadersResult } from "../api/graph";
import type * as EngineModule from "./engine";
import { markHeadersInHand } from "./perf";

/**
 * The analysis engine (with its public-suffix list) is the largest part of the pane, so it is
 * its own chunk (engine.ts); the page preloads it (vite.config.ts), so it arrives while
 * Office.js starts.
 */
export type Engine = typeof EngineModule;
let engine: Promise<Engine> | null = null;
export function loadAnalyzer() {
  // A failed download (offline) is not remembered: the next message tries again.
  engine ??= import("./engine").catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** Headers from Graph, in the mailbox the item is in (/me or /users/{owner}). */
export type GraphFetcher = (
  restItemId: string,
  mailbox: ItemMailbox,
) => Promise<GraphHeadersResult>;

/** Why Graph could not help: its own answer, or that it could not even be asked here. */
export type GraphAttempt = { tried: false } | { tried: true; result: GraphHeadersResult };

export type MessageState =
  | { phase: "no-item" }
  | { phase: "loading"; item: ItemSnapshot }
  | {
      phase: "ready";
      item: ItemSnapshot;
      raw: string;
      source: "office" | "graph";
      analysis: HeaderAnalysis;
      office: HeadersResult;
      mailbox: ItemMailbox;
    }
  | {
      phase: "missing";
      item: ItemSnapshot;
      office: HeadersResult;
      tooFew: boolean;
      graph: GraphAttempt;
      mailbox: ItemMailbox;
    };

/** Too little to explain anything: no hops, no authentication results, no filter stamps. */
export function isTooFew(analysis: HeaderAnalysis): boolean {
  const { hops, auth, antispam } = analysis;
  return (
    hops.length === 0 &&
    auth.source === null &&
    antispam.scl === null &&
    antispam.sfv === null &&
    antispam.cat === null
  );
}

export async function loadMessage(
  host: MailHost,
  item: ItemSnapshot,
  graph: GraphFetcher | null,
): Promise<MessageState> {
  const [office, mailbox] = await Promise.all([host.readHeaders(), host.itemMailbox()]);
  const { analyzeHeaders, languageOf } = await loadAnalyzer();
  // The findings speak the language Outlook shows.
  const options = { language: languageOf(host.displayLanguage) };
  if (office.kind === "ok") {
    markHeadersInHand();
    const analysis = analyzeHeaders(office.text, options);
    if (!isTooFew(analysis)) {
      return {
        phase: "ready",
        item,
        raw: office.text,
        source: "office",
        analysis,
        office,
        mailbox,
      };
    }
  }
  const tooFew = office.kind === "ok";
  const restId = host.restItemId();
  if (!graph || !restId) {
    return { phase: "missing", item, office, tooFew, graph: { tried: false }, mailbox };
  }
  const result = await graph(restId, mailbox);
  if (result.ok) {
    markHeadersInHand();
    const analysis = analyzeHeaders(result.text, options);
    if (!isTooFew(analysis)) {
      return { phase: "ready", item, raw: result.text, source: "graph", analysis, office, mailbox };
    }
    return {
      phase: "missing",
      item,
      office,
      tooFew,
      graph: { tried: true, result: { ok: false, reason: "no-headers", message: "too few" } },
      mailbox,
    };
  }
  return { phase: "missing", item, office, tooFew, graph: { tried: true, result }, mailbox };
}

/** What the pane shows when reading the item failed outright. */
export function failedState(item: ItemSnapshot, error: unknown): MessageState {
  return {
    phase: "missing",
    item,
    office: { kind: "error", message: String(error) },
    tooFew: false,
    graph: { tried: false },
    mailbox: { kind: "own" },
  };
}
