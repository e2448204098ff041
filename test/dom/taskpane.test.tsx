import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import {
  createStandinHost,
  type HeadersQuirk,
  type StandinHost,
  type StandinItem,
} from "../../src/office/standin-host";
import { createApiClient } from "../../src/api/client";
import { createReportQueue, type ReportQueue } from "../../src/api/retry-queue";
import { fetchGraphHeaders, GRAPH_BASE_URL } from "../../src/api/graph";
import type { ReportRequest } from "../../src/api/contract";
import { analyzeHeaders } from "../../src/analysis";
import { Pane, type PaneProps } from "../../src/taskpane/Pane";
import { GROUP_ORDER, groupFindings } from "../../src/taskpane/verdict";
import { SectionBoundary } from "../../src/taskpane/SectionBoundary";
import { loadMessage } from "../../src/taskpane/message-state";

// The machine is shared and jsdom renders Fluent slowly: patience, not timing, is under test.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const SAMPLES = resolve(import.meta.dirname, "../../samples");
const BASE = "http://vouch.test";

function sample(id: string, restId: string | null = null): StandinItem {
  const eml = readFileSync(join(SAMPLES, `${id}.eml`), "utf8");
  const headers = eml.split(/\r?\n\r?\n/)[0] ?? "";
  const message = analyzeHeaders(headers).message;
  return {
    headers,
    restId,
    snapshot: {
      internetMessageId: message.messageId,
      itemId: id,
      subject: message.subject,
      from: message.from ? { address: message.from.address, name: message.from.name } : null,
    },
  };
}

let reporters = 0;
let reportStatuses: number[] = [];
const posted: ReportRequest[] = [];

function senderStatus(youReported: boolean) {
  return {
    sender: "microsoft.com",
    identityKind: "domain",
    reporters,
    mailboxes: reporters,
    youReported,
    proposal: reporters > 0 ? { id: "p1", status: "collecting", reason: null } : null,
  };
}

beforeEach(() => {
  localStorage.clear();
  reporters = 1;
  reportStatuses = [];
  posted.length = 0;
});

