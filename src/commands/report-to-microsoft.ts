import type { GraphTokenProvider } from "../api";
import { GRAPH_BASE_URL } from "../api";

/**
 * Tells Microsoft the message is not junk, as Outlook's own Report button does, and moves it to
 * the Inbox: Graph `POST /me/messages/{id}/reportMessage` with ReportAction "notJunk" (v1.0;
 * needs the delegated Mail.ReadWrite permission). Only run where the admin enabled it.
 */

export type MicrosoftReportResult =
  { ok: true } | { ok: false; reason: "no-token" | "not-found" | "failed"; message: string };

export async function reportNotJunkToMicrosoft(
  restItemId: string,
  tokens: GraphTokenProvider,
  options: { fetch?: typeof fetch; baseUrl?: string; signal?: AbortSignal } = {},
): Promise<MicrosoftReportResult> {
  let token: string;
  try {
    token = await tokens.getGraphToken();
  } catch (error) {
    return { ok: false, reason: "no-token", message: String(error) };
  }
  const url = `${options.baseUrl ?? GRAPH_BASE_URL}/me/messages/${encodeURIComponent(restItemId)}/reportMessage`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ IsMessageMoveRequested: true, ReportAction: "notJunk" }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    return { ok: false, reason: "failed", message: String(error) };
  }
  if (response.status === 404) return { ok: false, reason: "not-found", message: "404" };
  if (!response.ok) return { ok: false, reason: "failed", message: `HTTP ${response.status}` };
  return { ok: true };
}
