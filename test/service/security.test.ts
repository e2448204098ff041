import { createServer, type Server } from "node:http";
import { createHmac } from "node:crypto";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, meResponseSchema, reportResponseSchema } from "../../src/api/contract";
import { call, startTestService, type TestService } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";

/**
 * Everything issue 5 lists under "security", on the real service: forged and misaddressed
 * tokens in Entra mode (Entra's key set is the one edge we stand in for, with a local JWKS
 * server), tenants and users reaching for each other's reports, non-admins on admin routes,
 * hostile bodies. Each answered with the right status, and nothing stored.
 */

const CLIENT_ID = "6b0e2f1c-4c1a-4f55-9d1e-1d7b3c9a0001";
const TENANT_A = "11111111-aaaa-4aaa-8aaa-111111111111";
const TENANT_B = "22222222-bbbb-4bbb-8bbb-222222222222";
const TENANT_DOWN = "33333333-cccc-4ccc-8ccc-333333333333";
const TENANT_OFF_LIST = "99999999-ffff-4fff-8fff-999999999999";
const GRAPH_AUDIENCE = "00000003-0000-0000-c000-000000000000";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function rsaKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
  };
}

/** Entra ID's published key sets, per tenant, on a local server; it records what was asked. */
class FakeEntraKeys {
  readonly published = new Map<string, SigningKey[]>();
  readonly requests: string[] = [];
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.requests.push(request.url ?? "");
      const match = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(request.url ?? "");
      const tenant = match?.[1] ?? "";
      if (tenant === TENANT_DOWN) {
        response.writeHead(500).end("down");
        return;
      }
      const keys = this.published.get(tenant);
      if (!keys) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: keys.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((done) => this.server?.listen(0, "127.0.0.1", done));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  stop(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}

interface Claims {
  tid?: string;
  oid?: string;
  scp?: string;
  roles?: string[];
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
}

const now = () => Math.floor(Date.now() / 1000);

function entraClaims(overrides: Claims = {}): Claims {
  const tid = overrides.tid ?? TENANT_A;
  return {
    tid,
    oid: "aaaaaaaa-0000-4000-8000-000000000001",
    scp: "Reports.Submit User.Read",
    iss: `https://login.microsoftonline.com/${tid}/v2.0`,
    aud: CLIENT_ID,
    exp: now() + 3600,
    nbf: now() - 10,
    ...overrides,
  };
}

async function sign(key: SigningKey, claims: Claims, alg = "RS256"): Promise<string> {
  const { iss, aud, exp, nbf, ...rest } = claims;
  let jwt = new SignJWT({ ...rest, ver: "2.0" })
    .setProtectedHeader({ alg, typ: "JWT", kid: key.kid })
    .setIssuedAt();
  if (iss) jwt = jwt.setIssuer(iss);
  if (aud) jwt = jwt.setAudience(aud);
  if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
  if (nbf !== undefined) jwt = jwt.setNotBefore(nbf);
  return jwt.sign(key.privateKey);
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function unsignedToken(claims: Claims): string {
  return `${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}.`;
}

/** The classic confusion attack: HS256 with the RSA public key (PEM) used as the HMAC secret. */
function hs256WithPublicKey(pem: string, claims: Claims, kid: string): string {
  const head = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac("sha256", pem).update(head).digest("base64url")}`;
}

async function countReports(service: TestService): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from reports`.execute(
    service.store.db,
  );
  return Number(rows[0]?.n ?? 0);
}

let seq = 0;
function reportBody(extra: Record<string, unknown> = {}) {
  const internetMessageId = `<sec-${++seq}@northwind.example>`;
  return {
    internetMessageId,
    headers: exchangeHeaders({ from: "billing@northwind.example", messageId: internetMessageId }),
    kind: "not-spam",
    ...extra,
  };
}

describe("Entra ID access tokens", () => {
  const keys = new FakeEntraKeys();
  let service: TestService;
  let current: SigningKey;

  beforeAll(async () => {
    current = await rsaKey("entra-key-1");
    keys.published.set(TENANT_A, [current]);
    keys.published.set(TENANT_B, [current]);
    await keys.start();
    service = await startTestService({
      VOUCH_AUTH: "entra",
      VOUCH_ENTRA_CLIENT_ID: CLIENT_ID,
      VOUCH_ENTRA_TENANTS: [TENANT_A, TENANT_B, TENANT_DOWN].join(","),
      VOUCH_ENTRA_JWKS_URL: `http://127.0.0.1:${keys.port}/{tid}/discovery/v2.0/keys`,
      VOUCH_ENTRA_JWKS_COOLDOWN: "1ms",
    });
  });
  afterAll(async () => {
    await service?.close();
    await keys.stop();
  });

  const me = (token?: string) => call(`${service.url}/api/v1/me`, token ? { token } : {});

  it("accepts a valid token; the user is tid + oid; aud may also be api://<client id>", async () => {
    const answer = await me(await sign(current, entraClaims()));
    expect(answer.status).toBe(200);
    expect(meResponseSchema.parse(answer.json)).toEqual({
      tenantId: TENANT_A,
      userId: "aaaaaaaa-0000-4000-8000-000000000001",
      isAdmin: false,
      reportToMicrosoft: false,
    });
    expect((await me(await sign(current, entraClaims({ aud: `api://${CLIENT_ID}` })))).status).toBe(
      200,
    );
  });

  it("refuses every forged or misaddressed token with 401, the scope-less one with 403, storing nothing", async () => {
    const stranger = await rsaKey("entra-key-1");
    const unknownKid = await rsaKey("never-published");
    const pem = await exportSPKI((await generateKeyPair("RS256", { extractable: true })).publicKey);
    const publishedPem = await (async () => {
      const { importJWK } = await import("jose");
      return exportSPKI(
        (await importJWK(current.publicJwk, "RS256", { extractable: true })) as CryptoKey,
      );
    })();
    const { privateKey: ecKey } = await generateKeyPair("ES256");
    const cases: [string, string | undefined, number, string][] = [
      ["no token", undefined, 401, "missing-token"],
      ["not a JWT", "not.a.jwt", 401, "malformed-token"],
      ["signed by another key", await sign(stranger, entraClaims()), 401, "bad-signature"],
      [
        "signed by a key never published",
        await sign(unknownKid, entraClaims()),
        401,
        "unknown-key",
      ],
      ["alg none", unsignedToken(entraClaims()), 401, "algorithm-not-allowed"],
      [
        "HS256 with the published public key",
        hs256WithPublicKey(publishedPem, entraClaims(), current.kid),
        401,
        "algorithm-not-allowed",
      ],
      [
        "HS256 with some public key",
        hs256WithPublicKey(pem, entraClaims(), current.kid),
        401,
        "algorithm-not-allowed",
      ],
      [
        "ES256",
        await sign({ kid: current.kid, privateKey: ecKey, publicJwk: {} }, entraClaims(), "ES256"),
        401,
        "algorithm-not-allowed",
      ],
      [
        "issuer of another tenant",
        await sign(
          current,
          entraClaims({ iss: `https://login.microsoftonline.com/${TENANT_B}/v2.0` }),
        ),
        401,
        "wrong-issuer",
      ],
      [
        "issuer of the v1 endpoint",
        await sign(current, entraClaims({ iss: `https://sts.windows.net/${TENANT_A}/` })),
        401,
        "wrong-issuer",
      ],
      [
        "a Graph token",
        await sign(current, entraClaims({ aud: GRAPH_AUDIENCE })),
        401,
        "wrong-audience",
      ],
      [
        "expired",
        await sign(current, entraClaims({ exp: now() - 600, nbf: now() - 4000 })),
        401,
        "expired",
      ],
      [
        "not yet valid",
        await sign(current, entraClaims({ nbf: now() + 600 })),
        401,
        "not-yet-valid",
      ],
      [
        "tenant not on the list",
        await sign(current, entraClaims({ tid: TENANT_OFF_LIST })),
        401,
        "tenant-not-allowed",
      ],
      ["no oid", await sign(current, entraClaims({ oid: undefined })), 401, "missing-claim"],
      [
        "missing scope",
        await sign(current, entraClaims({ scp: "User.Read" })),
        403,
        "missing-scope",
      ],
    ];
    const before = await countReports(service);
    for (const [name, token, status, code] of cases) {
      const answer = await call(`${service.url}/api/v1/reports`, {
        body: reportBody(),
        ...(token ? { token } : {}),
      });
      expect(answer.status, name).toBe(status);
      expect(errorBodySchema.parse(answer.json).error, name).toBe(code);
      expect(answer.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
    }
    expect(await countReports(service)).toBe(before);
    // The service never fetched keys for a tenant that is not on its list.
    expect(keys.requests.some((url) => url.includes(TENANT_OFF_LIST))).toBe(false);
  });

  it("fetches the key set again when a token names a key it does not know (Entra rolled its keys)", async () => {
    expect((await me(await sign(current, entraClaims()))).status).toBe(200);
    const rolled = await rsaKey("entra-key-2");
    keys.published.set(TENANT_A, [current, rolled]);
    await new Promise((done) => setTimeout(done, 5));
    const answer = await me(await sign(rolled, entraClaims()));
    expect(answer.status).toBe(200);
  });

  it("answers 503 when a tenant's key set cannot be fetched: our problem, retryable", async () => {
    const answer = await me(await sign(current, entraClaims({ tid: TENANT_DOWN })));
    expect(answer.status).toBe(503);
    expect(errorBodySchema.parse(answer.json).error).toBe("keys-unavailable");
  });

  it("makes the app role Vouch.Admin an admin, and keeps everyone else off admin routes", async () => {
    const admin = await sign(current, entraClaims({ roles: ["Vouch.Admin"] }));
    const user = await sign(current, entraClaims({ roles: ["Something.Else"] }));
    expect(meResponseSchema.parse((await me(admin)).json).isAdmin).toBe(true);
    expect((await call(`${service.url}/api/v1/admin/ping`, { token: admin })).status).toBe(200);
    const refused = await call(`${service.url}/api/v1/admin/ping`, { token: user });
    expect(refused.status).toBe(403);
    expect(errorBodySchema.parse(refused.json).error).toBe("admin-only");
  });

  it("offers no development sign-in", async () => {
    const answer = await call(`${service.url}/dev/token`, {
      body: { tenant: TENANT_A, user: "x", admin: true },
    });
    expect(answer.status).toBe(404);
  });
});

describe("the development issuer", () => {
  let service: TestService;
  let other: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_ENTRA_TENANTS: "contoso,fabrikam" });
    other = await startTestService();
  });
  afterAll(async () => {
    await service?.close();
    await other?.close();
  });

  it("accepts its own tokens and refuses another data folder's issuer and unlisted tenants", async () => {
    const own = await service.token({ tenant: "contoso", user: "alice" });
    expect((await call(`${service.url}/api/v1/me`, { token: own })).status).toBe(200);
    const foreign = await other.token({ tenant: "contoso", user: "alice" });
    const refused = await call(`${service.url}/api/v1/me`, { token: foreign });
    expect(refused.status).toBe(401);
    expect(errorBodySchema.parse(refused.json).error).toMatch(/bad-signature|unknown-key/);
    const offList = await service.token({ tenant: "tailspin", user: "alice" });
    expect((await call(`${service.url}/api/v1/me`, { token: offList })).status).toBe(401);
  });

  it("signs in through POST /dev/token, and refuses a malformed request", async () => {
    const answer = await call(`${service.url}/dev/token`, {
      body: { tenant: "contoso", user: "dana", admin: true },
    });
    expect(answer.status).toBe(200);
    const { accessToken } = answer.json as { accessToken: string };
    const me = meResponseSchema.parse(
      (await call(`${service.url}/api/v1/me`, { token: accessToken })).json,
    );
    expect(me).toEqual({
      tenantId: "contoso",
      userId: "dana",
      isAdmin: true,
      reportToMicrosoft: false,
    });
    const bad = await call(`${service.url}/dev/token`, { body: { tenant: "contoso" } });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.json).message).toMatch(/^user/);
  });
});

