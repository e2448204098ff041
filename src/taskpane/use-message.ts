import { useEffect, useRef, useState } from "react";
import type { HeaderAnalysis } from "../analysis";
import type { analyzeHeaders as AnalyzeHeaders } from "../analysis/analyze";
import { languageOf } from "../analysis/language";
import type { HeadersResult, ItemMailbox, ItemSnapshot, MailHost } from "../office/host";
import type { GraphHeadersResult } from "../api/graph";
import { markHeadersInHand } from "./perf";

/**
 * The analysis engine (with its public-suffix list) is the largest part of the pane, so it is
 * its own chunk, requested as soon as this module loads: it arrives while Outlook reads headers.
 */
let analyzer: Promise<{ analyzeHeaders: typeof AnalyzeHeaders }> | null = null;
export function loadAnalyzer() {
  // A failed download (offline) is not remembered: the next message tries again.
  analyzer ??= import("../analysis/analyze").catch((error: unknown) => {
    analyzer = null;
    throw error;
  });
  return analyzer;
}
if (typeof window !== "undefined") void loadAnalyzer().catch(() => undefined);

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

async function load(
  host: MailHost,
  item: ItemSnapshot,
  graph: GraphFetcher | null,
): Promise<MessageState> {
  const [office, mailbox] = await Promise.all([host.readHeaders(), host.itemMailbox()]);
  const { analyzeHeaders } = await loadAnalyzer();
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

/** The open item, its headers and their analysis; follows a pinned pane from item to item. */
export function useMessage(host: MailHost, graph: GraphFetcher | null): MessageState {
  const [item, setItem] = useState<ItemSnapshot | null>(() => host.currentItem());
  const [state, setState] = useState<MessageState>(() =>
    item ? { phase: "loading", item } : { phase: "no-item" },
  );

  // The pane renders before sign-in has finished (main.tsx), so the Graph fallback may come
  // later: it must not reload a verdict already shown, but it is asked for headers Outlook could
  // not give when they were found missing without it.
  const latestGraph = useRef(graph);
  const loadedWithGraph = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const missingWithoutGraph =
    state.phase === "missing" && !state.graph.tried && !loadedWithGraph.current;
  useEffect(() => {
    latestGraph.current = graph;
    if (graph && missingWithoutGraph) setAttempt((n) => n + 1);
  }, [graph, missingWithoutGraph]);

  useEffect(() => host.onItemChanged(setItem), [host]);

  useEffect(() => {
    if (!item) {
      setState({ phase: "no-item" });
      return;
    }
    let current = true;
    const graphNow = latestGraph.current;
    loadedWithGraph.current = graphNow !== null;
    setState({ phase: "loading", item });
    load(host, item, graphNow).then(
      (next) => {
        if (current) setState(next);
      },
      (error: unknown) => {
        if (current) {
          setState({
            phase: "missing",
            item,
            office: { kind: "error", message: String(error) },
            tooFew: false,
            graph: { tried: false },
            mailbox: { kind: "own" },
          });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [host, item, attempt]);

  return state;
}
