import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RecordReportInput, Store } from "../../server/storage";
import { expectedEvidence } from "../support/expected-evidence";
import { analysisFor, openTestStore, type TestStore } from "../support/test-store";

/**
 * Random sequences of reports, retries, retractions (by the reporter and by others) and reports
 * after a retraction, checked after every sequence against aggregates recomputed from scratch.
 * Each run uses its own tenant, which also shows that tenants never leak into each other's counts.
 */

let testStore: TestStore;
let store: Store;
beforeAll(async () => {
  testStore = await openTestStore();
  store = testStore.store;
});
afterAll(() => testStore.cleanup());

const USERS = ["ann", "ben", "cat", "dan"];
const SENDERS = ["one.example", "two.example", "x@gmail.com"];
const MAILBOXES = [null, "shared@contoso.com", "SHARED@contoso.com ", "team@contoso.com"];
const FINDINGS = ["scl-junk", "constructor", "bulk"];

type Command =
  | {
      type: "record";
      user: number;
      message: number;
      trusted: boolean;
      mailbox: number;
      verified: boolean;
      day: number;
      findings: boolean[];
    }
  | { type: "retract"; byOther: boolean; user: number; message: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant("record" as const),
      user: fc.nat(USERS.length - 1),
      message: fc.nat(7),
      trusted: fc.boolean(),
      mailbox: fc.nat(MAILBOXES.length - 1),
      verified: fc.boolean(),
      day: fc.nat(27),
      findings: fc.array(fc.boolean(), { minLength: FINDINGS.length, maxLength: FINDINGS.length }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("retract" as const),
      byOther: fc.nat(9).map((draw) => draw < 2),
      user: fc.nat(USERS.length - 1),
      message: fc.nat(7),
    }),
  },
);

function inputOf(
  tenantId: string,
  command: Extract<Command, { type: "record" }>,
): RecordReportInput {
  const sender = SENDERS[command.message % SENDERS.length]!;
  const from = sender.includes("@") ? sender : `news@${sender}`;
  return {
    tenantId,
    reporterId: USERS[command.user]!,
    internetMessageId: `<${command.message}@model>`,
    kind: command.trusted ? "trusted-sender" : "not-spam",
    mailbox: MAILBOXES[command.mailbox],
    mailboxVerified: command.verified,
    rawHeaders: `From: ${from}\r\n`,
    analysis: analysisFor({
      from,
      dmarc: command.message === 7 ? undefined : "pass",
      findings: FINDINGS.filter((_, index) => command.findings[index]),
    }),
    now: new Date(Date.UTC(2026, 1, 1 + command.day)),
  };
}

let run = 0;

it("matches a from-scratch recount after any sequence of reports and retractions", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 40 }), async (commands) => {
      const tenantId = `model-${run++}`;
      const reports = new Map<
        string,
        { id: string; input: RecordReportInput; retracted: boolean }
      >();
      for (const command of commands) {
        const pair = `${command.user}|${command.message}`;
        if (command.type === "record") {
          const input = inputOf(tenantId, command);
          const result = await store.reports.record(input);
          const known = reports.get(pair);
          // A report after a retraction counts again, as the report now made.
          expect(result.outcome).toBe(known && !known.retracted ? "duplicate" : "created");
          if (known) expect(result.report.id).toBe(known.id);
          if (!known || known.retracted) {
            reports.set(pair, { id: result.report.id, input, retracted: false });
          }
        } else {
          const target = reports.get(pair);
          const by = command.byOther ? (command.user + 1) % USERS.length : command.user;
          const result = await store.reports.retract(
            tenantId,
            USERS[by]!,
            target?.id ?? "missing",
            { windowMs: 365 * 86_400_000, now: new Date(Date.UTC(2026, 2, 1)) },
          );
          if (!target) expect(result.outcome).toBe("not-found");
          else if (command.byOther) expect(result.outcome).toBe("not-yours");
          else {
            expect(result.outcome).toBe("retracted");
            target.retracted = true;
          }
        }
      }
      const active = [...reports.values()]
        .filter((report) => !report.retracted)
        .map((report) => report.input);
      const page = await store.senders.list(tenantId, { limit: 500 });
      const actual = page.items
        .map((item) => ({
          ...item,
          signals: { ...item.signals },
          signalPeople: { ...item.signalPeople },
        }))
        .sort((a, b) => a.senderKey.localeCompare(b.senderKey));
      expect(actual).toEqual(expectedEvidence(tenantId, active));
    }),
    { numRuns: 60 },
  );
}, 180_000);
