import type { FastifyInstance } from "fastify";
import type { Config } from "../config";
import { quietLevel } from "./logging";

/**
 * Prometheus text exposition (format 0.0.4) of what the service counts: requests by route and
 * status, request latency as a histogram per route, reports accepted by outcome and refused by
 * reason. Kept in memory per process; labels are route templates, never raw URLs, so nothing a
 * caller sends (message ids, addresses) ends up in a label.
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([name, value]) =>
      `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
  );
  return parts.length ? `{${parts.join(",")}}` : "";
}

class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
  get(labels: Labels): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) {
      lines.push(`${this.name}${labelText(labels)} ${value}`);
    }
    return lines.join("\n");
  }
}

class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; buckets: number[]; sum: number; count: number }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const key = labelText(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    LATENCY_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) entry.buckets[index] = (entry.buckets[index] ?? 0) + 1;
    });
    entry.sum += seconds;
    entry.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      LATENCY_BUCKETS.forEach((bound, index) => {
        lines.push(
          `${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${buckets[index] ?? 0}`,
        );
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join("\n");
  }
}

export class Metrics {
  readonly requests = new Counter(
    "vouch_http_requests_total",
    "HTTP requests by route and status.",
  );
  readonly latency = new Histogram(
    "vouch_http_request_duration_seconds",
    "Time from request to response, by route.",
  );
  readonly reportsAccepted = new Counter(
    "vouch_reports_accepted_total",
    "Reports acknowledged with a 2xx, by outcome (created or duplicate).",
  );
  readonly reportsRefused = new Counter(
    "vouch_reports_refused_total",
    "Reports refused, by reason (the error code of the answer).",
  );

  render(): string {
    return [this.requests, this.latency, this.reportsAccepted, this.reportsRefused]
      .map((metric) => metric.render())
      .join("\n")
      .concat("\n");
  }
}

export const REPORTS_ROUTE = "/api/v1/reports";

export function installMetrics(app: FastifyInstance, metrics: Metrics, config: Config): void {
  app.decorateRequest("errorCode", null);
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const status = reply.statusCode;
    metrics.requests.inc({ method: request.method, route, status: String(status) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
    if (route === REPORTS_ROUTE && request.method === "POST") {
      if (status < 300) {
        metrics.reportsAccepted.inc({ outcome: status === 201 ? "created" : "duplicate" });
      } else {
        metrics.reportsRefused.inc({ reason: request.errorCode ?? `status-${status}` });
      }
    }
  });
  app.get("/metrics", { logLevel: quietLevel(config.logLevel) }, async (_request, reply) => {
    void reply.type("text/plain; version=0.0.4; charset=utf-8");
    return metrics.render();
  });
}
