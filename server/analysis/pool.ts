import type { Worker } from "node:worker_threads";
import { analyzeHeaders, type AnalyzeOptions } from "../../src/analysis";
import { reportFactsOf, type ReportFacts } from "../storage/facts";
import { pageFactsOf, type PageFacts, type PageOptions } from "../sweep/page-facts";
import { spawnWorker } from "../workers/spawn";
import type { AnalysisReply, ThreadRequest } from "./protocol";

/** Where the service analyses the headers of a report. */
export interface Analyzer {
  /** Analyses `headers` and draws from the analysis what the store keeps (facts.ts). */
  reportFacts(headers: string, options: AnalyzeOptions): Promise<ReportFacts>;
  /** Reads a Junk sweep delta page's body (page-facts.ts); the body is handed over, not copied. */
  pageFacts(body: Uint8Array, options: PageOptions): Promise<PageFacts>;
  /** Ends the threads; analyses still running are rejected. */
  close(): Promise<void>;
}

/** On the calling thread: for one-off tools and `VOUCH_ANALYSIS_THREADS=0`. */
export function inlineAnalyzer(): Analyzer {
  return {
    reportFacts: async (headers, options) => reportFactsOf(analyzeHeaders(headers, options)),
    pageFacts: async (body, options) => pageFactsOf(body, options),
    close: async () => {},
  };
}

export class AnalysisThreadError extends Error {
  override readonly name = "AnalysisThreadError";
}

interface Pending {
  resolve: (answer: ReportFacts | PageFacts) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

const WORKER_MODULE = new URL("./worker.ts", import.meta.url);

/**
 * Analyses on worker threads, so the event loop that parses requests and writes to the store
 * does not also spend a tenth of a millisecond per report reading headers; only the facts the
 * store keeps come back, a few hundred bytes. Threads start with the pool; each request goes to
 * the thread with the fewest waiting. A thread that dies takes only its own waiting analyses
 * with it (rejected with AnalysisThreadError, a 500 for those reports, none stored) and is
 * replaced on the next call.
 */
export function analysisPool(
  size: number,
  {
    onError,
    workerModule = WORKER_MODULE,
  }: {
    onError?: (message: string) => void;
    /** The thread's module: worker.ts; tests give one that fails on purpose. */
    workerModule?: URL;
  } = {},
): Analyzer {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("the pool needs 1 thread or more");
  const threads: Thread[] = [];
  let nextId = 1;
  let closed = false;

  function failAll(thread: Thread, reason: string): void {
    for (const { reject } of thread.pending.values()) reject(new AnalysisThreadError(reason));
    thread.pending.clear();
  }

  function start(): Thread {
    const thread: Thread = { worker: spawnWorker(workerModule), pending: new Map() };
    thread.worker.on("message", (reply: AnalysisReply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      if ("facts" in reply) waiting.resolve(reply.facts);
      else if ("page" in reply) waiting.resolve(reply.page);
      else waiting.reject(new AnalysisThreadError(`the analysis failed: ${reply.error}`));
    });
    const retire = (reason: string) => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      failAll(thread, reason);
    };
    thread.worker.on("error", (error) => {
      onError?.(`analysis thread failed: ${String(error)}`);
      retire(`the analysis thread failed: ${error.message}`);
    });
    thread.worker.on("exit", (code) => retire(`the analysis thread ended (exit code ${code})`));
    // The threads never keep the process alive by themselves: the requests that wait for them do.
    thread.worker.unref();
    threads.push(thread);
    return thread;
  }

  function leastBusy(): Thread {
    if (threads.length < size) return start();
    let best = threads[0] as Thread;
    for (const thread of threads) if (thread.pending.size < best.pending.size) best = thread;
    return best;
  }

  // Started now, not on the first report: loading a thread takes a moment the first person to
  // report should not wait for. A thread that died is replaced on the next call.
  while (threads.length < size) start();

  function ask<T extends ReportFacts | PageFacts>(
    request: ThreadRequest,
    transfer: ArrayBuffer[] = [],
  ): Promise<T> {
    if (closed) return Promise.reject(new AnalysisThreadError("the analysis pool is closed"));
    const thread = leastBusy();
    return new Promise<T>((resolve, reject) => {
      thread.pending.set(request.id, { resolve: resolve as Pending["resolve"], reject });
      thread.worker.postMessage(request, transfer);
    });
  }

  return {
    reportFacts(headers, options) {
      return ask<ReportFacts>({ id: nextId++, headers, options });
    },
    pageFacts(body, options) {
      // A view of part of a larger buffer cannot be handed over without handing over the rest.
      const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      const transfer = whole && body.buffer instanceof ArrayBuffer ? [body.buffer] : [];
      return ask<PageFacts>({ id: nextId++, page: body, options }, transfer);
    },
    async close() {
      closed = true;
      const ending = threads.splice(0);
      for (const thread of ending) failAll(thread, "the analysis pool is closed");
      await Promise.all(ending.map((thread) => thread.worker.terminate()));
    },
  };
}
