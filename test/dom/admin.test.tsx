import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { AdminApp } from "../../src/admin/AdminApp";
import type { ProposalDto } from "../../src/api/admin-contract";

/**
 * The console's components in jsdom against a stand-in of the service (the browser test runs
 * the real one): what a non-admin sees, and that hostile sender names stay text.
 */
const BASE = "http://vouch.test";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const HOSTILE = '<img src=x onerror="window.__pwned=1">@evil.example';

function proposal(overrides: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id: "p1",
    senderKey: HOSTILE,
    status: "open",
    outcome: "open",
    strength: 55,
    reason: "3 people in 2 mailboxes vouched; <b>DMARC</b> passed in 3 of 3.",
    entry: { type: "sender", kind: "address", value: HOSTILE },
    approved: null,
    review: null,
    reporters: 3,
    mailboxes: 2,
    reports: 3,
    firstSeen: "2026-11-20T00:00:00.000Z",
    lastSeen: "2026-11-26T00:00:00.000Z",
    refusals: [],
    insights: [],
    warnings: [],
    progress: {
      reporters: { have: 3, need: 3 },
      mailboxes: { have: 2, need: 2 },
      fresh: true,
    },
    rulesVersion: "vouch.rules/1.0.0",
    decision: null,
    expiresAt: null,
    createdAt: "2026-11-20T00:00:00.000Z",
    updatedAt: "2026-11-26T00:00:00.000Z",
    ...overrides,
  };
}

function serve(isAdmin: boolean) {
  const seen: string[] = [];
  server.use(
    http.post(`${BASE}/dev/token`, async ({ request }) => {
      const body = (await request.json()) as { user: string; admin: boolean };
      seen.push(`token ${body.user} admin=${body.admin}`);
      return HttpResponse.json({ accessToken: "t", expiresAt: "2099-01-01T00:00:00Z" });
    }),
    http.get(`${BASE}/api/v1/me`, () =>
      HttpResponse.json({
        tenantId: "contoso",
        userId: isAdmin ? "admin" : "person0",
        isAdmin,
        reportToMicrosoft: false,
      }),
    ),
    http.get(`${BASE}/api/v1/proposals`, ({ request }) => {
      seen.push("proposals");
      const status = new URL(request.url).searchParams.get("status");
      const items = [proposal()].filter((item) => !status || item.status === status);
      return isAdmin
        ? HttpResponse.json({ items, total: items.length, nextOffset: null })
        : HttpResponse.json({ error: "forbidden", message: "admins only" }, { status: 403 });
    }),
  );
  return seen;
}

function renderConsole() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <AdminApp baseUrl={BASE} />
    </FluentProvider>,
  );
}

describe("admin console", () => {
  it("tells a non-admin they are not an admin and asks for no proposal", async () => {
    const seen = serve(false);
    renderConsole();
    await userEvent.click(screen.getByRole("radio", { name: "Contoso person (not an admin)" }));
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("You are not an admin of Vouch")).toBeTruthy();
    expect(screen.queryByRole("tab")).toBeNull();
    expect(seen).toEqual(["token person0 admin=false"]);
  }, 30_000);

  it("shows hostile sender names and reasons as text, never as markup", async () => {
    serve(true);
    const { container } = renderConsole();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const list = await screen.findByRole("list", { name: "Proposals" });
    const row = within(list).getByRole("button");
    expect(row.textContent).toContain(HOSTILE);
    expect(row.textContent).toContain("3 people in 2 mailboxes vouched");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  }, 30_000);
});
