import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  GRAPH_BASE_URL,
  QUEUE_STORAGE_KEY,
  createApiClient,
  createReportQueue,
  type QueueEntry,
  type ReportResponse,
  type TokenProvider,
} from "../../src/api";
import { NOTIFICATION_MAX_CHARS, versionAtLeast } from "../../src/office/host";
import { createOfficeHost } from "../../src/office/office-host";
import { MESSAGES, notReportedMessage, reportedMessage } from "../../src/commands/messages";
import { remedyOf, THREAT_ORDER, type Remedy, type Situation } from "../../src/analysis/remedy";
import { analyzeHeaders } from "../../src/analysis";
import { createReportNotSpam, type ReportNotSpamDeps } from "../../src/commands/report-not-spam";
import { createMailGraph, rescueFromJunk } from "../../src/api/graph";
import { PENDING_SIGN_IN_ACCOUNT } from "../../src/api";
import { queueAccount } from "../../src/commands/sign-in";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

function sampleHeaders(id: string): string {
  const eml = readFileSync(resolve(import.meta.dirname, "../../samples", `${id}.eml`), "utf8");
  return eml.split(/\r?\n\r?\n/)[0] ?? "";
}

const BASE = "http://vouch.test";
const MESSAGE_ID = "<CAF=invoice-2291@mail.contoso.com>";
const HEADERS = [
  "Received: from mail.contoso.com (203.0.113.7) by AM0PR01MB0001.eurprd01.prod.outlook.com",
  "Authentication-Results: spf=pass (sender IP is 203.0.113.7) smtp.mailfrom=contoso.com; dkim=pass (signature was verified) header.d=contoso.com; dmarc=pass action=none header.from=contoso.com;compauth=pass reason=100",
  "X-Forefront-Antispam-Report: CIP:203.0.113.7;CTRY:NL;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.contoso.com;CAT:SPM;SFS:(13230040);DIR:INB;",
  "From: Contoso Billing <billing@contoso.com>",
  "Subject: Invoice 2291",
  `Message-ID: ${MESSAGE_ID}`,
].join("\r\n");

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  localStorage.clear();
});
afterAll(() => server.close());

/** Outlook, the edge we do not own: the parts of Office.js the host adapter calls. */
function fakeOffice(options: { headers?: string; notifyFails?: boolean; mailbox?: string } = {}) {
  const notifications: Office.NotificationMessageDetails[] = [];
  const item = {
    itemId: "AAMkADEWS=",
    internetMessageId: MESSAGE_ID,
    subject: "Invoice 2291",
    from: { emailAddress: "billing@contoso.com", displayName: "Contoso Billing" },
    getAllInternetHeadersAsync(callback: (result: unknown) => void) {
      setTimeout(() => callback({ status: "succeeded", value: options.headers ?? HEADERS }), 0);
    },
    notificationMessages: {
      replaceAsync(
        _key: string,
        details: Office.NotificationMessageDetails,
        callback: (r: unknown) => void,
      ) {
        notifications.push(details);
        callback(
          options.notifyFails
            ? { status: "failed", error: { message: "ArgumentOutOfRange" } }
            : { status: "succeeded" },
        );
      },
    },
  };
  const office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { ItemChanged: "olkItemSelectedChanged", OfficeThemeChanged: "officeThemeChanged" },
    MailboxEnums: {
      ItemNotificationMessageType: {
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
      },
      RestVersion: { v2_0: "v2.0" },
    },
    context: {
      displayLanguage: "en-US",
      requirements: {
        isSetSupported: (set: string, version: string) =>
          set === "Mailbox" && versionAtLeast("1.14", version),
      },
      mailbox: {
        item,
        addHandlerAsync() {},
        convertToRestId: (id: string) => `rest-${id}`,
      },
    },
  };
  return { office: office as unknown as typeof Office, notifications };
}

function fakeEvent() {
  return { completed: vi.fn() };
}

const tokens: TokenProvider = {
  account: async () => "tid/oid-alice",
  getToken: async () => "token-alice",
};

function reportResponse(overrides: Partial<ReportResponse> = {}): ReportResponse {
  return {
    id: "r-1",
    outcome: "created",
    kind: "not-spam",
    createdAt: "2026-11-27T21:00:00.000Z",
    retractableUntil: "2026-11-27T21:10:00.000Z",
    sender: {
      sender: "contoso.com",
      identityKind: "domain",
      reporters: 3,
      mailboxes: 3,
      youReported: true,
      proposal: null,
    },
    ...overrides,
  };
}