describe("tenants and users are kept apart", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service?.close());

  it("answers 404 to another tenant and 403 to another user, and changes nothing", async () => {
    const alice = await service.token({ tenant: "contoso", user: "alice" });
    const bob = await service.token({ tenant: "contoso", user: "bob" });
    const mallory = await service.token({ tenant: "fabrikam", user: "alice" });
    const body = reportBody();
    const made = reportResponseSchema.parse(
      (await call(`${service.url}/api/v1/reports`, { token: alice, body })).json,
    );
    const url = `${service.url}/api/v1/reports/${made.id}`;

    for (const method of ["GET", "DELETE"]) {
      const otherTenant = await call(url, { token: mallory, method });
      expect(otherTenant.status, method).toBe(404);
      const otherUser = await call(url, { token: bob, method });
      expect(otherUser.status, method).toBe(403);
      expect(errorBodySchema.parse(otherUser.json).error).toBe("not-yours");
    }
    expect((await service.store.reports.get("contoso", made.id))?.retractedAt).toBeNull();

    // Another tenant sees no counts of this one, by sender or by message id.
    const status = await call(`${service.url}/api/v1/senders/status?sender=northwind.example`, {
      token: mallory,
    });
    expect(status.json).toMatchObject({ reporters: 0 });
    const byMessage = await call(
      `${service.url}/api/v1/senders/status?internetMessageId=${encodeURIComponent(body.internetMessageId)}`,
      { token: mallory },
    );
    expect(byMessage.json).toMatchObject({ sender: null, reporters: 0 });
    // The same user id in another tenant is another person: their report is their own.
    const theirs = await call(`${service.url}/api/v1/reports`, {
      token: mallory,
      body: reportBody(),
    });
    expect(reportResponseSchema.parse(theirs.json).sender.reporters).toBe(1);
  });

  it("keeps non-admins off every admin route, and strangers off with 401", async () => {
    const alice = await service.token({ tenant: "contoso", user: "alice" });
    const adminRoutes = service.context.openapi.list().filter((route) => route.adminOnly);
    expect(adminRoutes.map((route) => route.path)).toContain("/api/v1/admin/ping");
    for (const route of adminRoutes) {
      const path = route.path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
      const method = route.method.toUpperCase();
      const body = route.body ? {} : undefined;
      const asUser = await call(`${service.url}${path}`, { token: alice, method, body });
      expect(asUser.status, `${method} ${path}`).toBe(403);
      expect(errorBodySchema.parse(asUser.json).error).toBe("admin-only");
      const anonymous = await call(`${service.url}${path}`, { method, body });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("hostile bodies", () => {
  let service: TestService;
  let alice: string;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_MAX_HEADER_BYTES: "16KB" });
    alice = await service.token({ tenant: "contoso", user: "alice" });
  });
  afterAll(() => service?.close());

  const post = (body: string, contentType = "application/json") =>
    call(`${service.url}/api/v1/reports`, {
      token: alice,
      body,
      headers: { "content-type": contentType },
    });

  it("refuses __proto__ and constructor keys with 400 and stores nothing", async () => {
    const before = await countReports(service);
    const body = JSON.stringify(reportBody());
    const cases = [
      body.replace("{", '{"__proto__":{"isAdmin":true},'),
      body.replace("{", '{"constructor":{"prototype":{"isAdmin":true}},'),
      body.replace("{", '{"constructor":"x",'),
      body.replace('"kind"', '"__proto__":{"kind":"trusted-sender"},"kind"'),
      // The same keys spelled with JSON escapes.
      body.replace("{", '{"\\u005f_proto__":{"isAdmin":true},'),
      body.replace("{", '{"\\u0063onstructor":{"prototype":{"isAdmin":true}},'),
    ];
    for (const hostile of cases) {
      const answer = await post(hostile);
      expect(answer.status, hostile.slice(0, 60)).toBe(400);
      errorBodySchema.parse(answer.json);
    }
    expect(await countReports(service)).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("keeps SQL and script text in every field as inert text, and answers only JSON", async () => {
    const sqlText = "'; DROP TABLE reports; --";
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const messageId = `<${sqlText}${script}@northwind.example>`;
    const body = {
      internetMessageId: messageId,
      headers: exchangeHeaders({
        from: "billing@northwind.example",
        messageId,
        subject: `${sqlText} ${script}`,
      }),
      kind: "not-spam",
      comment: `${sqlText} ${script}`,
      mailbox: `${sqlText}@x.example`,
    };
    const answer = await call(`${service.url}/api/v1/reports`, { token: alice, body });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const made = reportResponseSchema.parse(answer.json);
    const stored = await service.store.reports.get("contoso", made.id);
    expect(stored?.internetMessageId).toBe(messageId);
    expect(stored?.comment).toBe(`${sqlText} ${script}`);
    expect(await service.store.reports.rawHeaders("contoso", made.id)).toBe(body.headers);
    // The table is still there and the report is found by its hostile message id.
    expect(await service.store.reports.findByMessage("contoso", "alice", messageId)).not.toBeNull();

    for (const field of ["kind", "internetMessageId"] as const) {
      const bad = await call(`${service.url}/api/v1/reports`, {
        token: alice,
        body: { ...reportBody(), [field]: field === "kind" ? sqlText : "" },
      });
      expect(bad.status, field).toBe(400);
      expect(errorBodySchema.parse(bad.json).message).toMatch(new RegExp(`^${field}`));
    }
    // NUL cannot be stored on PostgreSQL: both engines refuse it the same way.
    const nul = await call(`${service.url}/api/v1/reports`, {
      token: alice,
      body: reportBody({ comment: "a\u0000b" }),
    });
    expect(nul.status).toBe(400);
    expect(errorBodySchema.parse(nul.json).message).toMatch(/^comment/);
  });

  it("refuses headers over the limit, broken JSON and the wrong content type, storing nothing", async () => {
    const before = await countReports(service);
    const big = reportBody();
    big.headers = exchangeHeaders({
      from: "a@northwind.example",
      messageId: big.internetMessageId,
      minBytes: 20_000,
    });
    const cases: [string, string, number, string][] = [
      ["headers over the limit", JSON.stringify(big), 413, "headers-too-large"],
      [
        "broken JSON",
        '{"internetMessageId": "<a@b>", "headers": "x", "kind": ',
        400,
        "invalid-json",
      ],
      ["not an object", '"just a string"', 400, "invalid-request"],
      ["empty body", "", 400, "invalid-json"],
    ];
    for (const [name, body, status, code] of cases) {
      const answer = await post(body);
      expect(answer.status, name).toBe(status);
      expect(errorBodySchema.parse(answer.json).error, name).toBe(code);
    }
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/xml",
    ]) {
      const answer = await post(JSON.stringify(reportBody()), type);
      expect(answer.status, type).toBe(415);
    }
    expect(await countReports(service)).toBe(before);
  });
});

