import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../src/api/contract";
import { OUTLOOK_FRAME_ANCESTORS } from "../../server/http/security-headers";
import { call, startTestService, type TestService } from "../support/service";
import { exchangeHeaders } from "../support/service-headers";

/**
 * Issue 10 §6 on the real service: authentication before the body is read, slow bodies dropped
 * after the request timeout, unauthenticated traffic and /dev/token rate-limited per address,
 * and the security headers on every page.
 */

/** What a raw connection received until the server closed it (or `until` matched). */
interface RawExchange {
  socket: Socket;
  /** Resolves with everything received once the server closes the connection. */
  closed: Promise<string>;
  received(): string;
}

function openRaw(url: string, head: string): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(head);
      resolve({ socket, closed, received: () => text });
    });
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
    const closed = new Promise<string>((done) => socket.on("close", () => done(text)));
    socket.on("error", reject);
  });
}

function requestHead(path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", ...lines, "", ""].join("\r\n");
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}

function reportBody(id: string): string {
  const internetMessageId = `<${id}@northwind.example>`;
  return JSON.stringify({
    internetMessageId,
    headers: exchangeHeaders({ from: "billing@northwind.example", messageId: internetMessageId }),
    kind: "not-spam",
  });
}

describe("authentication before the body", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_MAX_HEADER_BYTES: "512KB" });
  });
  afterAll(() => service?.close());

  it("answers 401 to a request announcing 500 KB without sending a byte of it, and closes", async () => {
    for (const path of [
      "/api/v1/reports",
      "/api/v1/proposals/00000000-0000-4000-8000-000000000000/approve",
    ]) {
      const raw = await openRaw(
        service.url,
        requestHead(path, { "content-type": "application/json", "content-length": 500 * 1024 }),
      );
      // The answer comes while the body is still owed, and the server hangs up: it never waits
      // for (or buffers) the 500 KB.
      const answer = await raw.closed;
      expect(statusOf(answer), path).toBe(401);
      expect(answer.toLowerCase()).toContain("connection: close");
      expect(answer).toContain('"error":"missing-token"');
    }
  });

  it("refuses a bad token the same way, before the body", async () => {
    const raw = await openRaw(
      service.url,
      requestHead("/api/v1/reports", {
        "content-type": "application/json",
        "content-length": 500 * 1024,
        authorization: "Bearer not.a.token",
      }),
    );
    expect(statusOf(await raw.closed)).toBe(401);
  });

  it("still reads the body of an authenticated request and keeps the connection", async () => {
    const token = await service.token({ tenant: "contoso", user: "alice" });
    const body = reportBody("auth-first-1");
    const raw = await openRaw(
      service.url,
      requestHead("/api/v1/reports", {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      }) + body,
    );
    await expect.poll(() => statusOf(raw.received()), { timeout: 10_000 }).toBe(201);
    expect(raw.received().toLowerCase()).not.toContain("connection: close");
    raw.socket.destroy();
  });
});

describe("slow bodies", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_REQUEST_TIMEOUT: "1s" });
  });
  afterAll(() => service?.close());

  it("drops an authenticated body that does not arrive within VOUCH_REQUEST_TIMEOUT, storing nothing", async () => {
    const token = await service.token({ tenant: "contoso", user: "slow" });
    const body = reportBody("slow-1");
    const raw = await openRaw(
      service.url,
      requestHead("/api/v1/reports", {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      }) + body.slice(0, 100),
    );
    // The rest never comes: Node answers 408 and closes once the request timeout passed.
    const answer = await raw.closed;
    expect(statusOf(answer)).toBe(408);
    expect(
      await service.store.reports.findByMessage("contoso", "slow", "<slow-1@northwind.example>"),
    ).toBeNull();
  });

  it("drops a request whose headers never end", async () => {
    const raw = await openRaw(service.url, "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n");
    expect(statusOf(await raw.closed)).toBe(408);
  });
});

