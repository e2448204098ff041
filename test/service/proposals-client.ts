/**
 * A small client for the proposal tests: reports through the real API, admin calls with a
 * development token, and the sample header blocks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestService } from "../support/service";

export const SAMPLES_DIR = join(import.meta.dirname, "../../samples");

/** The header block of a sample (everything before the first empty line). */
export function sampleHeaders(id: string): string {
  const text = readFileSync(join(SAMPLES_DIR, `${id}.eml`), "utf8");
  const end = text.search(/\r?\n\r?\n/);
  return end >= 0 ? text.slice(0, end + 2) : text;
}

/**
 * The headers with `internetMessageId` as their Message-ID, as the message a person reports
 * carries it (the service refuses a report whose id is not the headers' own).
 */
export function withMessageId(headers: string, internetMessageId: string): string {
  const field = /^Message-ID:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im;
  return field.test(headers)
    ? headers.replace(field, () => `Message-ID: ${internetMessageId}`)
    : headers;
}

export interface Who {
  tenant: string;
  user: string;
  admin?: boolean;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly service: TestService) {}

  async token(who: Who): Promise<string> {
    const key = `${who.tenant}/${who.user}/${who.admin ? 1 : 0}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = await this.service.token({ ...who, admin: who.admin ?? false });
      this.tokens.set(key, token);
    }
    return token;
  }

  async call(
    who: Who,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: () => unknown; text: string; headers: Headers }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(who)}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      headers: response.headers,
      json: () => JSON.parse(text),
    };
  }

  /** One person reports one message (carrying `internetMessageId`); returns the report id. */
  async report(
    who: Who,
    headers: string,
    internetMessageId: string,
    options: { kind?: "not-spam" | "trusted-sender"; mailbox?: string } = {},
  ): Promise<string> {
    const result = await this.call(who, "POST", "/api/v1/reports", {
      internetMessageId,
      headers: withMessageId(headers, internetMessageId),
      kind: options.kind ?? "not-spam",
      ...(options.mailbox ? { mailbox: options.mailbox } : {}),
    });
    if (result.status !== 201 && result.status !== 200) {
      throw new Error(`report failed: ${result.status} ${result.text}`);
    }
    return (result.json() as { id: string }).id;
  }

  /** `count` distinct people of `tenant` report the same message. */
  async crowd(tenant: string, headers: string, messageId: string, count: number, from = 0) {
    for (let index = from; index < from + count; index++) {
      await this.report({ tenant, user: `person${index}` }, headers, messageId);
    }
  }
}
