import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, OneLinePerRequest, terseLine } from "../../server/http/logging";

describe("request logs", () => {
  it("write one line per request, with the status and the time taken", async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: loggerOptions("info", { write: (line) => void lines.push(line) }),
      logController: new OneLinePerRequest(),
    });
    app.get("/x", async () => ({ ok: true }));
    await app.inject({ url: "/x?sender=secret@northwind.example" });
    await app.close();
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const perRequest = requests.filter((entry) => entry.reqId !== undefined);
    expect(perRequest).toHaveLength(1);
    expect(perRequest[0]).toMatchObject({
      msg: "request",
      req: { method: "GET", path: "/x" },
      res: { statusCode: 200 },
    });
    expect(lines.join("")).not.toContain("secret@");
  });

  it("read tersely on a terminal", () => {
    const time = Date.UTC(2026, 11, 4, 3, 4, 5);
    expect(
      terseLine(
        JSON.stringify({
          level: 30,
          time,
          pid: 1,
          hostname: "h",
          reqId: "0123456789abcdef",
          req: { method: "POST", path: "/api/v1/reports" },
          res: { statusCode: 201 },
          ms: 12,
          msg: "request",
        }),
      ),
    ).toBe("03:04:05 INFO  POST /api/v1/reports 201 12ms (01234567)\n");
    expect(terseLine(JSON.stringify({ level: 40, time, msg: "purged", purged: 3 }))).toBe(
      "03:04:05 WARN  purged purged=3\n",
    );
    expect(terseLine("not json")).toBe("not json");
  });
});
