import { randomUUID } from "node:crypto";
import type { FastifyServerOptions } from "fastify";
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

export function loggerOptions(
  level: LogLevel,
  stream?: { write(line: string): void },
): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream ? { stream } : {}),
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
