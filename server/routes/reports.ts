import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  API_PREFIX,
  errorBodySchema,
  reportDetailSchema,
  reportRequestSchema,
  reportResponseSchema,
  type ReportDetail,
  type ReportResponse,
} from "../../src/api/contract";
import { callerOf } from "../auth/plugin";
import { createMailboxCheck } from "../mailbox/check";
import { trustedAuthservFor } from "../config";
import type { FeatureContext } from "../feature-context";
import { HttpError, notFound, parseOr400 } from "../http/errors";
import type { StoredReport } from "../storage";
import { senderStatusOf } from "./sender-status";

const reportParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * The mailbox a message sat in is a recipient's address, and recipients' addresses are never
 * stored: the store only counts distinct mailboxes, so it gets a keyed digest that counts the
 * same (case and spaces aside) and cannot be read back.
 */
export function mailboxDigest(tenantId: string, mailbox: string | undefined): string | null {
  const normalized = mailbox?.trim().toLowerCase();
  if (!normalized) return null;
  const digest = createHash("sha256").update(`${tenantId}\u0000${normalized}`).digest("hex");
  return `mbx:${digest.slice(0, 40)}`;
}

/**
 * The id between a Message-ID's angle brackets (RFC 5322 3.6.4: msg-id = [CFWS] "<" id ">"
 * [CFWS]), so whitespace or a comment around them does not matter; the trimmed value when it has
 * no brackets. Ids compare case-sensitively: RFC 5322 gives no case rule for them.
 */
export function messageIdCore(value: string): string {
  const open = value.indexOf("<");
  const close = open >= 0 ? value.indexOf(">", open + 1) : -1;
  return close > open ? value.slice(open + 1, close) : value.trim();
}

/**
 * The message id the client names must be the one in the headers it sent, when they have one:
 * else one message's headers could be filed under any number of made-up ids, and each would count.
 */
function checkMessageId(internetMessageId: string, headerMessageId: string | null): void {
  if (headerMessageId === null) return;
  if (messageIdCore(internetMessageId) !== messageIdCore(headerMessageId)) {
    throw new HttpError(
      400,
      "message-id-mismatch",
      "internetMessageId: is not the Message-ID of the headers sent",
    );
  }
}

function bearerOf(header: string | undefined): string {
  return header?.replace(/^Bearer\s+/i, "") ?? "";
}

function retractableUntil(report: StoredReport, windowMs: number, now = Date.now()): string | null {
  if (report.retractedAt) return null;
  const until = Date.parse(report.createdAt) + windowMs;
  return until > now ? new Date(until).toISOString() : null;
}

/**
 * POST /api/v1/reports, GET and DELETE /api/v1/reports/:id. The service re-analyses the
 * headers itself with the tenant's trusted authserv-ids; whatever the client concluded is never
 * read. Recording is idempotent per (tenant, reporter, message id): 201 the first time, 200 with
 * the same id while the report stands; after a retraction, 201 again (the same id, counting
 * again with the kind now asked for). Retraction answers 204, 404 (unknown here), 403 (someone else's report),
 * 409 (the window closed; the report stands).
 */