describe("rate limits without a valid sign-in", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_RATE_LIMIT_ANONYMOUS: "3/1h" });
  });
  afterAll(() => service?.close());

  it("counts refused sign-ins per address, then answers 429 before checking tokens; known tokens pass", async () => {
    const known = await service.token({ tenant: "contoso", user: "alice" });
    // Verified once before the flood: the service knows this token.
    expect((await call(`${service.url}/api/v1/me`, { token: known })).status).toBe(200);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push(
        (await call(`${service.url}/api/v1/me`, { token: `bad.${attempt}.token` })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await call(`${service.url}/api/v1/me`);
    expect(limited.status).toBe(429);
    expect(errorBodySchema.parse(limited.json).error).toBe("rate-limited-address");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // A fresh valid token from the same address waits too; a known one is not held up.
    const fresh = await service.token({ tenant: "contoso", user: "bob" });
    expect((await call(`${service.url}/api/v1/me`, { token: fresh })).status).toBe(429);
    expect((await call(`${service.url}/api/v1/me`, { token: known })).status).toBe(200);
  });

  it("limits POST /dev/token per address", async () => {
    const other = await startTestService({ VOUCH_RATE_LIMIT_ANONYMOUS: "2/1h" });
    try {
      const signIn = () =>
        call(`${other.url}/dev/token`, { body: { tenant: "contoso", user: "x" } });
      expect([(await signIn()).status, (await signIn()).status, (await signIn()).status]).toEqual([
        200, 200, 429,
      ]);
    } finally {
      await other.close();
    }
  });
});

describe("security headers", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ VOUCH_FRAME_ANCESTORS: "https://mail.contoso.example" });
  });
  afterAll(() => service?.close());

  function directives(csp: string | null): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const part of (csp ?? "").split(";")) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) map.set(name, values);
    }
    return map;
  }

  it("lets only Outlook's hosts frame the pane and the function file", async () => {
    for (const page of ["/taskpane.html", "/commands.html"]) {
      const answer = await call(`${service.url}${page}`);
      // 200 once the pages are built, 503 "not built" before: the headers are the same.
      const csp = directives(answer.headers.get("content-security-policy"));
      expect(csp.get("frame-ancestors")).toEqual([
        ...OUTLOOK_FRAME_ANCESTORS,
        "https://mail.contoso.example",
      ]);
      expect(answer.headers.get("x-frame-options"), page).toBeNull();
      expect(csp.get("script-src")).toContain("https://appsforoffice.microsoft.com");
    }
  });

  it("frames nothing else, and allows no inline or eval'd script anywhere", async () => {
    for (const path of [
      "/admin.html",
      "/harness.html",
      "/api/v1/client-config",
      "/healthz",
      "/nope",
    ]) {
      const answer = await call(`${service.url}${path}`);
      const csp = directives(answer.headers.get("content-security-policy"));
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(answer.headers.get("x-frame-options"), path).toBe("DENY");
    }
    for (const path of ["/admin.html", "/harness.html", "/taskpane.html", "/commands.html"]) {
      const answer = await call(`${service.url}${path}`);
      const csp = directives(answer.headers.get("content-security-policy"));
      const scripts = csp.get("script-src") ?? [];
      expect(scripts, path).toContain("'self'");
      expect(scripts.join(" "), path).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
      expect(csp.get("script-src-attr"), path).toEqual(["'none'"]);
      expect(csp.get("object-src"), path).toEqual(["'none'"]);
      expect(csp.get("default-src"), path).toEqual(["'self'"]);
      expect(answer.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(answer.headers.get("x-content-type-options"), path).toBe("nosniff");
      // Plain HTTP: no HSTS and no upgrade (they would break http://127.0.0.1).
      expect(answer.headers.get("strict-transport-security"), path).toBeNull();
      expect(csp.has("upgrade-insecure-requests"), path).toBe(false);
    }
  });

  it("shares the ribbon icons with Outlook's pages, and nothing else", async () => {
    const icon = await call(`${service.url}/assets/icon-32.png`);
    expect(icon.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const page = await call(`${service.url}/admin.html`);
    expect(page.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });

  it("answers /favicon.ico with the icon", async () => {
    const response = await fetch(`${service.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});

describe("security headers in HTTPS mode", () => {
  it("adds HSTS and upgrade-insecure-requests", async () => {
    const Fastify = (await import("fastify")).default;
    const { installSecurityHeaders } = await import("../../server/http/security-headers");
    const app = Fastify();
    await installSecurityHeaders(app, { https: true, extraFrameAncestors: [] });
    app.get("/admin.html", async () => "ok");
    const answer = await app.inject({ url: "/admin.html" });
    expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(String(answer.headers["content-security-policy"])).toContain(
      "upgrade-insecure-requests",
    );
    await app.close();
  });
});
