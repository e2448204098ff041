import { useCallback, useEffect, useState } from "react";
import type { VouchApi, ApiError } from "../api/client";
import type { ReportKind, ReportResponse, SenderStatus } from "../api/contract";
import type { ReportQueue, SubmitOutcome } from "../api/retry-queue";
import type { MailGraph, RescueOutcome } from "../api/graph";
import type { ItemMailbox } from "../office/host";

export type ReportState =
  | { phase: "idle" }
  | { phase: "sending"; kind: ReportKind }
  | { phase: "sent"; response: ReportResponse }
  | { phase: "queued"; kind: ReportKind }
  | { phase: "failed"; message: string; queueKey: string | null }
  | { phase: "retracting"; response: ReportResponse }
  | { phase: "retracted" }
  | { phase: "retract-failed"; response: ReportResponse };

export type ColleagueState =
  | { phase: "signed-out" }
  | { phase: "loading" }
  | { phase: "ready"; status: SenderStatus | null }
  | { phase: "unavailable" };

export interface ReportServices {
  api: VouchApi | null;
  queue: ReportQueue | null;
  /** Takes a message out of Junk through Graph; null where Graph cannot be reached. */
  rescue?: MailGraph["rescue"] | null;
}

/** The item a report is about: where Graph finds it, and whose mailbox it is in. */
export interface ReportTarget {
  restItemId: string | null;
  mailbox: ItemMailbox;
}

/** After a "Not spam": whether the message left Junk, or the person must move it. */
export type RescueState =
  | { phase: "idle" }
  | { phase: "moving" }
  | { phase: "moved"; via: "report-to-microsoft" | "move" }
  | { phase: "manual"; shared: boolean };

export function errorText(error: ApiError): string {
  switch (error.kind) {
    case "http":
      return error.message || `HTTP ${error.status}`;
    case "auth":
    case "network":
    case "invalid-response":
      return error.message;
    case "offline":
      return "offline";
    case "timeout":
      return "timeout";
  }
}

/** Whether the retract button may still be offered: until `retractableUntil`. */
export function useRetractable(response: ReportResponse | null): boolean {
  const until = response?.retractableUntil ? Date.parse(response.retractableUntil) : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const left = until - Date.now();
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(left + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [until]);
  return until !== null && until > now;
}

/**
 * The report of the open message and the colleagues' count: what was sent, what waits in the
 * queue, and what the service says about the sender.
 */
