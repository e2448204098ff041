import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { AuthError } from "../auth/types";
import { StoreInputError } from "../storage";

/**
 * Every error leaves the service as JSON `{error, message}`: `error` a stable machine code,
 * `message` one sentence for a person. Handlers throw HttpError; everything Fastify or a plugin
 * throws is mapped here, so no route answers with a stack trace or Fastify's own shape.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const notFound = (what: string) => new HttpError(404, "not-found", `${what} does not exist`);

/** The first issue of a failed zod parse, as "field: problem" (the field path dotted). */
export function describeIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root} is invalid`;
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return `${path ? `${path}: ` : ""}unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}`;
  }
  return `${path || root}: ${issue.message}`;
}

export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: string,
  code = "invalid-request",
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, code, describeIssue(result.error, root));
  return result.data;
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

function mapError(error: FastifyError | Error): Mapped {
  if (error instanceof HttpError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      headers: error.headers,
    };
  }
  if (error instanceof StoreInputError) {
    return { status: 400, code: "invalid-request", message: error.message };
  }
  if (error instanceof AuthError) {
    const challenge =
      error.statusCode === 403
        ? `Bearer error="insufficient_scope"`
        : error.statusCode === 401
          ? `Bearer error="invalid_token"`
          : undefined;
    return {
      status: error.statusCode,
      code: error.reason,
      message: error.message,
      headers: challenge ? { "www-authenticate": challenge } : {},
    };
  }
  const code = (error as FastifyError).code;
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "body-too-large", message: "the request body is too large" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        code: "unsupported-media-type",
        message: "send the body as application/json",
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "invalid-json", message: "the JSON body is empty" };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, code: "invalid-json", message: "the body is not valid JSON" };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { status: 400, code: "invalid-content-length", message: error.message };
  }
  const status = (error as FastifyError).statusCode;
  if (error instanceof SyntaxError || (status === 400 && /JSON|prototype/i.test(error.message))) {
    // secure-json-parse refuses __proto__ and constructor.prototype with a SyntaxError.
    return {
      status: 400,
      code: "invalid-json",
      message: /prototype/i.test(error.message)
        ? "the body contains a forbidden __proto__ or constructor.prototype key"
        : "the body is not valid JSON",
    };
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { status, code: "bad-request", message: error.message };
  }
  return { status: 500, code: "internal-error", message: "something went wrong on our side" };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(
    (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
      const mapped = mapError(error);
      request.errorCode = mapped.code;
      if (mapped.status >= 500) request.log.error({ err: error }, "request failed");
      else request.log.info({ error: mapped.code, status: mapped.status }, "request refused");
      // Refused before its body arrived (no token, too large): close the connection after the
      // answer instead of reading the rest of the body only to throw it away.
      if (!request.raw.complete) reply.header("connection", "close");
      void reply
        .code(mapped.status)
        .headers(mapped.headers ?? {})
        .type("application/json; charset=utf-8")
        .send({ error: mapped.code, message: mapped.message });
    },
  );
  app.setNotFoundHandler((request, reply) => {
    request.errorCode = "not-found";
    void reply
      .code(404)
      .type("application/json; charset=utf-8")
      .send({
        error: "not-found",
        message: `no route ${request.method} ${request.url.split("?")[0]}`,
      });
  });
}
