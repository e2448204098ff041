/**
 * Performance marks that bench/taskpane reads: from headers in hand to the verdict painted.
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
  return afterNextPaint(() => {
    if (performance.getEntriesByName(HEADERS_MARK, "mark").length === 0) return;
    if (performance.getEntriesByName(PAINTED_MARK, "mark").length > 0) return;
    performance.mark(PAINTED_MARK);
    performance.measure(MEASURE, HEADERS_MARK, PAINTED_MARK);
  });
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
