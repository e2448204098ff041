/**
 * The gateway exports: Mimecast's Add Group Member request for the Permitted Senders profile
 * group and Proofpoint Essentials' Safe Sender List, each never broader than the decision and
 * quoted by the exports' one text policy.
 */
import { describe, expect, it } from "vitest";
import { exportProposals } from "../../server/exports";
import {
  mimecastExport,
  MIMECAST_API,
  MIMECAST_GROUP_PLACEHOLDER,
} from "../../server/exports/gateway-mimecast";
import { PROOFPOINT_MARKER, proofpointExport } from "../../server/exports/gateway-proofpoint";
import { exportText } from "../../server/exports/safe-text";
import { ExportError } from "../../server/exports/types";
import { GENERATED, opts, proposal, spoofPair } from "./exports-support";

const address = proposal({
  id: "p2",
  senderKey: "billing@fabrikam.example",
  entry: { type: "sender", kind: "address", value: "Billing@Fabrikam.example" },
});

interface MimecastFile {
  schema: string;
  howTo: string[];
  sources: string[];
  withheld: { id: string; reason: string }[];
  request: { data: Record<string, string>[] };
}

/** The entries of a Proofpoint file: the lines after the marker. */
function proofpointEntries(text: string): string[] {
  const lines = text.split("\r\n").filter((line) => line !== "");
  return lines.slice(lines.indexOf(PROOFPOINT_MARKER) + 1);
}

describe("Mimecast", () => {
  it("writes the Add Group Member request: a domain, an address, the decision as notes", () => {
    const file = JSON.parse(
      mimecastExport([proposal(), address], GENERATED, false),
    ) as MimecastFile;
    expect(file.schema).toBe("vouch.gateway-export/1");
    expect(file.request.data).toEqual([
      {
        id: MIMECAST_GROUP_PLACEHOLDER,
        domain: "azure.example",
        notes: "Vouch p1: Azure notices (approved by admin@contoso at 2026-11-27T10:00:00.000Z)",
      },
      {
        id: MIMECAST_GROUP_PLACEHOLDER,
        emailAddress: "billing@fabrikam.example",
        notes: expect.stringContaining("Vouch p2: "),
      },
    ]);
    expect(file.howTo.join(" ")).toContain(MIMECAST_API);
    expect(file.sources.join(" ")).toContain("Add Group Member");
  });

  it("offers it through the export formats, named for the gateway", () => {
    const file = exportProposals("mimecast", [proposal()], {
      ...opts,
      single: true,
      baseName: "vouch-p1",
    });
    expect(file.fileName).toBe("vouch-p1-mimecast.json");
    expect(file.contentType).toContain("application/json");
  });
});

describe("Proofpoint", () => {
  it("writes one entry per line after the marker: a domain as *@domain, never *@*.", () => {
    const text = proofpointExport([proposal(), address], GENERATED, false);
    expect(proofpointEntries(text)).toEqual(["*@azure.example", "billing@fabrikam.example"]);
    expect(text).not.toContain("*@*.");
    // Every line before the marker is a note, so nothing but the entries can be pasted by mistake.
    const before = text.split("\r\n").slice(0, text.split("\r\n").indexOf(PROOFPOINT_MARKER));
    expect(before.every((line) => line.startsWith("# "))).toBe(true);
    expect(text).toContain("How to edit Safe and Blocked Sender Lists");
    const file = exportProposals("proofpoint", [proposal()], {
      ...opts,
      single: true,
      baseName: "vouch-p1",
    });
    expect(file.fileName).toBe("vouch-p1-proofpoint.txt");
  });
});

describe("never broader than the decision", () => {
  const pair = spoofPair(
    "billing@vendor.example",
    { kind: "ip24", value: "203.0.113.0/24" },
    { id: "pair" },
  );

  it("withholds a spoofed-sender pair: a gateway list cannot bind a sender to its infrastructure", () => {
    const file = JSON.parse(mimecastExport([pair, proposal()], GENERATED, false)) as MimecastFile;
    expect(file.request.data.map((d) => d.domain ?? d.emailAddress)).toEqual(["azure.example"]);
    expect(file.withheld).toEqual([
      { id: "pair", reason: expect.stringContaining("spoofed-sender pair") },
    ]);
    const text = proofpointExport([pair, proposal()], GENERATED, false);
    expect(proofpointEntries(text)).toEqual(["*@azure.example"]);
    expect(text).toMatch(/^# Skipped pair: A spoofed-sender pair/m);
    expect(() => proofpointExport([pair], GENERATED, true)).toThrow(
      expect.objectContaining({ code: "cannot-express" }),
    );
  });

  it("exports only standing approvals, and says so when there is none", () => {
    const revoked = proposal({ status: "revoked" });
    expect(() => mimecastExport([revoked], GENERATED, false)).toThrow(ExportError);
    expect(() => proofpointExport([proposal({ status: "open" })], GENERATED, false)).toThrow(
      expect.objectContaining({ code: "nothing-to-export" }),
    );
  });
});

describe("hostile values", () => {
  const hostileNote = 'ok", "domain": "evil.example"}, {"id": "x\u202E\r\n*@evil.example\u200B';
  const hostile = proposal({
    id: "p1",
    decision: { by: "admin@contoso", at: "2026-11-27T10:00:00.000Z", note: hostileNote },
  });

  it("Mimecast: a note cannot add a member or a field, and is written visibly", () => {
    const file = JSON.parse(mimecastExport([hostile], GENERATED, false)) as MimecastFile;
    expect(file.request.data).toHaveLength(1);
    expect(Object.keys(file.request.data[0]!).sort()).toEqual(["domain", "id", "notes"]);
    expect(file.request.data[0]!.domain).toBe("azure.example");
    expect(file.request.data[0]!.notes).toContain("<U+202E>");
    expect(file.request.data[0]!.notes).toBe(exportText(file.request.data[0]!.notes ?? ""));
  });

  it("Proofpoint: a note cannot start a line, so it can never become an entry", () => {
    const text = proofpointExport([hostile], GENERATED, false);
    expect(proofpointEntries(text)).toEqual(["*@azure.example"]);
    expect(
      text
        .split("\r\n")
        .filter((line) => line.includes("evil.example"))
        .every((l) => l.startsWith("# ")),
    ).toBe(true);
  });

  it("withholds entries that failed the identity check, in both formats", () => {
    const forged = proposal({
      id: "bad",
      entry: { type: "sender", kind: "domain", value: "p\u0430ypal.com" },
    });
    expect(() => mimecastExport([forged], GENERATED, true)).toThrow(
      expect.objectContaining({ code: "cannot-express" }),
    );
    expect(proofpointEntries(proofpointExport([forged, proposal()], GENERATED, false))).toEqual([
      "*@azure.example",
    ]);
  });
});
