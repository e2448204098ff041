import { describe, expect, it, vi } from "vitest";
import { PENDING_SCOPES_KEY, runAuthDialog, type DialogMsal } from "../../src/auth-dialog/dialog";
import { authDialogResultSchema, scopeGroupsFor } from "../../src/api/dialog-auth";

/**
 * Issue 12 §3: the sign-in dialog page where nested app authentication is missing. Entra ID is
 * the edge: MSAL's standard client stands in with what it answers before and after the redirect.
 */

const config = { clientId: "app-1" };
const groups = scopeGroupsFor(config);
const search = `?scopes=${encodeURIComponent(JSON.stringify(groups))}`;

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe("the sign-in dialog", () => {
  it("redirects to Entra ID first, then hands every token it can get to the pane", async () => {
    const storage = memoryStorage();
    const sent: string[] = [];
    const account = { homeAccountId: "oid.tid" };
    const before: DialogMsal = {
      handleRedirectPromise: async () => null,
      loginRedirect: vi.fn(async () => undefined),
      acquireTokenSilent: vi.fn(),
    };
    await runAuthDialog({ msal: before, config, search, storage, send: (m) => sent.push(m) });
    expect(before.loginRedirect).toHaveBeenCalledWith({ scopes: ["api://app-1/Reports.Submit"] });
    expect(sent).toEqual([]);
    expect(JSON.parse(storage.getItem(PENDING_SCOPES_KEY) ?? "null")).toEqual(groups);

    const after: DialogMsal = {
      handleRedirectPromise: async () => ({
        accessToken: "api-token",
        account,
        expiresOn: new Date(2_000_000),
      }),
      loginRedirect: vi.fn(),
      acquireTokenSilent: vi.fn(async ({ scopes }: { scopes: string[] }) => {
        // Nobody consented to the write permissions yet.
        if (scopes[0]?.startsWith("Mail.ReadWrite")) throw new Error("consent_required");
        return {
          accessToken: `token ${scopes.join(" ")}`,
          account,
          expiresOn: new Date(3_000_000),
        };
      }),
    };
    await runAuthDialog({ msal: after, config, search: "", storage, send: (m) => sent.push(m) });
    const result = authDialogResultSchema.parse(JSON.parse(sent[0] ?? "null"));
    expect(result).toEqual({
      status: "success",
      account: "oid.tid",
      tokens: [
        { scopes: ["api://app-1/Reports.Submit"], accessToken: "api-token", expiresOn: 2_000_000 },
        { scopes: ["Mail.Read"], accessToken: "token Mail.Read", expiresOn: 3_000_000 },
        {
          scopes: ["Mail.Read.Shared"],
          accessToken: "token Mail.Read.Shared",
          expiresOn: 3_000_000,
        },
      ],
    });
    expect(storage.getItem(PENDING_SCOPES_KEY)).toBeNull();
  });

  it("refuses scopes Vouch does not use, and says so to the pane", async () => {
    const sent: string[] = [];
    const msal: DialogMsal = {
      handleRedirectPromise: async () => null,
      loginRedirect: vi.fn(),
      acquireTokenSilent: vi.fn(),
    };
    const evil = `?scopes=${encodeURIComponent(JSON.stringify([["Mail.Send"]]))}`;
    await runAuthDialog({
      msal,
      config,
      search: evil,
      storage: memoryStorage(),
      send: (m) => sent.push(m),
    });
    expect(msal.loginRedirect).not.toHaveBeenCalled();
    expect(JSON.parse(sent[0] ?? "null")).toMatchObject({ status: "failure" });
  });

  it("reports a failed sign-in instead of leaving the pane waiting", async () => {
    const sent: string[] = [];
    const msal: DialogMsal = {
      handleRedirectPromise: async () => {
        throw new Error("AADSTS50011: redirect URI mismatch");
      },
      loginRedirect: vi.fn(),
      acquireTokenSilent: vi.fn(),
    };
    await runAuthDialog({
      msal,
      config,
      search,
      storage: memoryStorage(),
      send: (m) => sent.push(m),
    });
    expect(JSON.parse(sent[0] ?? "null")).toEqual({
      status: "failure",
      message: "AADSTS50011: redirect URI mismatch",
    });
  });
});
