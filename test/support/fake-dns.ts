/**
 * A real DNS server on loopback for the live-fact tests and the reputation benchmark (dns2's
 * UDP server): answers from a zone given as data, NXDOMAIN for names it does not hold, and on
 * request a malformed answer, SERVFAIL or no answer at all (a name that never answers).
 *
 *   const dns = await startFakeDns({ "contoso.test": [{ type: "TXT", data: "v=spf1 -all" }] });
 *   dns.server       // "127.0.0.1:PORT", for VOUCH_DNS_SERVERS
 *   dns.queries      // every question asked, "TXT contoso.test"
 */
import dns2 from "dns2";
import type { RemoteInfo } from "node:dgram";

export type FakeRecord =
  | { type: "A" | "AAAA"; address: string; ttl?: number }
  | { type: "TXT"; data: string | string[]; ttl?: number }
  | { type: "MX"; exchange: string; priority: number; ttl?: number }
  | { type: "PTR"; domain: string; ttl?: number }
  /** Answer bytes that are not a DNS message. */
  | { type: "MALFORMED" }
  | { type: "SERVFAIL" }
  /** Never answer: the resolver times out. */
  | { type: "SILENT" };

export type FakeZone = Record<string, FakeRecord[]>;

export interface FakeDns {
  server: string;
  port: number;
  queries: string[];
  zone: FakeZone;
  close(): Promise<void>;
}

const { Packet } = dns2;
const TYPE_NAMES = new Map<number, string>(
  Object.entries(Packet.TYPE).map(([name, code]) => [code as number, name]),
);
const SPECIAL = new Set(["MALFORMED", "SERVFAIL", "SILENT"]);

interface Question {
  name: string;
  type: number;
}
interface Response {
  header: { rcode: number; aa?: number };
  answers: Record<string, unknown>[];
}

export async function startFakeDns(zone: FakeZone): Promise<FakeDns> {
  const queries: string[] = [];
  const server = dns2.createUDPServer((request, send, rinfo: RemoteInfo) => {
    const [question] = request.questions as unknown as Question[];
    if (!question) return;
    const name = question.name.toLowerCase().replace(/\.$/, "");
    const type = TYPE_NAMES.get(question.type) ?? String(question.type);
    queries.push(`${type} ${name}`);
    const records = zone[name];
    const special = records?.find((record) => SPECIAL.has(record.type));
    if (special?.type === "SILENT") return;
    if (special?.type === "MALFORMED") {
      // A header that claims answers the message does not carry.
      const bytes = Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 7, 0x63, 0x6f]);
      bytes.writeUInt16BE(Number((request.header as { id: unknown }).id), 0);
      server.send(bytes, rinfo.port, rinfo.address);
      return;
    }
    const response = Packet.createResponseFromRequest(request) as unknown as Response;
    if (special?.type === "SERVFAIL") response.header.rcode = 2;
    else if (!records) response.header.rcode = 3;
    else {
      for (const record of records) {
        if (record.type !== type) continue;
        const {
          type: _type,
          ttl = 300,
          ...data
        } = record as Exclude<FakeRecord, { type: "MALFORMED" | "SERVFAIL" | "SILENT" }>;
        response.answers.push({
          name: question.name,
          type: question.type,
          class: Packet.CLASS.IN,
          ttl,
          ...data,
        });
      }
    }
    send(response as never);
  });
  await server.listen(0, "127.0.0.1");
  const { port } = server.address();
  return {
    server: `127.0.0.1:${port}`,
    port,
    queries,
    zone,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
