/**
 * A registry's RDAP service and IANA's bootstrap file, on loopback (node:http), for the
 * domain-age tests and the reputation benchmark.
 *
 *   const rdap = await startFakeRdap({ tlds: ["test"], domains: { "contoso.test": "2001-05-01T00:00:00Z" } });
 *   rdap.bootstrapUrl   // for VOUCH_RDAP_BOOTSTRAP_URL
 *
 * A domain's entry is its registration date, or "slow" (never answers), "malformed" (not JSON),
 * "no-date" (an answer without a registration event), or a number: that HTTP status.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRegistration = string | number | "slow" | "malformed" | "no-date";

export interface FakeRdap {
  bootstrapUrl: string;
  /** Paths asked, in order. */
  requests: string[];
  domains: Record<string, FakeRegistration>;
  /** Set to make the bootstrap file itself answer this status. */
  bootstrapStatus: number;
  close(): Promise<void>;
}

export async function startFakeRdap(options: {
  tlds: string[];
  domains: Record<string, FakeRegistration>;
}): Promise<FakeRdap> {
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { bootstrapStatus: 200 };
  let base = "";
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push(path);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/rdap+json" });
      response.end(JSON.stringify(body));
    };
    if (path === "/dns.json") {
      if (state.bootstrapStatus !== 200) return json(state.bootstrapStatus, {});
      return json(200, {
        version: "1.0",
        publication: "2026-12-01T00:00:00Z",
        services: [[options.tlds, [`${base}/rdap/`]]],
      });
    }
    const match = /^\/rdap\/domain\/([^/?]+)$/.exec(path);
    const entry = match ? fake.domains[decodeURIComponent(match[1]!).toLowerCase()] : undefined;
    if (entry === undefined) return json(404, { errorCode: 404, title: "Not Found" });
    if (entry === "slow") {
      hanging.add(response);
      return;
    }
    if (entry === "malformed") {
      response.writeHead(200, { "content-type": "application/rdap+json" });
      return response.end("{ this is not json");
    }
    if (typeof entry === "number") return json(entry, { errorCode: entry });
    const events =
      entry === "no-date"
        ? [{ eventAction: "last changed", eventDate: "2026-01-01T00:00:00Z" }]
        : [
            { eventAction: "registration", eventDate: entry },
            { eventAction: "expiration", eventDate: "2030-01-01T00:00:00Z" },
          ];
    return json(200, { objectClassName: "domain", ldhName: match![1], events });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeRdap = {
    bootstrapUrl: `${base}/dns.json`,
    requests,
    domains: options.domains,
    get bootstrapStatus() {
      return state.bootstrapStatus;
    },
    set bootstrapStatus(status: number) {
      state.bootstrapStatus = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
