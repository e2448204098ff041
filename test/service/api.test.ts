import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorBodySchema,
  meResponseSchema,
  reportDetailSchema,
  reportResponseSchema,
  senderStatusSchema,
} from "../../src/api/contract";
import { call, startTestService, type TestService } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";

/** The API v1 as the pane, the ribbon button and the console use it, on the real service. */

let service: TestService;
let alice: string;
let bob: string;
let carol: string;

beforeAll(async () => {
  service = await startTestService();
  alice = await service.token({ tenant: "contoso", user: "alice" });
  bob = await service.token({ tenant: "contoso", user: "bob" });
  carol = await service.token({ tenant: "contoso", user: "carol" });
});
afterAll(() => service?.close());

let counter = 0;
function report(from = "billing@northwind.example", extra: Record<string, unknown> = {}) {
  const messageId = `<api-${++counter}-${Date.now()}@northwind.example>`;
  return {
    internetMessageId: messageId,
    headers: exchangeHeaders({ from, messageId }),
    kind: "not-spam",
    ...extra,
  };
}

const reports = (token: string, body: unknown) =>
  call(`${service.url}/api/v1/reports`, { token, body });

async function countReports(): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from reports`.execute(
    service.store.db,
  );
  return Number(rows[0]?.n ?? 0);
}

describe("POST /api/v1/reports", () => {
  it("records a report: 201 with the id and the sender's status, from its own analysis", async () => {
    const body = report("billing@fabrikam.example");
    const answer = await reports(alice, body);
    expect(answer.status).toBe(201);
    const parsed = reportResponseSchema.parse(answer.json);
    expect(parsed.outcome).toBe("created");
    expect(parsed.kind).toBe("not-spam");
    expect(parsed.sender).toMatchObject({
      sender: "fabrikam.example",
      identityKind: "domain",
      reporters: 1,
      mailboxes: 1,
      youReported: true,
    });
    // One reporter: whatever the proposals plugin says, it is not an open proposal yet.
    expect(parsed.sender.proposal?.status ?? "none").not.toBe("open");
    expect(Date.parse(parsed.retractableUntil ?? "")).toBeGreaterThan(Date.now());
    const stored = await service.store.reports.get("contoso", parsed.id);
    expect(stored).toMatchObject({
      reporterId: "alice",
      internetMessageId: body.internetMessageId,
      hasRawHeaders: true,
    });
  });

  it("never trusts the client: a forged From (DMARC fail) counts apart as unverified", async () => {
    const messageId = "<forged-1@fabrikam.example>";
    const answer = await reports(alice, {
      internetMessageId: messageId,
      headers: exchangeHeaders({
        from: "ceo@fabrikam.example",
        messageId,
        dmarc: "fail",
        dkim: "fail",
        spf: "fail",
        dkimDomain: "evil.example",
      }),
      kind: "trusted-sender",
      // Anything the client claims about the verdict is not part of the contract: refused.
    });
    expect(answer.status).toBe(201);
    expect(reportResponseSchema.parse(answer.json).sender.sender).toBe(
      "unverified:fabrikam.example",
    );
  });

  it("is idempotent: the same person reporting the same message again gets 200 and the same id", async () => {
    const body = report("news@litware.example");
    const first = reportResponseSchema.parse((await reports(alice, body)).json);
    const again = await reports(alice, { ...body, kind: "trusted-sender" });
    expect(again.status).toBe(200);
    const second = reportResponseSchema.parse(again.json);
    expect(second.id).toBe(first.id);
    expect(second.outcome).toBe("duplicate");
    expect(second.kind).toBe("not-spam");
    expect(second.sender.reporters).toBe(1);
  });

  it("counts each person once under concurrent retries, and colleagues add up", async () => {
    const body = report("hello@adatum.example");
    const answers = await Promise.all(Array.from({ length: 12 }, () => reports(bob, body)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(11);
    const ids = new Set(answers.map((answer) => reportResponseSchema.parse(answer.json).id));
    expect(ids.size).toBe(1);

    const fromCarol = reportResponseSchema.parse((await reports(carol, body)).json);
    expect(fromCarol.sender.reporters).toBe(2);
    const evidence = await service.store.senders.evidence("contoso", "adatum.example");
    expect(evidence).toMatchObject({ reporters: 2, reports: 2 });
  });

  it("never stores the mailbox address, and counts a named mailbox nobody verified as the reporter's own", async () => {
    const first = report("desk@margie.example", { mailbox: "Shared.Desk@contoso.example" });
    const made = reportResponseSchema.parse((await reports(alice, first)).json);
    const second = report("desk@margie.example", { mailbox: " shared.desk@CONTOSO.example " });
    const again = reportResponseSchema.parse((await reports(bob, second)).json);
    expect(again.sender).toMatchObject({ reporters: 2, mailboxes: 2 });
    // One person naming many mailboxes is still one person's mailbox.
    for (const mailbox of ["a@contoso.example", "b@contoso.example", "c@contoso.example"]) {
      await reports(alice, report("desk@margie.example", { mailbox }));
    }
    const evidence = await service.store.senders.evidence("contoso", "margie.example");
    expect(evidence).toMatchObject({ reporters: 2, mailboxes: 2, reports: 5 });
    const stored = await service.store.reports.get("contoso", made.id);
    expect(stored?.mailbox).toMatch(/^mbx:[0-9a-f]{40}$/);
    expect(stored?.mailboxVerified).toBe(false);
    const sameDigest = await service.store.reports.get("contoso", again.id);
    expect(sameDigest?.mailbox).toBe(stored?.mailbox);
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from reports where lower(mailbox) like ${"%shared.desk%"}`.execute(
      service.store.db,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("answers 400 naming the field for a body that fails the schema, and keeps nothing", async () => {
    const before = await countReports();
    const cases: [unknown, RegExp][] = [
      [{ ...report(), kind: "spam" }, /^kind/],
      [{ ...report(), headers: "" }, /^headers/],
      [{ ...report(), internetMessageId: undefined }, /^internetMessageId/],
      [{ ...report(), comment: "x".repeat(2001) }, /^comment/],
      [{ ...report(), extra: 1 }, /unknown field extra/],
      [[report()], /body/],
    ];
    for (const [body, message] of cases) {
      const answer = await reports(alice, body);
      expect(answer.status, JSON.stringify(answer.json)).toBe(400);
      const error = errorBodySchema.parse(answer.json);
      expect(error.error).toBe("invalid-request");
      expect(error.message).toMatch(message);
    }
    expect(await countReports()).toBe(before);
  });

  it("answers 400 message-id-mismatch when internetMessageId is not the headers' Message-ID, keeping nothing", async () => {
    const before = await countReports();
    const body = report("billing@northwind.example");
    const core = body.internetMessageId.slice(1, -1);
    for (const claimed of [
      "<another@northwind.example>",
      `<${core.toUpperCase()}>`,
      `<${core}x>`,
      "   ",
    ]) {
      const answer = await reports(alice, { ...body, internetMessageId: claimed });
      expect(answer.status, claimed).toBe(400);
      expect(errorBodySchema.parse(answer.json)).toMatchObject({
        error: "message-id-mismatch",
        message: expect.stringMatching(/^internetMessageId: /),
      });
    }
    expect(await countReports()).toBe(before);

    // Whitespace around the id is no mismatch, on either side.
    const spaced = await reports(alice, {
      ...body,
      internetMessageId: ` ${body.internetMessageId}\t`,
    });
    expect(spaced.status).toBe(201);
    const folded = report("billing@northwind.example");
    const foldedHeaders = folded.headers.replace(
      `Message-ID: ${folded.internetMessageId}`,
      `Message-ID:\r\n   ${folded.internetMessageId}  `,
    );
    expect(foldedHeaders).not.toBe(folded.headers);
    const answer = await reports(alice, { ...folded, headers: foldedHeaders });
    expect(answer.status).toBe(201);

    // Headers without a Message-ID leave nothing to compare against.
    const bare = report("billing@northwind.example");
    const withoutId = bare.headers.replace(/^Message-ID: .*\r\n/m, "");
    expect(withoutId).not.toBe(bare.headers);
    expect((await reports(alice, { ...bare, headers: withoutId })).status).toBe(201);
  });

  it("answers 415 for a body that is not JSON, and 400 for broken JSON", async () => {
    const before = await countReports();
    const plain = await call(`${service.url}/api/v1/reports`, {
      token: alice,
      body: "internetMessageId=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(plain.status).toBe(415);
    expect(errorBodySchema.parse(plain.json).error).toBe("unsupported-media-type");
    const text = await call(`${service.url}/api/v1/reports`, {
      token: alice,
      body: JSON.stringify(report()),
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    const broken = await call(`${service.url}/api/v1/reports`, {
      token: alice,
      body: '{"kind": "not-spam",',
    });
    expect(broken.status).toBe(400);
    expect(errorBodySchema.parse(broken.json).error).toBe("invalid-json");
    expect(await countReports()).toBe(before);
  });
});

describe("GET and DELETE /api/v1/reports/:id", () => {
  it("shows the reporter their report, and retracting it takes it out of the counts", async () => {
    const body = report("team@proseware.example");
    const mine = reportResponseSchema.parse((await reports(alice, body)).json);
    reportResponseSchema.parse((await reports(bob, body)).json);

    const shown = await call(`${service.url}/api/v1/reports/${mine.id}`, { token: alice });
    expect(shown.status).toBe(200);
    expect(reportDetailSchema.parse(shown.json)).toMatchObject({
      id: mine.id,
      retractedAt: null,
      sender: { sender: "proseware.example", reporters: 2, youReported: true },
    });

    const retract = await call(`${service.url}/api/v1/reports/${mine.id}`, {
      token: alice,
      method: "DELETE",
    });
    expect(retract.status).toBe(204);
    expect(retract.text).toBe("");
    const after = reportDetailSchema.parse(
      (await call(`${service.url}/api/v1/reports/${mine.id}`, { token: alice })).json,
    );
    expect(after.retractedAt).not.toBeNull();
    expect(after.retractableUntil).toBeNull();
    expect(after.sender).toMatchObject({ reporters: 1, youReported: false });

    // Retracting twice is the same as once.
    const twice = await call(`${service.url}/api/v1/reports/${mine.id}`, {
      token: alice,
      method: "DELETE",
    });
    expect(twice.status).toBe(204);
    expect((await service.store.senders.evidence("contoso", "proseware.example"))?.reporters).toBe(
      1,
    );
  });

  it("answers 404 for an id that does not exist", async () => {
    for (const method of ["GET", "DELETE"]) {
      const answer = await call(
        `${service.url}/api/v1/reports/00000000-0000-0000-0000-000000000000`,
        {
          token: alice,
          method,
        },
      );
      expect(answer.status).toBe(404);
      expect(errorBodySchema.parse(answer.json).error).toBe("not-found");
    }
  });

  it("answers 409 once the retraction window has closed, and the report stands", async () => {
    const quick = await startTestService({ VOUCH_RETRACT_WINDOW: "1ms" });
    try {
      const token = await quick.token({ tenant: "contoso", user: "alice" });
      const made = reportResponseSchema.parse(
        (await call(`${quick.url}/api/v1/reports`, { token, body: report() })).json,
      );
      await new Promise((done) => setTimeout(done, 20));
      const late = await call(`${quick.url}/api/v1/reports/${made.id}`, {
        token,
        method: "DELETE",
      });
      expect(late.status).toBe(409);
      expect(errorBodySchema.parse(late.json).error).toBe("retract-window-closed");
      expect((await quick.store.reports.get("contoso", made.id))?.retractedAt).toBeNull();
    } finally {
      await quick.close();
    }
  });
});

describe("GET /api/v1/senders/status", () => {
  it("tells the pane how many colleagues vouched, by message id or by sender", async () => {
    const body = report("sales@wingtip.example");
    await reports(alice, body);
    await reports(bob, report("other@wingtip.example"));

    const byMessage = await call(
      `${service.url}/api/v1/senders/status?internetMessageId=${encodeURIComponent(body.internetMessageId)}`,
      { token: carol },
    );
    expect(byMessage.status).toBe(200);
    expect(senderStatusSchema.parse(byMessage.json)).toMatchObject({
      sender: "wingtip.example",
      reporters: 2,
      youReported: false,
    });
    const bySender = await call(`${service.url}/api/v1/senders/status?sender=WINGTIP.example`, {
      token: alice,
    });
    expect(senderStatusSchema.parse(bySender.json)).toMatchObject({
      reporters: 2,
      youReported: true,
    });
  });

  it("answers zero counts for what nobody reported, and 400 for a query without exactly one key", async () => {
    const unknown = await call(`${service.url}/api/v1/senders/status?sender=nobody.example`, {
      token: alice,
    });
    expect(senderStatusSchema.parse(unknown.json)).toMatchObject({
      sender: "nobody.example",
      reporters: 0,
    });
    const unknownMessage = await call(
      `${service.url}/api/v1/senders/status?internetMessageId=%3Cx%40y%3E`,
      {
        token: alice,
      },
    );
    expect(senderStatusSchema.parse(unknownMessage.json)).toMatchObject({
      sender: null,
      reporters: 0,
    });
    for (const query of ["", "?sender=a.example&internetMessageId=%3Cx%40y%3E", "?other=1"]) {
      const answer = await call(`${service.url}/api/v1/senders/status${query}`, { token: alice });
      expect(answer.status).toBe(400);
      expect(errorBodySchema.parse(answer.json).message.length).toBeGreaterThan(5);
    }
  });

  it("shows the sender's proposal once the proposals plugin sets its lookup", async () => {
    await reports(alice, report("ops@tailspin.example"));
    const previous = service.context.proposals.lookup;
    service.context.proposals.lookup = async (tenantId, senderKey) =>
      tenantId === "contoso" && senderKey === "tailspin.example"
        ? { id: "p-1", status: "open", reason: "3 people vouched" }
        : null;
    try {
      const answer = await call(`${service.url}/api/v1/senders/status?sender=tailspin.example`, {
        token: alice,
      });
      expect(senderStatusSchema.parse(answer.json).proposal).toEqual({
        id: "p-1",
        status: "open",
        reason: "3 people vouched",
      });
    } finally {
      service.context.proposals.lookup = previous;
    }
  });
});

describe("GET /api/v1/me and admins", () => {
  it("says who the caller is and whether they are an admin", async () => {
    const me = await call(`${service.url}/api/v1/me`, { token: alice });
    expect(meResponseSchema.parse(me.json)).toEqual({
      tenantId: "contoso",
      userId: "alice",
      isAdmin: false,
      reportToMicrosoft: false,
    });
    const admin = await service.token({ tenant: "contoso", user: "dana", admin: true });
    expect(
      meResponseSchema.parse((await call(`${service.url}/api/v1/me`, { token: admin })).json)
        .isAdmin,
    ).toBe(true);
  });

  it("makes the users listed in VOUCH_ADMINS admins of their tenant only", async () => {
    const listed = await startTestService({ VOUCH_ADMINS: "contoso:erin" });
    try {
      const erin = await listed.token({ tenant: "contoso", user: "erin" });
      const elsewhere = await listed.token({ tenant: "fabrikam", user: "erin" });
      expect((await call(`${listed.url}/api/v1/admin/ping`, { token: erin })).status).toBe(200);
      expect((await call(`${listed.url}/api/v1/admin/ping`, { token: elsewhere })).status).toBe(
        403,
      );
    } finally {
      await listed.close();
    }
  });
});

describe("limits", () => {
  it("answers 413 for headers over VOUCH_MAX_HEADER_BYTES and for a body over the limit, keeping nothing", async () => {
    const small = await startTestService({ VOUCH_MAX_HEADER_BYTES: "4KB" });
    try {
      const token = await small.token({ tenant: "contoso", user: "alice" });
      const messageId = "<big@northwind.example>";
      const headers = exchangeHeaders({ from: "a@northwind.example", messageId, minBytes: 6000 });
      const over = await call(`${small.url}/api/v1/reports`, {
        token,
        body: { internetMessageId: messageId, headers, kind: "not-spam" },
      });
      expect(over.status).toBe(413);
      expect(errorBodySchema.parse(over.json)).toMatchObject({ error: "headers-too-large" });
      expect(errorBodySchema.parse(over.json).message).toMatch(/^headers: \d+ bytes/);

      const huge = await call(`${small.url}/api/v1/reports`, {
        token,
        body: { internetMessageId: messageId, headers: "x".repeat(200_000), kind: "not-spam" },
      });
      expect(huge.status).toBe(413);
      expect(errorBodySchema.parse(huge.json).error).toBe("body-too-large");
      expect(await small.store.reports.findByMessage("contoso", "alice", messageId)).toBeNull();
    } finally {
      await small.close();
    }
  });

  it("answers 429 with Retry-After over the per-user and the per-tenant limits", async () => {
    const limited = await startTestService({
      VOUCH_RATE_LIMIT_USER: "3/1m",
      VOUCH_RATE_LIMIT_TENANT: "5/1m",
    });
    try {
      const one = await limited.token({ tenant: "contoso", user: "one" });
      const two = await limited.token({ tenant: "contoso", user: "two" });
      const other = await limited.token({ tenant: "fabrikam", user: "one" });
      const me = (token: string) => call(`${limited.url}/api/v1/me`, { token });
      for (let i = 0; i < 3; i++) expect((await me(one)).status).toBe(200);
      const userLimited = await me(one);
      expect(userLimited.status).toBe(429);
      expect(errorBodySchema.parse(userLimited.json).error).toBe("rate-limited-user");
      expect(Number(userLimited.headers.get("retry-after"))).toBeGreaterThan(0);

      // Tenant: one made 4 requests (3 counted against the tenant, the 4th refused first).
      expect((await me(two)).status).toBe(200);
      expect((await me(two)).status).toBe(200);
      const tenantLimited = await me(two);
      expect(tenantLimited.status).toBe(429);
      expect(errorBodySchema.parse(tenantLimited.json).error).toBe("rate-limited-tenant");
      expect(Number(tenantLimited.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another tenant is not held back by this one.
      expect((await me(other)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("operations", () => {
  it("answers /healthz and /readyz", async () => {
    expect((await call(`${service.url}/healthz`)).json).toEqual({ status: "ok" });
    const ready = await call(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: "ready" });
  });

  it("counts requests, latencies and reports accepted and refused by reason in /metrics", async () => {
    const body = report();
    await reports(alice, body);
    await reports(alice, body);
    await reports(alice, { ...body, kind: "nonsense" });
    await call(`${service.url}/api/v1/reports`, { body });
    const metrics = await call(`${service.url}/metrics`);
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    const line = (pattern: RegExp) => Number(pattern.exec(metrics.text)?.[1] ?? "NaN");
    expect(line(/vouch_reports_accepted_total\{outcome="created"\} (\d+)/)).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      line(/vouch_reports_accepted_total\{outcome="duplicate"\} (\d+)/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      line(/vouch_reports_refused_total\{reason="invalid-request"\} (\d+)/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      line(/vouch_reports_refused_total\{reason="missing-token"\} (\d+)/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      line(
        /vouch_http_requests_total\{method="POST",route="\/api\/v1\/reports",status="201"\} (\d+)/,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics.text).toMatch(
      /vouch_http_request_duration_seconds_bucket\{route="\/api\/v1\/reports",le="\+Inf"\} \d+/,
    );
    // Labels are route templates: no message id ever reaches the metrics.
    expect(metrics.text).not.toContain("northwind");
  });

  it("publishes the OpenAPI document generated from the request schemas", async () => {
    const answer = await call(`${service.url}/api/openapi.json`);
    expect(answer.status).toBe(200);
    const document = answer.json as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { required?: string[]; properties: Record<string, unknown> } }
              >;
            };
          }
        >
      >;
    };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/v1/reports",
      "/api/v1/reports/{id}",
      "/api/v1/senders/status",
      "/api/v1/me",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const body =
      document.paths["/api/v1/reports"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(body?.required?.sort()).toEqual(["headers", "internetMessageId", "kind"]);
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(
      ["comment", "headers", "internetMessageId", "kind", "mailbox"].sort(),
    );
    expect(Object.keys(document.paths["/api/v1/reports/{id}"] ?? {}).sort()).toEqual([
      "delete",
      "get",
    ]);
  });

  it("purges raw headers past the retention on its timer, keeping the report", async () => {
    const purging = await startTestService({
      VOUCH_RETENTION_DAYS: "30",
      VOUCH_PURGE_INTERVAL: "100ms",
    });
    try {
      const messageId = "<old@northwind.example>";
      const old = await purging.store.reports.record({
        tenantId: "contoso",
        reporterId: "alice",
        internetMessageId: messageId,
        kind: "not-spam",
        rawHeaders: exchangeHeaders({ from: "a@northwind.example", messageId }),
        analysis: (await import("../../src/analysis")).analyzeHeaders(
          exchangeHeaders({ from: "a@northwind.example", messageId }),
        ),
        now: new Date(Date.now() - 31 * 86_400_000),
      });
      const token = await purging.token({ tenant: "contoso", user: "bob" });
      const fresh = reportResponseSchema.parse(
        (await call(`${purging.url}/api/v1/reports`, { token, body: report() })).json,
      );
      // The purge runs beside the request; give it what a loaded machine needs.
      const deadline = Date.now() + 20_000;
      while ((await purging.store.reports.rawHeaders("contoso", old.report.id)) !== null) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((done) => setTimeout(done, 50));
      }
      expect(await purging.store.reports.get("contoso", old.report.id)).toMatchObject({
        hasRawHeaders: false,
      });
      expect(await purging.store.reports.rawHeaders("contoso", fresh.id)).not.toBeNull();
    } finally {
      await purging.close();
    }
  });
});

describe("static files", () => {
  it("serves icons with a long max-age (never no-cache), Office.js, and the samples in development", async () => {
    const icon = await fetch(`${service.url}/assets/icon-32.png`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/png");
    const cache = icon.headers.get("cache-control") ?? "";
    expect(cache).toMatch(/max-age=(\d{5,})/);
    expect(cache).not.toMatch(/no-cache|no-store/);
    await icon.arrayBuffer();

    const office = await fetch(`${service.url}/office-js/office.js`);
    expect(office.status).toBe(200);
    expect(office.headers.get("content-type")).toMatch(/javascript/);
    await office.arrayBuffer();

    const catalog = await call(`${service.url}/samples/catalog.json`);
    expect(catalog.status).toBe(200);
    expect(Array.isArray(catalog.json)).toBe(true);
    const missing = await call(`${service.url}/assets/no-such-icon.png`);
    expect(missing.status).toBe(404);
    expect(errorBodySchema.parse(missing.json).error).toBe("not-found");
  });

  it("answers a clear 503 page when the web pages were not built", async () => {
    const { buildService } = await import("../../server/app");
    const { app } = await buildService(service.config, service.store, {
      webDir: "/nonexistent/vouch-dist-web",
    });
    try {
      for (const url of ["/taskpane.html", "/harness.html", "/static/app.js"]) {
        const answer = await app.inject({ method: "GET", url });
        expect(answer.statusCode, url).toBe(503);
        expect(answer.headers["content-type"]).toMatch(/text\/html/);
        expect(answer.body).toMatch(/npm run build/);
      }
    } finally {
      await app.close();
    }
  });
});

describe("readiness", () => {
  it("answers /readyz with 503 when the database does not answer, while /healthz stays up", async () => {
    const { buildService } = await import("../../server/app");
    const { openTestStore } = await import("../support/test-store");
    const broken = await openTestStore();
    const { app } = await buildService(service.config, broken.store);
    try {
      await broken.store.close();
      const ready = await app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(errorBodySchema.parse(ready.json()).error).toBe("database-unreachable");
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await broken.database.drop();
    }
  });
});
