/**
 * Performance marks that bench/taskpane and bench/coldopen read: from headers in hand to the
 * verdict painted.
 * Each message clears the previous pair, so one measure always belongs to one message.
 */
export const HEADERS_MARK = "vouch:headers";
export const PAINTED_MARK = "vouch:verdict-painted";
export const MEASURE = "vouch:headers-to-verdict";

export function markHeadersInHand(): void {
  performance.clearMarks(HEADERS_MARK);
  performance.clearMarks(PAINTED_MARK);
  performance.mark(HEADERS_MARK);
}

/** Call after the verdict is committed: marks once the frame carrying it has been painted. */
export function markVerdictPaintedAfterFrame(): () => void {
  return afterNextPaint(markVerdictPainted);
}

/**
 * Marks the verdict painted, once per message (the first paint and the React pane's VerdictCard
 * both call it for the first message; the first to draw it wins). Call right after a paint.
 */
export function markVerdictPainted(): void {
  if (performance.getEntriesByName(HEADERS_MARK, "mark").length === 0) return;
  if (performance.getEntriesByName(PAINTED_MARK, "mark").length > 0) return;
  performance.mark(PAINTED_MARK);
  performance.measure(MEASURE, HEADERS_MARK, PAINTED_MARK);
}

/** Resolves right after the next frame has been painted. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterNextPaint(resolve));
}

/** Runs `callback` right after the next frame has been painted; returns a cancel function. */
export function afterNextPaint(callback: () => void): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    // rAF runs before the paint; a message posted from it runs right after.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (!cancelled) callback();
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}