describe("logs", () => {
  it("carry request ids and never the headers, the token, a mail address or a message id", async () => {
    const { buildService } = await import("../../server/app");
    const { loadConfig } = await import("../../server/config");
    const { openTestStore } = await import("../support/test-store");
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-logs-"));
    const testStore = await openTestStore();
    const lines: string[] = [];
    const config = loadConfig({ VOUCH_HTTP: "1", VOUCH_DATA_DIR: dataDir, LOG_LEVEL: "trace" });
    const { app, context } = await buildService(config, testStore.store, {
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      const token = (await context.devIssuer!.sign({ tenant: "contoso", user: "alice" }))
        .accessToken;
      const messageId = "<secret-message-id-4711@northwind.example>";
      const headers = exchangeHeaders({
        from: "very.private.person@northwind.example",
        messageId,
        subject: "SUBJECT-MARKER-93127",
      });
      const body = {
        internetMessageId: messageId,
        headers,
        kind: "not-spam",
        comment: "COMMENT-MARKER",
        mailbox: "shared.box@northwind.example",
      };
      const first = await app.inject({
        method: "POST",
        url: "/api/v1/reports",
        headers: { authorization: `Bearer ${token}`, "x-request-id": "trace-req-0001" },
        payload: body,
      });
      expect(first.statusCode).toBe(201);
      await app.inject({
        method: "POST",
        url: "/api/v1/reports",
        headers: { authorization: `Bearer ${token}` },
        payload: { ...body, kind: "bogus" },
      });
      await app.inject({
        method: "GET",
        url: `/api/v1/senders/status?sender=${encodeURIComponent("very.private.person@northwind.example")}`,
        headers: { authorization: `Bearer ${token}` },
      });
      await app.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${token}x` },
      });
      const text = lines.join("");
      expect(lines.length).toBeGreaterThan(3);
      expect(text).toContain("trace-req-0001");
      for (const secret of [
        token.slice(0, 40),
        token.slice(-30),
        "very.private.person",
        "shared.box",
        "northwind.example",
        "SUBJECT-MARKER",
        "COMMENT-MARKER",
        "secret-message-id",
        "Authentication-Results",
      ]) {
        expect(text, secret).not.toContain(secret);
      }
    } finally {
      await app.close();
      await testStore.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("the verified-token cache", () => {
  it("checks a token's signature once, but never serves it past its expiry or after a failure", async () => {
    const { cachingVerifier } = await import("../../server/auth/cache");
    const { AuthError } = await import("../../server/auth/types");
    const key = await rsaKey("cache-key");
    const token = await sign(key, entraClaims({ exp: 2_000_000 }));
    let clock = 1_000_000 * 1000;
    let calls = 0;
    let accept = true;
    const verifier = cachingVerifier(
      {
        async verify() {
          calls++;
          if (!accept) throw new AuthError("expired", "expired");
          return { tenantId: TENANT_A, userId: "u", isAdmin: false };
        },
      },
      { clock: () => clock },
    );
    await verifier.verify(token);
    await verifier.verify(token);
    expect(calls).toBe(1);
    clock = 2_000_000 * 1000 + 1;
    accept = false;
    await expect(verifier.verify(token)).rejects.toThrow(AuthError);
    await expect(verifier.verify(token)).rejects.toThrow(AuthError);
    expect(calls).toBe(3);
    await expect(verifier.verify("not-a-token")).rejects.toThrow(AuthError);
  });
});
