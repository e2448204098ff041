import type { z } from "zod";
import {
  ADMIN_PATHS,
  auditPageSchema,
  CONFIRMED_ACTIONS,
  decisionResultSchema,
  insightsResponseSchema,
  proposalDetailSchema,
  proposalPageSchema,
  statsResponseSchema,
  tenantSettingsDtoSchema,
  type AdminProposalStatus,
  type AuditPage,
  type DecisionActionDto,
  type DecisionResultDto,
  type ExportFormatDto,
  type InsightsResponse,
  type ProposalDetail,
  type ProposalPage,
  type StatsResponse,
  type TenantSettingsDto,
} from "../api/admin-contract";
import type { TokenProvider } from "../api/auth";
import { meResponseSchema, type MeResponse } from "../api/contract";

/** A failed admin call, with the service's own message when it gave one. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export interface DownloadedFile {
  fileName: string;
  blob: Blob;
}

/** The admin console's typed calls to the service; every answer is checked against its schema. */
export class AdminClient {
  constructor(
    private readonly tokens: TokenProvider,
    private readonly baseUrl = "",
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.tokens.getToken();
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: string;
        message?: string;
      } | null;
      throw new AdminApiError(
        response.status,
        body?.error ?? "http-error",
        body?.message ?? `The service answered ${response.status}.`,
      );
    }
    return response;
  }

  /** One call whose answer is checked against `schema` (the feature views use it too). */
  async json<S extends z.ZodType>(schema: S, path: string, init?: RequestInit) {
    const response = await this.request(path, init);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new AdminApiError(0, "invalid-response", "The service gave an unreadable answer.");
    return parsed.data as z.output<S>;
  }

  me(): Promise<MeResponse> {
    return this.json(meResponseSchema, "/api/v1/me");
  }

  proposals(options: {
    status?: AdminProposalStatus;
    limit?: number;
    offset?: number;
  }): Promise<ProposalPage> {
    const query = new URLSearchParams();
    if (options.status) query.set("status", options.status);
    query.set("limit", String(options.limit ?? 50));
    query.set("offset", String(options.offset ?? 0));
    return this.json(proposalPageSchema, `${ADMIN_PATHS.proposals}?${query.toString()}`);
  }

  proposal(id: string): Promise<ProposalDetail> {
    return this.json(proposalDetailSchema, ADMIN_PATHS.proposal(id));
  }

  /** Reject and revoke are sent only from the console's confirmation dialog: `confirm` says so. */
  decide(id: string, action: DecisionActionDto, note: string): Promise<DecisionResultDto> {
    const confirm = CONFIRMED_ACTIONS.includes(action);
    return this.json(decisionResultSchema, ADMIN_PATHS.decide(id, action), {
      method: "POST",
      body: JSON.stringify(confirm ? { note, confirm } : { note }),
    });
  }

  settings(): Promise<TenantSettingsDto> {
    return this.json(tenantSettingsDtoSchema, ADMIN_PATHS.settings);
  }

  saveSettings(patch: Partial<TenantSettingsDto>): Promise<TenantSettingsDto> {
    return this.json(tenantSettingsDtoSchema, ADMIN_PATHS.settings, {
      method: "PUT",
      body: JSON.stringify(patch),
    });
  }

  async download(path: string): Promise<DownloadedFile> {
    const response = await this.request(path);
    const disposition = response.headers.get("content-disposition") ?? "";
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "vouch-export.txt";
    return { fileName, blob: await response.blob() };
  }

  exportOne(id: string, format: ExportFormatDto): Promise<DownloadedFile> {
    return this.download(ADMIN_PATHS.exportOne(id, format));
  }

  exportAll(format: ExportFormatDto): Promise<DownloadedFile> {
    return this.download(ADMIN_PATHS.exportAll(format));
  }

  insights(): Promise<InsightsResponse> {
    return this.json(insightsResponseSchema, ADMIN_PATHS.insights);
  }

  audit(limit = 100): Promise<AuditPage> {
    return this.json(auditPageSchema, `${ADMIN_PATHS.audit}?limit=${limit}`);
  }

  stats(days = 30): Promise<StatsResponse> {
    return this.json(statsResponseSchema, `${ADMIN_PATHS.stats}?days=${days}`);
  }
}

/** Saves a downloaded file the way a browser does for a link with `download`. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A POST with a JSON body, for `AdminClient.json`. */
export const postJson = (body: unknown = {}): RequestInit => ({
  method: "POST",
  body: JSON.stringify(body),
});
