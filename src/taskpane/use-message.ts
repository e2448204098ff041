import { useEffect, useRef, useState } from "react";
import type { ItemSnapshot, MailHost } from "../office/host";
import { failedState, loadMessage, type GraphFetcher, type MessageState } from "./message-state";

export type { GraphAttempt, GraphFetcher, MessageState } from "./message-state";
export { isTooFew, loadAnalyzer } from "./message-state";

/**
 * The open item, its headers and their analysis; follows a pinned pane from item to item.
 * `initial` is the first item's state as start-up read it before React loaded (main.ts): shown
 * as it is, not read again.
 */
export function useMessage(
  host: MailHost,
  graph: GraphFetcher | null,
  initial?: MessageState,
): MessageState {
  const [item, setItem] = useState<ItemSnapshot | null>(() =>
    initial ? initialItem(initial) : host.currentItem(),
  );
  const [state, setState] = useState<MessageState>(
    () => initial ?? (item ? { phase: "loading", item } : { phase: "no-item" }),
  );
  const preloaded = useRef(initial !== undefined);

  // The pane renders before sign-in has finished (main.ts), so the Graph fallback may come
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
    if (preloaded.current) {
      preloaded.current = false;
      // A pinned pane may have moved on while React loaded, before this subscribed to it.
      const now = host.currentItem();
      if (!sameItem(now, item)) setItem(now);
      return;
    }
    if (!item) {
      setState({ phase: "no-item" });
      return;
    }
    let current = true;
    const graphNow = latestGraph.current;
    loadedWithGraph.current = graphNow !== null;
    setState({ phase: "loading", item });
    loadMessage(host, item, graphNow).then(
      (next) => {
        if (current) setState(next);
      },
      (error: unknown) => {
        if (current) setState(failedState(item, error));
      },
    );
    return () => {
      current = false;
    };
  }, [host, item, attempt]);

  return state;
}

function sameItem(a: ItemSnapshot | null, b: ItemSnapshot | null): boolean {
  if (!a || !b) return a === b;
  return a.itemId === b.itemId && a.internetMessageId === b.internetMessageId;
}

function initialItem(state: MessageState): ItemSnapshot | null {
  return state.phase === "no-item" ? null : state.item;
}