export async function reportRoutes(app: FastifyInstance, context: FeatureContext): Promise<void> {
  const { config, store } = context;
  const mailboxCheck = createMailboxCheck(config.mailboxCheck, config.auth.clientId);

  app.post(`${API_PREFIX}/reports`, { preHandler: app.authenticate }, async (request, reply) => {
    const user = callerOf(request);
    const body = parseOr400(reportRequestSchema, request.body, "body");
    const headerBytes = Buffer.byteLength(body.headers, "utf8");
    if (headerBytes > config.maxHeaderBytes) {
      throw new HttpError(
        413,
        "headers-too-large",
        `headers: ${headerBytes} bytes, more than the ${config.maxHeaderBytes} bytes accepted`,
      );
    }
    const facts = await context.analyzer.reportFacts(body.headers, {
      trustedAuthservIds: trustedAuthservFor(config, user.tenantId),
    });
    checkMessageId(body.internetMessageId, facts.messageId);
    // A named mailbox counts as itself only once Graph confirms it, on the reporter's behalf.
    const mailboxVerified = body.mailbox
      ? await mailboxCheck({
          tenantId: user.tenantId,
          assertion: bearerOf(request.headers.authorization),
          mailbox: body.mailbox,
          internetMessageId: body.internetMessageId,
        })
      : false;
    const result = await store.reports.record({
      tenantId: user.tenantId,
      reporterId: user.userId,
      internetMessageId: body.internetMessageId,
      kind: body.kind,
      comment: body.comment ?? null,
      mailbox: mailboxDigest(user.tenantId, body.mailbox),
      mailboxVerified,
      rawHeaders: body.headers,
      facts,
    });
    const answer: ReportResponse = {
      id: result.report.id,
      outcome: result.outcome,
      kind: result.report.kind,
      createdAt: result.report.createdAt,
      retractableUntil: retractableUntil(result.report, config.retractWindowMs),
      sender: await senderStatusOf(context, user.tenantId, result.sender),
    };
    return reply.code(result.outcome === "created" ? 201 : 200).send(answer);
  });

  app.get(`${API_PREFIX}/reports/:id`, { preHandler: app.authenticate }, async (request) => {
    const user = callerOf(request);
    const { id } = parseOr400(reportParamsSchema, request.params, "id");
    const report = await store.reports.get(user.tenantId, id);
    if (!report) throw notFound("this report");
    if (report.reporterId !== user.userId) {
      throw new HttpError(403, "not-yours", "this report was made by someone else");
    }
    const counts = report.sender
      ? await store.senders.status(user.tenantId, report.sender.key, user.userId)
      : null;
    const detail: ReportDetail = {
      id: report.id,
      kind: report.kind,
      internetMessageId: report.internetMessageId,
      createdAt: report.createdAt,
      retractedAt: report.retractedAt,
      retractableUntil: retractableUntil(report, config.retractWindowMs),
      sender: await senderStatusOf(context, user.tenantId, counts),
    };
    return detail;
  });

  app.delete(
    `${API_PREFIX}/reports/:id`,
    { preHandler: app.authenticate },
    async (request, reply) => {
      const user = callerOf(request);
      const { id } = parseOr400(reportParamsSchema, request.params, "id");
      const result = await store.reports.retract(user.tenantId, user.userId, id, {
        windowMs: config.retractWindowMs,
      });
      switch (result.outcome) {
        case "retracted":
          return reply.code(204).send();
        case "not-found":
          throw notFound("this report");
        case "not-yours":
          throw new HttpError(403, "not-yours", "only the person who made a report can retract it");
        case "too-late":
          throw new HttpError(
            409,
            "retract-window-closed",
            `the report could be retracted until ${result.retractableUntil}; it stands`,
          );
      }
    },
  );

  const idParams = z.object({ id: z.string() });
  context.openapi.add({
    method: "post",
    path: `${API_PREFIX}/reports`,
    summary: "Report a message as not spam or its sender as trusted (idempotent per message).",
    body: reportRequestSchema,
    responses: {
      201: {
        description: "Recorded: for the first time, or again after its retraction.",
        schema: reportResponseSchema,
      },
      200: { description: "Already recorded: the same report.", schema: reportResponseSchema },
      400: {
        description:
          "The body fails the schema, or internetMessageId is not the headers' Message-ID (message-id-mismatch).",
        schema: errorBodySchema,
      },
    },
  });
  context.openapi.add({
    method: "get",
    path: `${API_PREFIX}/reports/{id}`,
    summary: "One of the caller's own reports.",
    params: idParams,
    responses: { 200: { description: "The report.", schema: reportDetailSchema } },
  });
  context.openapi.add({
    method: "delete",
    path: `${API_PREFIX}/reports/{id}`,
    summary: "Retract one's own report within the retraction window.",
    params: idParams,
    responses: {
      204: { description: "Retracted; the sender's counts follow.", schema: null },
      409: { description: "The retraction window has closed; the report stands.", schema: null },
    },
  });
}
