import { afterEach, describe, expect, it } from "vitest";
import { runtimeConfigSchema, RUNTIME_CONFIG_PATH } from "../../src/api/runtime-config";
import { call, startTestService, type TestService } from "../support/service";

/** The sign-in settings a page reads before anyone has signed in. */
let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe(`GET ${RUNTIME_CONFIG_PATH}`, () => {
  it("tells the pages to use the development sign-in, without a token", async () => {
    service = await startTestService();
    const answer = await call(`${service.url}${RUNTIME_CONFIG_PATH}`);
    expect(answer.status).toBe(200);
    const config = runtimeConfigSchema.parse(answer.json);
    expect(config.auth).toBe("dev");
    expect(config.clientId).toBe(service.config.auth.clientId);
  });

  it("gives Entra ID's client id when the service validates Entra tokens", async () => {
    service = await startTestService({
      VOUCH_AUTH: "entra",
      VOUCH_ENTRA_CLIENT_ID: "6f1d5c7e-1111-4222-8333-944455556666",
      VOUCH_ENTRA_TENANTS: "0b6a4a7d-aaaa-4bbb-8ccc-1dddeeeeffff",
    });
    const config = runtimeConfigSchema.parse(
      (await call(`${service.url}${RUNTIME_CONFIG_PATH}`)).json,
    );
    expect(config).toEqual({
      auth: "entra",
      clientId: "6f1d5c7e-1111-4222-8333-944455556666",
      apiBaseUrl: "",
      // One tenant: its own authority, never "common" (issue 12 §3).
      authority: "https://login.microsoftonline.com/0b6a4a7d-aaaa-4bbb-8ccc-1dddeeeeffff",
    });
  });

  it("signs in at 'organizations' for several tenants, on the issuer's cloud", async () => {
    service = await startTestService({
      VOUCH_AUTH: "entra",
      VOUCH_ENTRA_CLIENT_ID: "6f1d5c7e-1111-4222-8333-944455556666",
      VOUCH_ENTRA_TENANTS:
        "0b6a4a7d-aaaa-4bbb-8ccc-1dddeeeeffff,1c7b5b8e-aaaa-4bbb-8ccc-1dddeeeeffff",
      VOUCH_ENTRA_ISSUER: "https://login.microsoftonline.us/{tid}/v2.0",
    });
    const config = runtimeConfigSchema.parse(
      (await call(`${service.url}${RUNTIME_CONFIG_PATH}`)).json,
    );
    expect(config.authority).toBe("https://login.microsoftonline.us/organizations");
  });
});
