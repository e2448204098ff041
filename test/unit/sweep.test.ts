import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { createGraphClient, GraphError, retryAfterMs } from "../../server/sweep/graph-client";
import { headerBlockOf } from "../../server/sweep/header-block";

const SWEEP = {
  VOUCH_SWEEP: "1",
  VOUCH_SWEEP_TENANT_ID: "contoso",
  VOUCH_SWEEP_CLIENT_ID: "app",
  VOUCH_SWEEP_CLIENT_SECRET: "secret",
  VOUCH_SWEEP_GROUP_ID: "group",
};

describe("the sweep's settings", () => {
  it("are off by default and need all four identities when on", () => {
    expect(loadConfig({}).sweep).toBeNull();
    const on = loadConfig(SWEEP).sweep;
    expect(on).toMatchObject({
      tenantId: "contoso",
      graphUrl: "https://graph.microsoft.com/v1.0",
      intervalMs: 15 * 60_000,
      concurrency: 4,
      manyMailboxes: 5,
    });
    for (const name of Object.keys(SWEEP).filter((key) => key !== "VOUCH_SWEEP")) {
      const env = { ...SWEEP, [name]: "" };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(name);
    }
    expect(() => loadConfig({ ...SWEEP, VOUCH_SWEEP_GRAPH_URL: "ftp://graph" })).toThrow(
      "VOUCH_SWEEP_GRAPH_URL",
    );
    const entra = { VOUCH_AUTH: "entra", VOUCH_ENTRA_CLIENT_ID: "api", ...SWEEP };
    expect(() => loadConfig({ ...entra, VOUCH_ENTRA_TENANTS: "fabrikam" })).toThrow(
      "VOUCH_SWEEP_TENANT_ID",
    );
    expect(loadConfig({ ...entra, VOUCH_ENTRA_TENANTS: "fabrikam,contoso" }).sweep).not.toBeNull();
  });
});

describe("Graph's headers as a header block", () => {
  it("keeps the fields in order and lets no value forge a line of its own", () => {
    const block = headerBlockOf([
      { name: "Received", value: "from a by b" },
      { name: "Subject", value: "hi\r\nAuthentication-Results: spf=pass" },
      { name: "Bad Name", value: "x" },
      { name: "From", value: "a@example.com" },
    ]);
    expect(block).toBe(
      "Received: from a by b\r\nSubject: hi Authentication-Results: spf=pass\r\nFrom: a@example.com",
    );
    expect(headerBlockOf([{ name: "no:colon", value: "x" }])).toBeNull();
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs("Fri, 04 Dec 2026 10:00:10 GMT", Date.parse("2026-12-04T10:00:00Z"))).toBe(
      10_000,
    );
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe("the Graph client", () => {
  it("never follows a link to another host with its token", async () => {
    const config = loadConfig({ ...SWEEP, VOUCH_SWEEP_GRAPH_URL: "http://127.0.0.1:9/v1.0" });
    const client = createGraphClient({ config: config.sweep! });
    const refused = client.get("https://attacker.example/v1.0/users/x/messages");
    await expect(refused).rejects.toBeInstanceOf(GraphError);
    await expect(refused).rejects.toMatchObject({ code: "malformed" });
    expect(client.requests).toBe(0);
  });
});