/** The real host adapter, API client and retry queue; only Office and the network are fakes. */
function deps(
  office: typeof Office,
  overrides: Partial<ReportNotSpamDeps> = {},
): ReportNotSpamDeps {
  const api = createApiClient({ tokens, baseUrl: BASE, isOnline: () => true });
  return {
    host: createOfficeHost(office, window),
    signIn: tokens,
    queue: createReportQueue({
      storage: localStorage,
      send: (r) => api.submitReport(r),
      account: tokens.account,
      window: null,
    }),
    ...overrides,
  };
}

function queued(): QueueEntry[] {
  return JSON.parse(localStorage.getItem(QUEUE_STORAGE_KEY) ?? "[]") as QueueEntry[];
}

describe("reportNotSpam", () => {
  let posts: unknown[];
  beforeEach(() => {
    posts = [];
  });
  const acceptReports = (response: ReportResponse, status = 201) =>
    server.use(
      http.post(`${BASE}/api/v1/reports`, async ({ request }) => {
        posts.push(await request.json());
        return HttpResponse.json(response, { status });
      }),
    );

  it("posts the report once and says how many colleagues vouched", async () => {
    acceptReports(reportResponse());
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);

    expect(posts).toEqual([{ internetMessageId: MESSAGE_ID, headers: HEADERS, kind: "not-spam" }]);
    expect(notifications).toEqual([
      {
        type: "informationalMessage",
        message: "Reported as not spam. You and 2 colleagues vouched for contoso.com.",
        icon: "Icon.16",
        persistent: false,
      },
    ]);
    expect(queued()).toEqual([]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("says so when the message was already reported", async () => {
    acceptReports(
      reportResponse({
        outcome: "duplicate",
        sender: { ...reportResponse().sender, reporters: 1 },
      }),
      200,
    );
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);
    expect(notifications.map((n) => n.message)).toEqual(["You already reported this message."]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("keeps the report in the shared queue and shows an error when the network fails", async () => {
    server.use(
      http.post(`${BASE}/api/v1/reports`, () => {
        posts.push("attempt");
        return HttpResponse.error();
      }),
    );
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);

    expect(posts).toEqual(["attempt"]);
    expect(notifications).toEqual([
      { type: "errorMessage", message: MESSAGES.savedWillRetry.text },
    ]);
    const [entry] = queued();
    expect(entry).toMatchObject({
      status: "pending",
      account: "tid/oid-alice",
      attempts: 1,
      lastError: { kind: "network" },
    });
    expect(entry?.request).toEqual({
      internetMessageId: MESSAGE_ID,
      headers: HEADERS,
      kind: "not-spam",
    });
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("treats a 4xx as final and says why", async () => {
    server.use(
      http.post(`${BASE}/api/v1/reports`, () =>
        HttpResponse.json(
          { error: "headers-too-large", message: "The headers exceed 256 KB." },
          { status: 413 },
        ),
      ),
    );
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);

    expect(notifications).toEqual([
      {
        type: "errorMessage",
        message: "Vouch did not accept this report (413): The headers exceed 256 KB.",
      },
    ]);
    // Kept as failed for the pane to show, never retried.
    expect(queued()).toMatchObject([
      { status: "failed", lastError: { kind: "http", status: 413 } },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("completes after its deadline when the service never answers, with the report kept", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    server.use(http.post(`${BASE}/api/v1/reports`, () => new Promise<never>(() => {})));
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    const running = createReportNotSpam(deps(office, { timeoutMs: 20_000 }))(event);

    await vi.advanceTimersByTimeAsync(19_000);
    expect(event.completed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_500);
    await running;

    expect(notifications).toEqual([
      { type: "errorMessage", message: MESSAGES.sendingTimedOut.text },
    ]);
    expect(queued()).toMatchObject([
      { status: "pending", request: { internetMessageId: MESSAGE_ID } },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("completes after its deadline when sign-in hangs, and says the report was not kept", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    const hanging = { account: () => new Promise<string>(() => {}) };
    const running = createReportNotSpam(deps(office, { signIn: hanging, timeoutMs: 20_000 }))(
      event,
    );
    await vi.advanceTimersByTimeAsync(20_001);
    await running;

    expect(notifications.map((n) => n.message)).toEqual([MESSAGES.signInTimedOut.text]);
    expect(queued()).toEqual([]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("files the report for later and says 'Open Vouch to sign in' when silent sign-in is impossible", async () => {
    const noSilentSignIn: TokenProvider = {
      account: async () => {
        throw new Error("interaction_required");
      },
      getToken: async () => {
        throw new Error("interaction_required");
      },
    };
    const api = createApiClient({ tokens: noSilentSignIn, baseUrl: BASE, isOnline: () => true });
    const queue = createReportQueue({
      storage: localStorage,
      send: (r) => api.submitReport(r),
      account: queueAccount(noSilentSignIn),
      window: null,
    });
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    await createReportNotSpam(deps(office, { signIn: noSilentSignIn, queue }))(event);

    expect(notifications).toEqual([{ type: "errorMessage", message: MESSAGES.signInNeeded.text }]);
    expect(notifications[0]?.message.startsWith("Open Vouch to sign in")).toBe(true);
    // Nobody is signed in, so nothing was even tried: it waits for the pane's sign-in.
    expect(queued()).toMatchObject([
      { account: PENDING_SIGN_IN_ACCOUNT, status: "pending", lastError: null },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("does not post and says why when Outlook gives no headers", async () => {
    acceptReports(reportResponse());
    const { office, notifications } = fakeOffice({ headers: "" });
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);
    expect(posts).toEqual([]);
    expect(notifications).toEqual([{ type: "errorMessage", message: MESSAGES.noHeaders.text }]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("falls back to Graph for the headers when Outlook gives none", async () => {
    acceptReports(reportResponse());
    const { office } = fakeOffice({ headers: "" });
    const graphHeaders = vi.fn(async (restId: string) => ({
      ok: true as const,
      text: `${HEADERS}\r\nX-Rest-Id: ${restId}`,
      source: "headers" as const,
    }));
    await createReportNotSpam(deps(office, { graphHeaders }))(fakeEvent());
    expect(graphHeaders).toHaveBeenCalledWith("rest-AAMkADEWS=", { kind: "own" });
    expect(posts).toMatchObject([
      { headers: expect.stringContaining("X-Rest-Id: rest-AAMkADEWS=") },
    ]);
  });

  it("still completes when Outlook refuses the notification", async () => {
    acceptReports(reportResponse());
    const { office } = fakeOffice({ notifyFails: true });
    const event = fakeEvent();
    await createReportNotSpam(deps(office))(event);
    expect(posts).toHaveLength(1);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("completes with an error notification when something unexpected throws", async () => {
    const { office, notifications } = fakeOffice();
    const event = fakeEvent();
    const host = createOfficeHost(office, window);
    const broken = { ...host, readHeaders: () => Promise.reject(new Error("item disposed")) };
    await createReportNotSpam(deps(office, { host: broken }))(event);
    expect(notifications).toEqual([
      {
        type: "errorMessage",
        message: "Vouch ran into a problem: item disposed. Open Vouch to try again.",
      },
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });
});

describe("the threat path: nothing is reported as wanted", () => {
  // Any request (a report, Microsoft's not-junk, the service's settings) fails the test:
  // onUnhandledRequest is "error" and no handler is installed here.
  it.each([
    ["phishing-impersonation", "the sender imitates someone you know"],
    ["forged-auth-results", "the sender's address looks forged"],
  ])("%s: posts nothing, never tells Microsoft, and says why", async (id, why) => {
    const headers = sampleHeaders(id);
    expect(remedyOf(analyzeHeaders(headers)).situation).toBe("threat");
    const { office, notifications } = fakeOffice({ headers });
    const reportToMicrosoftEnabled = vi.fn(async () => true);
    const rescue = vi.fn(async () => ({ moved: true as const, via: "move" as const }));
    const signIn = { account: vi.fn(async () => "tid/oid-alice") };
    const event = fakeEvent();
    await createReportNotSpam(deps(office, { reportToMicrosoftEnabled, rescue, signIn }))(event);

    expect(rescue).not.toHaveBeenCalled();
    expect(reportToMicrosoftEnabled).not.toHaveBeenCalled();
    expect(signIn.account).not.toHaveBeenCalled();
    expect(queued()).toEqual([]);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.type).toBe("errorMessage");
    expect(notifications[0]?.message).toBe(
      `Not reported: ${why}. Do not trust it; use Outlook's Report > Report phishing.`,
    );
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("does not report mail that is not in Junk, and says there is nothing to rescue", async () => {
    const headers = sampleHeaders("mailing-list-arc");
    const { office, notifications } = fakeOffice({ headers });
    const rescue = vi.fn(async () => ({ moved: true as const, via: "move" as const }));
    const event = fakeEvent();
    await createReportNotSpam(deps(office, { reportToMicrosoftEnabled: async () => true, rescue }))(
      event,
    );
    expect(rescue).not.toHaveBeenCalled();
    expect(queued()).toEqual([]);
    expect(notifications.map((n) => [n.type, n.message])).toEqual([
      [
        "informationalMessage",
        "Not reported: this message is not in Junk, so there is nothing to rescue.",
      ],
    ]);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  it("still reports what the pane offers as a secondary Not spam (your own Junk settings)", async () => {
    let posted = 0;
    server.use(
      http.post(`${BASE}/api/v1/reports`, () => {
        posted++;
        return HttpResponse.json(reportResponse(), { status: 201 });
      }),
    );
    const headers = sampleHeaders("user-settings-nspm");
    expect(remedyOf(analyzeHeaders(headers)).offers.notSpam).toBe("secondary");
    const { office } = fakeOffice({ headers });
    await createReportNotSpam(deps(office))(fakeEvent());
    expect(posted).toBe(1);
  });
});

describe("telling Microsoft", () => {
  const graphToken = { getGraphToken: async () => "graph-token" };

  it("reports the message as not junk through Graph and moves it, where the admin enabled it", async () => {
    let graphBody: unknown = null;
    let graphAuth: string | null = null;
    server.use(
      http.post(`${BASE}/api/v1/reports`, () =>
        HttpResponse.json(reportResponse(), { status: 201 }),
      ),
      http.post(`${GRAPH_BASE_URL}/me/messages/:id/reportMessage`, async ({ request, params }) => {
        expect(params.id).toBe("rest-AAMkADEWS=");
        graphAuth = request.headers.get("authorization");
        graphBody = await request.json();
        return HttpResponse.json({ id: "moved" });
      }),
    );
    const { office, notifications } = fakeOffice();
    await createReportNotSpam(
      deps(office, {
        reportToMicrosoftEnabled: async () => true,
        rescue: createMailGraph(graphToken).rescue,
      }),
    )(fakeEvent());

    expect(graphAuth).toBe("Bearer graph-token");
    expect(graphBody).toEqual({ IsMessageMoveRequested: true, ReportAction: "notJunk" });
    expect(notifications.map((n) => n.message)).toEqual([
      "Reported as not spam. You and 2 colleagues vouched for contoso.com. Moved to your Inbox.",
    ]);
  });

  it("leaves Microsoft alone when the admin did not enable it, and only moves the message", async () => {
    const calls: string[] = [];
    server.use(
      http.post(`${BASE}/api/v1/reports`, () =>
        HttpResponse.json(reportResponse(), { status: 201 }),
      ),
      http.post(`${GRAPH_BASE_URL}/me/messages/:id/move`, async ({ request }) => {
        calls.push(`move ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id: "moved" }, { status: 201 });
      }),
    );
    const { office, notifications } = fakeOffice();
    await createReportNotSpam(
      deps(office, {
        reportToMicrosoftEnabled: async () => false,
        rescue: createMailGraph(graphToken).rescue,
      }),
    )(fakeEvent());
    expect(calls).toEqual(['move {"destinationId":"inbox"}']);
    expect(notifications.map((n) => n.message)).toEqual([
      "Reported as not spam. You and 2 colleagues vouched for contoso.com. Moved to your Inbox.",
    ]);
  });

  it("keeps the report's success when Graph refuses both reportMessage and the move", async () => {
    server.use(
      http.post(`${BASE}/api/v1/reports`, () =>
        HttpResponse.json(reportResponse(), { status: 201 }),
      ),
      http.post(
        `${GRAPH_BASE_URL}/me/messages/:id/reportMessage`,
        () => new HttpResponse(null, { status: 403 }),
      ),
      http.post(
        `${GRAPH_BASE_URL}/me/messages/:id/move`,
        () => new HttpResponse(null, { status: 403 }),
      ),
    );
    const { office, notifications } = fakeOffice();
    await createReportNotSpam(
      deps(office, {
        reportToMicrosoftEnabled: async () => true,
        rescue: (restId, mailbox, tell) =>
          rescueFromJunk(restId, mailbox, graphToken, { tellMicrosoft: tell }),
      }),
    )(fakeEvent());
    expect(notifications.map((n) => n.message)).toEqual([
      "Reported as not spam. You and 2 colleagues vouched for contoso.com.",
    ]);
  });
});

describe("notification texts", () => {
  it("fit Outlook's 150 characters, the longest sender included", () => {
    for (const [name, notification] of Object.entries(MESSAGES)) {
      expect(notification.text.length, name).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
    }
    const longSender = `${"very-long-subdomain.".repeat(12)}example.org`;
    const response = reportResponse({
      sender: { ...reportResponse().sender, sender: longSender, reporters: 12345 },
    });
    expect(reportedMessage(response, true).text.length).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
    const situations: Situation[] = ["not-junked", "allowed", "unknown"];
    const remedies: Remedy[] = [
      ...THREAT_ORDER.map((threat) => ({
        ...remedyOf(analyzeHeaders("")),
        situation: "threat" as const,
        threat,
      })),
      ...situations.map((situation) => ({
        ...remedyOf(analyzeHeaders("")),
        situation,
        threat: null,
      })),
    ];
    for (const remedy of remedies) {
      const text = notReportedMessage(remedy).text;
      expect(text.length, text).toBeLessThanOrEqual(NOTIFICATION_MAX_CHARS);
    }
  });
});