export function useReport(
  services: ReportServices,
  internetMessageId: string | null,
  headers: string,
  target: ReportTarget = { restItemId: null, mailbox: { kind: "own" } },
) {
  const { api, queue } = services;
  const rescueVia = services.rescue ?? null;
  const [report, setReport] = useState<ReportState>({ phase: "idle" });
  const [rescue, setRescue] = useState<RescueState>({ phase: "idle" });
  const [colleagues, setColleagues] = useState<ColleagueState>(
    api ? { phase: "loading" } : { phase: "signed-out" },
  );

  const refreshStatus = useCallback(async () => {
    if (!api || !internetMessageId) {
      setColleagues(api ? { phase: "ready", status: null } : { phase: "signed-out" });
      return;
    }
    const result = await api.senderStatus({ internetMessageId });
    if (result.ok) setColleagues({ phase: "ready", status: result.value });
    else if (result.error.kind === "http" && result.error.status === 404) {
      setColleagues({ phase: "ready", status: null });
    } else setColleagues({ phase: "unavailable" });
  }, [api, internetMessageId]);

  // A new message: forget the last one's report, look in the queue, ask the service.
  useEffect(() => {
    let current = true;
    setReport({ phase: "idle" });
    setRescue({ phase: "idle" });
    setColleagues(api ? { phase: "loading" } : { phase: "signed-out" });
    void refreshStatus();
    if (queue && internetMessageId) {
      queue.entryFor(internetMessageId).then(
        (entry) => {
          if (!current || !entry) return;
          setReport(
            entry.status === "pending"
              ? { phase: "queued", kind: entry.request.kind }
              : {
                  phase: "failed",
                  message: entry.lastError ? errorText(entry.lastError) : "",
                  queueKey: entry.key,
                },
          );
        },
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [api, queue, internetMessageId, refreshStatus]);

  // A queued report sent later (timer, back online, another runtime): show it as sent.
  useEffect(() => {
    if (!queue || !internetMessageId) return;
    return queue.subscribe((event) => {
      if (event.type === "sent" && event.internetMessageId === internetMessageId) {
        setReport({ phase: "sent", response: event.response });
        setColleagues({ phase: "ready", status: event.response.sender });
      } else if (event.type === "failed" && event.internetMessageId === internetMessageId) {
        setReport({ phase: "failed", message: errorText(event.error), queueKey: event.key });
      }
    });
  }, [queue, internetMessageId]);

  const applyOutcome = useCallback((kind: ReportKind, outcome: SubmitOutcome) => {
    if (outcome.state === "sent") {
      setReport({ phase: "sent", response: outcome.response });
      setColleagues({ phase: "ready", status: outcome.response.sender });
    } else if (outcome.state === "queued") setReport({ phase: "queued", kind });
    else setReport({ phase: "failed", message: errorText(outcome.error), queueKey: null });
  }, []);

  /**
   * A kept "Not spam" takes the message out of Junk, as Outlook's own Not junk does: through
   * Graph where the tenant consented (rescueFromJunk), else the pane says how to move it.
   */
  const outOfJunk = useCallback(async () => {
    const shared = target.mailbox.kind === "shared";
    if (!rescueVia) {
      setRescue({ phase: "manual", shared });
      return;
    }
    setRescue({ phase: "moving" });
    const me = api ? await api.me() : null;
    const tellMicrosoft = me?.ok === true && me.value.reportToMicrosoft;
    const outcome: RescueOutcome = await rescueVia(
      target.restItemId,
      target.mailbox.kind === "shared"
        ? { kind: "shared", owner: target.mailbox.owner }
        : { kind: "own" },
      tellMicrosoft,
    ).catch((error: unknown) => ({
      moved: false as const,
      reason: "failed" as const,
      detail: String(error),
    }));
    setRescue(outcome.moved ? { phase: "moved", via: outcome.via } : { phase: "manual", shared });
  }, [api, rescueVia, target.restItemId, target.mailbox]);

  const submit = useCallback(
    async (kind: ReportKind, comment: string) => {
      if (!api || !internetMessageId) return;
      setReport({ phase: "sending", kind });
      const request = {
        internetMessageId,
        headers,
        kind,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        // The service counts a shared mailbox as its own only once it has checked the claim.
        ...(target.mailbox.kind === "shared" ? { mailbox: target.mailbox.owner } : {}),
      };
      let outcome: SubmitOutcome;
      if (queue) {
        outcome = await queue.submit(request);
        // A final refusal is shown here; the queue need not keep it.
        if (outcome.state === "failed") {
          const entry = await queue.entryFor(internetMessageId);
          if (entry) queue.dismiss(entry.key);
        }
      } else {
        const result = await api.submitReport(request);
        outcome = result.ok
          ? { state: "sent", response: result.value }
          : { state: "failed", error: result.error };
      }
      applyOutcome(kind, outcome);
      if (kind === "not-spam" && outcome.state !== "failed") await outOfJunk();
    },
    [api, queue, internetMessageId, headers, applyOutcome, target.mailbox, outOfJunk],
  );

  const retract = useCallback(async () => {
    if (!api || report.phase !== "sent") return;
    const response = report.response;
    setReport({ phase: "retracting", response });
    const result = await api.retractReport(response.id);
    if (result.ok) {
      setReport({ phase: "retracted" });
      void refreshStatus();
    } else setReport({ phase: "retract-failed", response });
  }, [api, report, refreshStatus]);

  const dismiss = useCallback(() => {
    if (report.phase === "failed" && report.queueKey && queue) queue.dismiss(report.queueKey);
    setReport({ phase: "idle" });
  }, [report, queue]);

  return { report, colleagues, rescue, submit, retract, dismiss };
}
