import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../server/storage";
import {
  addCriticalSender,
  isCriticalSender,
  listCriticalSenders,
  removeCriticalSender,
  restoreCatalogueEntry,
  WatchListError,
} from "../../server/watch/senders";
import { watchDb } from "../../server/watch/schema";
import { openTestStore, type TestStore } from "../support/test-store";

const NOW = new Date("2026-12-04T09:00:00Z");

describe("the tenant's critical senders", () => {
  let opened: TestStore;
  let store: Store;

  beforeEach(async () => {
    opened = await openTestStore();
    store = opened.store;
  });
  afterEach(() => opened.cleanup());

  it("matches the catalogue until the tenant takes an entry off, and back on", async () => {
    expect(await isCriticalSender(store.db, "t1", "github.com")).toMatchObject({
      entryId: "github",
      source: "catalogue",
      authenticated: true,
    });
    await removeCriticalSender(store.db, "t1", "github", "admin-1", "we left GitHub", NOW);
    expect(await isCriticalSender(store.db, "t1", "github.com")).toBeNull();
    // Another tenant keeps it.
    expect(await isCriticalSender(store.db, "t2", "github.com")).not.toBeNull();
    await restoreCatalogueEntry(store.db, "t1", "github", "admin-1", NOW);
    expect(await isCriticalSender(store.db, "t1", "github.com")).not.toBeNull();
  });

  it("adds the tenant's own senders, canonical and validated, for that tenant only", async () => {
    const added = await addCriticalSender(
      store.db,
      "t1",
      { identity: " Alerts@Contoso-Bank.example.COM ", label: "Contoso Bank", note: "payments" },
      "admin-1",
      NOW,
    );
    expect(added).toMatchObject({ kind: "address", value: "alerts@contoso-bank.example.com" });
    const domain = await addCriticalSender(
      store.db,
      "t1",
      { identity: "auditor.example.org", label: "Auditors", subdomains: true },
      "admin-1",
      NOW,
    );
    expect(await isCriticalSender(store.db, "t1", "alerts@contoso-bank.example.com")).toMatchObject(
      { entryId: added.entryId, source: "tenant", label: "Contoso Bank", authenticated: true },
    );
    expect(await isCriticalSender(store.db, "t1", "mail.auditor.example.org")).toMatchObject({
      entryId: domain.entryId,
    });
    expect(await isCriticalSender(store.db, "t1", "unverified:auditor.example.org")).toMatchObject({
      entryId: domain.entryId,
      authenticated: false,
    });
    expect(await isCriticalSender(store.db, "t2", "auditor.example.org")).toBeNull();
    expect(await isCriticalSender(store.db, "t1", "other@contoso-bank.example.com")).toBeNull();

    const list = await listCriticalSenders(store.db, "t1");
    // By label: "Auditors" before "Contoso Bank".
    expect(list.filter((entry) => entry.source === "tenant").map((entry) => entry.value)).toEqual([
      "auditor.example.org",
      "alerts@contoso-bank.example.com",
    ]);
    expect(list.some((entry) => entry.entryId === "github" && entry.active)).toBe(true);

    await removeCriticalSender(store.db, "t1", domain.entryId, "admin-2", "contract ended", NOW);
    expect(await isCriticalSender(store.db, "t1", "auditor.example.org")).toBeNull();
    const audit = await watchDb(store.db)
      .selectFrom("watch_audit")
      .select(["action", "subject", "actor", "note"])
      .where("tenant_id", "=", "t1")
      .orderBy("at")
      .orderBy("action")
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          action: "sender-add",
          subject: "alerts@contoso-bank.example.com",
          actor: "admin-1",
          note: "payments",
        },
        {
          action: "sender-remove",
          subject: "auditor.example.org",
          actor: "admin-2",
          note: "contract ended",
        },
      ]),
    );
  });

  it("refuses look-alikes, whole free-mail domains, duplicates and unknown entries", async () => {
    const refusal = (identity: string) =>
      addCriticalSender(store.db, "t1", { identity, label: "X" }, "admin-1", NOW).then(
        () => null,
        (error: unknown) => (error instanceof WatchListError ? error.code : String(error)),
      );
    expect(await refusal("gmail.com")).toBe("identity-freemail-domain");
    expect(await refusal("g\u0456thub.com")).toMatch(/^identity-(look-alike|mixed-script)$/);
    expect(await refusal("10.0.0.1")).toBe("identity-ip-literal");
    expect(await refusal("bank.example.com")).toBeNull();
    expect(await refusal("BANK.example.com")).toBe("duplicate");
    await expect(
      addCriticalSender(store.db, "t1", { identity: "x.example.com", label: " " }, "a", NOW),
    ).rejects.toMatchObject({ code: "label-missing" });
    await expect(
      removeCriticalSender(store.db, "t1", "own:nope", "a", "", NOW),
    ).rejects.toMatchObject({ status: 404 });
    await expect(removeCriticalSender(store.db, "t1", "nope", "a", "", NOW)).rejects.toMatchObject({
      status: 404,
    });
  });
});