/** The service as the pane sees it; per-test handlers (Graph) come on top and are reset after. */
const server = setupServer(
  // The reputation section's own tests are in reputation.test.tsx: here the service has none.
  http.get(`${BASE}/api/v1/reputation`, () =>
    HttpResponse.json({ error: "unavailable", message: "not here" }, { status: 503 }),
  ),
  http.get(`${BASE}/api/v1/senders/status`, () => HttpResponse.json(senderStatus(false))),
  http.post(`${BASE}/api/v1/reports`, async ({ request }) => {
    const body = (await request.json()) as ReportRequest;
    posted.push(body);
    const status = reportStatuses.shift();
    if (status) {
      return HttpResponse.json(
        { error: `e${status}`, message: `refused with ${status}` },
        { status },
      );
    }
    reporters++;
    return HttpResponse.json(
      {
        id: "r1",
        outcome: "created",
        kind: body.kind,
        createdAt: new Date().toISOString(),
        retractableUntil: new Date(Date.now() + 600_000).toISOString(),
        sender: senderStatus(true),
      },
      { status: 201 },
    );
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Setup {
  host: StandinHost;
  queue: ReportQueue;
  setOnline: (online: boolean) => void;
}

function renderPane(
  options: { language?: string; item?: StandinItem | null; graph?: boolean } = {},
): Setup {
  const host = createStandinHost({ displayLanguage: options.language ?? "en-US" });
  if (options.item !== null) host.setItem(options.item ?? sample("azure-service-notice"));
  let online = true;
  const tokens = { account: async () => "dev:t/alice", getToken: async () => "token" };
  const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => online });
  const events = new EventTarget();
  const queue = createReportQueue({
    storage: localStorage,
    send: api.submitReport,
    account: tokens.account,
    window: events as unknown as Window,
  });
  const graph = options.graph
    ? (restId: string) => fetchGraphHeaders(restId, { getGraphToken: async () => "graph-token" })
    : null;
  render(<Pane host={host} api={api} queue={queue} graph={graph} />);
  return {
    host,
    queue,
    setOnline: (value) => {
      online = value;
      if (value) events.dispatchEvent(new Event("online"));
    },
  };
}

/** Graph answers with the item's headers for its REST id, and with 404 for any other. */
function graphHasHeadersOf(item: StandinItem): void {
  server.use(
    http.get(`${GRAPH_BASE_URL}/me/messages/:id`, ({ params }) =>
      params.id === item.restId
        ? HttpResponse.json({
            internetMessageHeaders: item.headers
              .replace(/\r?\n[ \t]+/g, " ")
              .split(/\r?\n/)
              .map((line) => ({
                name: line.slice(0, line.indexOf(":")),
                value: line.slice(line.indexOf(":") + 1).trim(),
              })),
          })
        : HttpResponse.json({}, { status: 404 }),
    ),
  );
}

const verdict = () => screen.findByTestId("verdict", {}, { timeout: 5000 });
const findings = () => screen.findByTestId("findings", {}, { timeout: 5000 });

describe("verdict", () => {
  it("groups reasons by who can fix them: you, your admin, the sender", async () => {
    renderPane({ item: sample("vendor-invoice-compauth") });
    const card = await findings();
    const groups = Array.from(card.querySelectorAll("[data-group]")).map((el) =>
      el.getAttribute("data-group"),
    );
    expect(groups).toEqual(["admin", "sender"]);
    expect(within(card).getByRole("heading", { name: "What your admin can do" })).toBeTruthy();
    expect(within(card).getByRole("heading", { name: "What the sender must fix" })).toBeTruthy();
    // Only a spoofed-sender pair would help this sender: the advice says so, not "allow it".
    expect(card.textContent).toContain("only together with the server that sent it");
  });

  it("puts what the user can fix first", async () => {
    renderPane({ item: sample("user-settings-nspm") });
    const card = await findings();
    const first = card.querySelector("[data-group]");
    expect(first?.getAttribute("data-group")).toBe("user");
    expect(first?.textContent).toContain("What you can do");
  });

  it("keeps the engine's order inside each group and the group order fixed", () => {
    const findings = analyzeHeaders(sample("vendor-invoice-compauth").headers).verdict.findings;
    const { groups } = groupFindings(findings, new Set());
    const keys = groups.map((group) => group.key);
    expect(keys).toEqual(GROUP_ORDER.filter((key) => keys.includes(key)));
    const flat = groups.flatMap((group) => group.findings.map((finding) => finding.id));
    for (const group of groups) {
      const ids = group.findings.map((finding) => finding.id);
      expect(ids).toEqual(findings.filter((f) => ids.includes(f.id)).map((f) => f.id));
    }
    expect(flat.sort()).toEqual(findings.map((f) => f.id).sort());
  });

  it("tells not to trust a phishing sender, offers no report button and points to Report phishing", async () => {
    renderPane({ item: sample("phishing-impersonation") });
    const card = await verdict();
    expect(card.textContent).toContain("Do not trust this message.");
    expect(card.textContent).toContain("Report phishing");
    const nothing = await screen.findByTestId("nothing-to-report");
    expect(nothing.textContent).toContain("never reports a dangerous message as wanted");
    expect(screen.queryByRole("button", { name: "Not spam" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Trusted sender" })).toBeNull();
  });

  it("shows a threat's other findings as evidence, never as the sender's setup to fix", async () => {
    renderPane({ item: sample("phishing-impersonation") });
    const card = await findings();
    const groups = Array.from(card.querySelectorAll("[data-group]")).map((el) =>
      el.getAttribute("data-group"),
    );
    expect(groups).toEqual(["threat", "evidence"]);
    expect(card.querySelector("[data-finding=spf-fail]")).not.toBeNull();
    expect(card.textContent).not.toMatch(/SPF record|sender's IT|What the sender must fix/);
  });

  it("says where it landed instead of asking why it is in Junk when it is not", async () => {
    renderPane({ item: sample("mailing-list-arc") });
    await verdict();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("About this message");
    expect((await verdict()).textContent).toContain("This message was not sent to Junk.");
    expect(screen.queryByRole("button", { name: "Not spam" })).toBeNull();
  });

  it("offers the Trusted-sender button on a genuine sender and says how the two differ", async () => {
    renderPane({ item: sample("azure-service-notice") });
    await screen.findByRole("button", { name: "Trusted sender" });
    const explained = screen.getByTestId("report-explained").textContent ?? "";
    expect(explained).toContain("Not spam: this one message");
    expect(explained).toContain("Trusted sender: you want all mail from this sender");
  });

  it("renders hostile display names and subjects as inert text", async () => {
    const { container } = { container: document.body };
    renderPane({ item: sample("hostile-display") });
    await verdict();
    await screen.findByTestId("route");
    expect(screen.getByTestId("subject").textContent).toContain("<img src=x onerror=alert(1)>");
    expect(screen.getByTestId("sender").textContent).toContain("<img src=x onerror=alert(1)>");
    expect(container.querySelectorAll("img")).toHaveLength(0);
    expect(container.querySelectorAll("script")).toHaveLength(0);
    expect(container.querySelectorAll('a[href^="javascript:" i]')).toHaveLength(0);
  });
});

describe("sections", () => {
  it("shows every authentication code with its meaning", async () => {
    renderPane();
    const auth = await screen.findByTestId("auth");
    const dmarc = within(auth).getByRole("rowheader", { name: "DMARC" }).closest("tr")!;
    expect(dmarc.textContent).toContain("pass");
    expect(dmarc.textContent).toContain("The sender's domain vouches for this message");
    const compauth = within(auth)
      .getByRole("rowheader", { name: "Composite authentication" })
      .closest("tr")!;
    expect(compauth.textContent).toMatch(/Reason: 1\d\d — Passed/);
    const stamps = screen.getByTestId("stamps");
    expect(
      within(stamps).getByRole("rowheader", { name: "SCL (spam confidence)" }).closest("tr")!
        .textContent,
    ).toContain("Spam; goes to Junk by default.");
  });

  it("lists the route oldest first", async () => {
    renderPane();
    const route = await screen.findByTestId("route", {}, { timeout: 5000 });
    const hops = within(route).getAllByRole("listitem");
    expect(hops.length).toBeGreaterThan(1);
    expect(hops[0]?.textContent).toContain("Hop 1");
  });
});

describe("route and raw headers", () => {
  it("marks the slow hop", async () => {
    const headers = [
      "Received: from mx.contoso.example (mx.contoso.example [192.0.2.10]) by inbound.example.net",
      " with ESMTPS id abc; Tue, 24 Nov 2026 10:00:00 +0000",
      "Received: from relay.contoso.example (relay.contoso.example [192.0.2.9]) by mx.contoso.example",
      " with ESMTP id def; Tue, 24 Nov 2026 08:00:00 +0000",
      "From: Contoso <news@contoso.example>",
      "Subject: Slow",
      "Message-ID: <slow@contoso.example>",
      "X-Forefront-Antispam-Report: CIP:192.0.2.10;CTRY:US;SFV:SPM;SCL:5;",
    ].join("\r\n");
    renderPane({
      item: {
        headers,
        snapshot: {
          internetMessageId: "<slow@contoso.example>",
          itemId: "s",
          subject: "Slow",
          from: null,
        },
      },
    });
    const route = await screen.findByTestId("route");
    const hops = within(route).getAllByRole("listitem");
    expect(hops.map((hop) => hop.getAttribute("data-slow"))).toEqual([null, "true"]);
    expect(hops[1]?.textContent).toContain("slow");
    expect(hops[1]?.textContent).toContain("2.0 h");
  });

  it("shows the raw headers on demand and copies them", async () => {
    const user = userEvent.setup();
    const item = sample("bulk-newsletter");
    renderPane({ item });
    const toggle = await screen.findByRole("button", { name: "Raw headers" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await user.click(toggle);
    await user.click(await screen.findByRole("button", { name: "Copy headers" }));
    expect(await navigator.clipboard.readText()).toBe(item.headers);
    expect(await screen.findByText("Headers copied.")).toBeTruthy();
  });
});

describe("language", () => {
  it("speaks German when Office's display language is German", async () => {
    renderPane({ language: "de-DE" });
    await verdict();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      "Warum ist das im Junk-E-Mail-Ordner?",
    );
    expect(await screen.findByRole("button", { name: "Kein Spam" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Vertrauenswürdiger Absender" })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "Authentifizierung" })).toBeTruthy();
  });
});

describe("missing headers", () => {
  it("says Outlook gave nothing (Sent Items) and that Graph could not be asked", async () => {
    const setup = renderPane({ item: null });
    setup.host.setHeadersQuirk("empty");
    act(() => setup.host.setItem(sample("azure-service-notice")));
    const missing = await screen.findByTestId("missing");
    expect(missing.textContent).toContain("This happens for messages in Sent Items.");
    expect(missing.textContent).toContain("Vouch could not fall back to Microsoft Graph here");
  });

  it("explains headers pasted by hand, on this device, and reports them", async () => {
    const user = userEvent.setup();
    const setup = renderPane({ item: null });
    setup.host.setHeadersQuirk("empty");
    const item = sample("azure-service-notice");
    act(() => setup.host.setItem(item));
    const missing = await screen.findByTestId("missing");
    expect(missing.textContent).toContain("View message details");
    const box = within(missing).getByRole("textbox", { name: /Message headers/ });
    await user.click(within(missing).getByRole("button", { name: "Explain these headers" }));
    expect(missing.textContent).toContain("Paste the headers first.");
    await user.click(box);
    await user.paste("Subject: hello\r\nX-Nothing: here");
    await user.click(within(missing).getByRole("button", { name: "Explain these headers" }));
    await screen.findByText(/These lines are too few to explain anything/);
    await user.clear(box);
    // The whole source, body included: only the header block is read.
    await user.paste(`${item.headers}\r\n\r\nDear customer, the body.`);
    await user.click(within(missing).getByRole("button", { name: "Explain these headers" }));
    const card = await verdict();
    expect(card.textContent).toContain("a genuine message that the spam filter got wrong");
    expect(screen.getByTestId("pasted").textContent).toContain("the headers you pasted");
    await user.click(await screen.findByRole("button", { name: "Not spam" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    // A text box keeps line feeds only (HTML's value normalisation); the service reads either.
    expect(posted[0]?.headers).toBe(item.headers.replace(/\r\n/g, "\n"));
    expect(posted[0]?.internetMessageId).toBe(item.snapshot.internetMessageId);
    await user.click(screen.getByRole("button", { name: "Paste other headers" }));
    expect(await screen.findByTestId("missing")).toBeTruthy();
  });

  it("says so for a subject-only answer and falls back to Graph's headers", async () => {
    const item = sample("azure-service-notice", "AAMkRest=");
    graphHasHeadersOf(item);
    const setup = renderPane({ item: null, graph: true });
    setup.host.setHeadersQuirk("subject-only");
    act(() => setup.host.setItem(item));
    const card = await verdict();
    expect(card.textContent).toContain("a genuine message that the spam filter got wrong");
  });

  it("reports what Graph said when it has nothing either", async () => {
    server.use(
      http.get(`${GRAPH_BASE_URL}/me/messages/:id`, () =>
        HttpResponse.json({ internetMessageHeaders: [] }),
      ),
      // Nor does the raw message have a header block.
      http.get(`${GRAPH_BASE_URL}/me/messages/:id/$value`, () => HttpResponse.text("body only")),
    );
    const setup = renderPane({ item: null, graph: true });
    setup.host.setHeadersQuirk("unsupported");
    act(() => setup.host.setItem(sample("azure-service-notice", "x")));
    const missing = await screen.findByTestId("missing");
    expect(missing.textContent).toContain("lacks Mailbox 1.8");
    expect(missing.textContent).toContain("Graph has no headers for this message either.");
  });
});

describe("pinned pane", () => {
  it("follows ItemChanged from message to message, and to none", async () => {
    const setup = renderPane({ item: sample("azure-service-notice") });
    await waitFor(() => expect(screen.getByTestId("subject").textContent).toContain("Azure"));
    await screen.findByRole("button", { name: "Trusted sender" });
    act(() => setup.host.setItem(sample("phishing-impersonation")));
    await waitFor(() =>
      expect(screen.getByTestId("verdict").textContent).toContain("Do not trust this message."),
    );
    expect(screen.queryByRole("button", { name: "Trusted sender" })).toBeNull();
    act(() => setup.host.setItem(null));
    await screen.findByText("Select a message to see why it landed where it did.");
    expect(screen.queryByTestId("verdict")).toBeNull();
  });

  it("follows Office's theme", async () => {
    const setup = renderPane();
    await verdict();
    const provider = () => document.querySelector("[data-theme]");
    expect(provider()?.getAttribute("data-theme")).toBe("light");
    act(() => setup.host.setTheme("high-contrast"));
    expect(provider()?.getAttribute("data-theme")).toBe("high-contrast");
  });
});

describe("report", () => {
  it("posts Not spam with the comment, then shows the status, retract and the count", async () => {
    const user = userEvent.setup();
    renderPane();
    await waitFor(() =>
      expect(screen.getByTestId("colleague-count").getAttribute("data-count")).toBe("1"),
    );
    await user.type(screen.getByRole("textbox", { name: "Comment (optional)" }), "We need these");
    await user.click(screen.getByRole("button", { name: "Not spam" }));
    await waitFor(() =>
      expect(screen.getByRole("status", { name: "" }).textContent ?? "").toBeDefined(),
    );
    await waitFor(() =>
      expect(screen.getByTestId("report-status").textContent).toBe(
        "Reported as not spam. Thank you.",
      ),
    );
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ kind: "not-spam", comment: "We need these" });
    expect(posted[0]?.internetMessageId).toMatch(/^<.+>$/);
    expect(screen.getByTestId("colleague-count").getAttribute("data-count")).toBe("2");
    expect(screen.getByRole("button", { name: "Retract report" })).toBeTruthy();
    expect(screen.getByTestId("report-status").getAttribute("aria-live")).toBe("polite");
    // The button that had focus is gone: focus is on the confirmation, not the page body.
    expect(document.activeElement).toBe(screen.getByTestId("report-status"));
  });

  it("never shows the service's sender keys or the admin's reasons", async () => {
    server.use(
      http.get(`${BASE}/api/v1/senders/status`, () =>
        HttpResponse.json({
          ...senderStatus(false),
          sender: "unverified:northwind.example",
          proposal: {
            id: "p1",
            status: "insight",
            reason: "An allow would not fix it. Check Get-MailboxJunkEmailConfiguration.",
          },
        }),
      ),
    );
    renderPane({ item: sample("vendor-invoice-compauth") });
    await waitFor(() =>
      expect(screen.getByTestId("proposal-status").textContent).toContain("would not help"),
    );
    const colleagues = screen.getByTestId("colleagues").textContent ?? "";
    expect(colleagues).toContain("Nothing proves who sent this");
    expect(colleagues).not.toMatch(/unverified:|Get-Mailbox/);
  });

  it("shows a 400 as final and does not keep it queued", async () => {
    reportStatuses = [400];
    const user = userEvent.setup();
    const setup = renderPane();
    await user.click(await screen.findByRole("button", { name: "Not spam" }));
    await waitFor(() =>
      expect(screen.getByTestId("report-status").textContent).toBe(
        "The report was refused: refused with 400",
      ),
    );
    expect(setup.queue.entries()).toHaveLength(0);
    expect(posted).toHaveLength(1);
  });

  it("shows a report made offline as queued, and as sent once the queue delivers it", async () => {
    const user = userEvent.setup();
    const setup = renderPane();
    setup.setOnline(false);
    await user.click(await screen.findByRole("button", { name: "Not spam" }));
    await waitFor(() =>
      expect(screen.getByTestId("report-status").textContent).toContain("Your report is saved"),
    );
    expect(posted).toHaveLength(0);
    expect(setup.queue.entries()).toHaveLength(1);
    const stop = setup.queue.start();
    act(() => setup.setOnline(true));
    await waitFor(() =>
      expect(screen.getByTestId("report-status").textContent).toBe(
        "Reported as not spam. Thank you.",
      ),
    );
    expect(posted).toHaveLength(1);
    expect(setup.queue.entries()).toHaveLength(0);
    stop();
  });
});

describe("section boundary", () => {
  it("shows its fallback instead of taking the pane down when a section fails", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    function Broken(): never {
      throw new Error("chunk could not load");
    }
    render(
      <main>
        <p>still here</p>
        <SectionBoundary fallback={<p>section failed</p>}>
          <Broken />
        </SectionBoundary>
      </main>,
    );
    expect(screen.getByText("still here")).toBeTruthy();
    expect(screen.getByText("section failed")).toBeTruthy();
    errors.mockRestore();
  });
});

const signedInApi = () =>
  createApiClient({
    tokens: { account: async () => "dev:t/alice", getToken: async () => "token" },
    baseUrl: BASE,
  });
const graphHeaders = (restId: string) =>
  fetchGraphHeaders(restId, { getGraphToken: async () => "graph-token" });

/** The pane as mount-pane.tsx renders it before sign-in; `rerender` plays sign-in's outcome. */
function renderSigningIn(
  options: { language?: string; item?: StandinItem; quirk?: HeadersQuirk } = {},
) {
  const host = createStandinHost({ displayLanguage: options.language ?? "en-US" });
  host.setHeadersQuirk(options.quirk ?? "none");
  host.setItem(options.item ?? sample("azure-service-notice"));
  const onShown = vi.fn();
  const before: PaneProps = { host, api: null, queue: null, graph: null, signingIn: true, onShown };
  const view = render(<Pane {...before} />);
  return {
    onShown,
    signedIn: (services: Partial<PaneProps>) =>
      view.rerender(<Pane {...before} signingIn={false} {...services} />),
  };
}

/**
 * Start-up (src/taskpane/main.ts) reads and analyses the first item before React has loaded and
 * hands that state to the pane, which shows it as it is instead of reading the item again.
 */
describe("the pane given the state start-up read", () => {
  it("shows that verdict at once, reads nothing again, and still follows the next item", async () => {
    const host = createStandinHost({ displayLanguage: "en-US" });
    const first = sample("azure-service-notice");
    host.setItem(first);
    const initial = await loadMessage(host, host.currentItem()!, null);
    expect(initial.phase).toBe("ready");
    const readHeaders = vi.spyOn(host, "readHeaders");
    render(<Pane host={host} api={null} queue={null} graph={null} initial={initial} />);
    // In the first render already: no "Reading the message headers…" in between.
    expect(screen.getByTestId("verdict").textContent).toContain(
      "a genuine message that the spam filter got wrong",
    );
    expect(screen.queryByText("Reading the message headers…")).toBeNull();
    await screen.findByTestId("findings");
    expect(readHeaders).not.toHaveBeenCalled();

    act(() => host.setItem(sample("phishing-impersonation")));
    await waitFor(() =>
      expect(screen.getByTestId("verdict").textContent).toContain("Do not trust this message."),
    );
    expect(readHeaders).toHaveBeenCalledTimes(1);
  });
  it("follows an item selected while React was loading", async () => {
    const host = createStandinHost({ displayLanguage: "en-US" });
    host.setItem(sample("azure-service-notice"));
    const initial = await loadMessage(host, host.currentItem()!, null);
    host.setItem(sample("phishing-impersonation"));
    render(<Pane host={host} api={null} queue={null} graph={null} initial={initial} />);
    await waitFor(() =>
      expect(screen.getByTestId("verdict").textContent).toContain("Do not trust this message."),
    );
  });
});

/**
 * Inside Outlook the pane renders before sign-in has finished (src/taskpane/main.ts): what it
 * shows while signing in, once signed in, and when sign-in fails after the verdict is shown.
 */
describe("the pane before sign-in has finished", () => {
  it("shows the verdict with 'signing in' where the buttons go, then the buttons", async () => {
    const pane = renderSigningIn();
    const card = await screen.findByTestId("verdict");
    expect(card.textContent).toContain("a genuine message that the spam filter got wrong");
    const section = await screen.findByTestId("report");
    expect(within(section).getByRole("progressbar", { name: "Signing in…" })).toBeTruthy();
    expect(section.textContent).not.toContain("Sign in to report.");
    expect(screen.queryByRole("button", { name: "Not spam" })).toBeNull();
    // What colleagues reported is on its way, not refused.
    expect(screen.queryByText("Sign in to see what colleagues reported.")).toBeNull();
    expect(screen.getByText("Asking the service…")).toBeTruthy();
    await waitFor(() => expect(pane.onShown).toHaveBeenCalledTimes(1));

    pane.signedIn({ api: signedInApi(), graph: graphHeaders });
    expect(await screen.findByRole("button", { name: "Not spam" })).toBeTruthy();
    expect(screen.queryByText("Signing in…")).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId("colleague-count").getAttribute("data-count")).toBe("1"),
    );
    // The verdict was not read again for the sign-in: the same element is still on screen.
    expect(screen.getByTestId("verdict")).toBe(card);
    expect(pane.onShown).toHaveBeenCalledTimes(1);
  });

  it("says to sign in when sign-in fails after the verdict is shown", async () => {
    const pane = renderSigningIn();
    const card = await screen.findByTestId("verdict");
    await screen.findByText("Signing in…");
    pane.signedIn({ api: null });
    const section = await screen.findByTestId("report");
    await waitFor(() => expect(section.textContent).toContain("Sign in to report."));
    expect(within(section).queryByRole("progressbar")).toBeNull();
    expect(screen.getByText("Sign in to see what colleagues reported.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Not spam" })).toBeNull();
    expect(screen.getByTestId("verdict")).toBe(card);
  });

  it("says it in German", async () => {
    const pane = renderSigningIn({ language: "de-DE" });
    await screen.findByTestId("verdict");
    expect((await screen.findByTestId("report")).textContent).toContain("Anmeldung läuft…");
    pane.signedIn({ api: null });
    await waitFor(() =>
      expect(screen.getByTestId("report").textContent).toContain(
        "Melden Sie sich an, um zu melden.",
      ),
    );
  });

  it("asks Graph once sign-in brings it, for headers Outlook could not give", async () => {
    const item = sample("azure-service-notice", "AAMkRest=");
    graphHasHeadersOf(item);
    const pane = renderSigningIn({ item, quirk: "subject-only" });
    expect(await screen.findByTestId("missing")).toBeTruthy();
    await waitFor(() => expect(pane.onShown).toHaveBeenCalledTimes(1));
    pane.signedIn({ api: signedInApi(), graph: graphHeaders });
    const card = await screen.findByTestId("verdict");
    expect(card.textContent).toContain("a genuine message that the spam filter got wrong");
  });
});
