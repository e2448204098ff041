import { randomUUID } from "node:crypto";
import {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from "fastify";
import type { LogLevel } from "../config";

/**
 * Structured logs (pino) with a request id on every line, and nothing a person sent us in them:
 * no header text, no token, no mail address. Requests are logged as method + path only (the
 * query string can carry an address: /senders/status?sender=...), bodies and headers never, and
 * the redact list catches the same fields should any code log them by mistake.
 */
export const REDACTED_PATHS = [
  "req.headers",
  "headers",
  "*.headers",
  "authorization",
  "*.authorization",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "body",
  "*.body",
  "mailbox",
  "*.mailbox",
  "sender",
  "*.sender",
  "comment",
  "*.comment",
  "internetMessageId",
  "*.internetMessageId",
];

function pathOnly(url: string | undefined): string {
  return (url ?? "").split("?")[0] ?? "";
}

export interface LogStream {
  write(line: string): void;
}

/**
 * Log options. `pretty` (outside production) turns the JSON lines into short readable ones when
 * they go to a terminal; pipes, files and `stream` keep JSON.
 */
export function loggerOptions(
  level: LogLevel,
  stream?: LogStream,
  options: { pretty?: boolean } = {},
): FastifyServerOptions["logger"] {
  const destination =
    stream ?? (options.pretty && process.stdout.isTTY ? terseStream(process.stdout) : undefined);
  return {
    level,
    ...(destination ? { stream: destination } : {}),
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Honour a caller's X-Request-Id when it looks like an id, so logs can be joined across hops. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
}

const LEVEL_ORDER: LogLevel[] = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/**
 * For routes polled all day (health, metrics): at least "warn", so probes do not flood the logs,
 * but never louder than the configured level (LOG_LEVEL=silent stays silent).
 */
export function quietLevel(configured: LogLevel): LogLevel {
  return LEVEL_ORDER.indexOf(configured) >= LEVEL_ORDER.indexOf("warn") ? configured : "warn";
}

/**
 * One line per request, when it is answered: Fastify's own controller writes two ("incoming
 * request" and "request completed"), which doubles the logs and splits each request's story.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const fields = {
      req: request.raw,
      res: { statusCode: reply.statusCode },
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...fields, err: error }, "request errored");
    else reply.log.info(fields, "request");
  }
}

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO ",
  40: "WARN ",
  50: "ERROR",
  60: "FATAL",
};

/** Pino's JSON line as "12:03:04 INFO  POST /api/v1/reports 201 12ms (reqId)" and the like. */
export function terseLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, reqId, req, res, ms, pid: _pid, hostname: _host, ...rest } = entry;
  const clock = typeof time === "number" ? new Date(time).toISOString().slice(11, 19) : "";
  const parts = [clock, LEVEL_NAMES[level as number] ?? String(level)];
  const request = req as { method?: string; path?: string } | undefined;
  if ((msg === "request" || msg === "request errored") && request) {
    const status = (res as { statusCode?: number } | undefined)?.statusCode;
    parts.push(`${request.method ?? ""} ${request.path ?? ""} ${status ?? ""} ${String(ms)}ms`);
  } else {
    parts.push(String(msg ?? ""));
    const error = rest.err as { message?: string; stack?: string } | undefined;
    delete rest.err;
    for (const [key, value] of Object.entries(rest)) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      parts.push(`${key}=${text}`);
    }
    if (error) parts.push(`\n  ${error.stack ?? error.message ?? ""}`);
  }
  if (typeof reqId === "string") parts.push(`(${reqId.slice(0, 8)})`);
  return `${parts.join(" ")}\n`;
}

function terseStream(out: NodeJS.WriteStream): LogStream {
  return { write: (line) => void out.write(terseLine(line)) };
}
