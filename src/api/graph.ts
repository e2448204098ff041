import { z } from "zod";
import type { GraphTokenProvider } from "./auth";

export const GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

const headersResponseSchema = z.object({
  internetMessageHeaders: z
    .array(z.object({ name: z.string(), value: z.string() }))
    .nullable()
    .optional(),
});

export type GraphHeadersResult =
  | { ok: true; text: string }
  | { ok: false; reason: "no-token" | "not-found" | "no-headers" | "failed"; message: string };

/**
 * The fallback when Office.js gives no usable headers: the message's internetMessageHeaders
 * from Microsoft Graph, rebuilt into a header block the analysis reads.
 */
export async function fetchGraphHeaders(
  restItemId: string,
  tokens: GraphTokenProvider,
  options: { fetch?: typeof fetch; baseUrl?: string } = {},
): Promise<GraphHeadersResult> {
  let token: string;
  try {
    token = await tokens.getGraphToken();
  } catch (error) {
    return { ok: false, reason: "no-token", message: String(error) };
  }
  const url = `${options.baseUrl ?? GRAPH_BASE_URL}/me/messages/${encodeURIComponent(restItemId)}?$select=internetMessageHeaders`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    return { ok: false, reason: "failed", message: String(error) };
  }
  if (response.status === 404) return { ok: false, reason: "not-found", message: "404" };
  if (!response.ok) return { ok: false, reason: "failed", message: `HTTP ${response.status}` };
  const body = headersResponseSchema.safeParse(await response.json().catch(() => null));
  const headers = body.success ? (body.data.internetMessageHeaders ?? []) : [];
  if (headers.length === 0) return { ok: false, reason: "no-headers", message: "none" };
  return { ok: true, text: headers.map(({ name, value }) => `${name}: ${value}`).join("\r\n") };
}
