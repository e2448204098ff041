import { z } from "zod";

/** What a page needs to know to sign in: which auth, which app registration. */
export const runtimeConfigSchema = z.object({
  auth: z.enum(["dev", "entra"]),
  /** The API's application (client) id; NAA asks for api://{clientId}/Reports.Submit. */
  clientId: z.string().min(1),
  apiBaseUrl: z.string().default(""),
  /**
   * The Entra ID authority to sign in at: the tenant's own when the service serves one tenant
   * (single-tenant registrations must not use "common"), else "organizations".
   */
  authority: z.string().url().optional(),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export const RUNTIME_CONFIG_PATH = "/api/v1/client-config";

/**
 * Reads `<meta name="vouch-auth">`, `<meta name="vouch-client-id">` and
 * `<meta name="vouch-api-base">` when the page carries them (a deployment can template them
 * in), else asks the service at RUNTIME_CONFIG_PATH.
 */
export async function loadRuntimeConfig(
  doc: Document = document,
  doFetch: typeof fetch = fetch,
): Promise<RuntimeConfig | null> {
  const meta = (name: string) =>
    doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
  const fromMeta = runtimeConfigSchema.safeParse({
    auth: meta("vouch-auth"),
    clientId: meta("vouch-client-id"),
    apiBaseUrl: meta("vouch-api-base"),
    authority: meta("vouch-authority"),
  });
  if (fromMeta.success) return fromMeta.data;
  try {
    const response = await doFetch(RUNTIME_CONFIG_PATH);
    if (!response.ok) return null;
    const parsed = runtimeConfigSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
