/**
 * Header blocks shaped like what Exchange Online stamps on a message that landed in Junk: a
 * Received chain, DKIM-Signature, Authentication-Results from the tenant's front end, the
 * anti-spam report and the mailbox delivery stamp. For the service tests and bench/ingest, which
 * need many distinct, realistic messages (samples/*.eml are used where the caller has them).
 */
export interface HeaderSketch {
  /** The From address. */
  from: string;
  /** With angle brackets. */
  messageId: string;
  dmarc?: "pass" | "fail" | "none" | "bestguesspass";
  /** The DKIM signing domain; defaults to the From domain. */
  dkimDomain?: string;
  dkim?: "pass" | "fail" | "none";
  spf?: "pass" | "fail" | "softfail" | "none";
  scl?: number;
  sfv?: string;
  cat?: string;
  subject?: string;
  /** Pads the block with further (older) Received hops and ARC headers to at least this many bytes. */
  minBytes?: number;
  /** authserv-id of the Authentication-Results header. */
  authservId?: string;
}

const CRLF = "\r\n";

function hop(index: number, date: Date): string {
  const ip = `10.${(index * 37) % 250}.${(index * 11) % 250}.${(index * 7) % 250}`;
  return (
    `Received: from relay${index}.mail.example.net (${ip}) by relay${index + 1}.mail.example.net${CRLF}` +
    ` (${ip}) with Microsoft SMTP Server (version=TLS1_2,${CRLF}` +
    ` cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.${7000 + index}.${index}; ${date.toUTCString().replace("GMT", "+0000")}`
  );
}

export function exchangeHeaders(sketch: HeaderSketch): string {
  const domain = sketch.from.slice(sketch.from.lastIndexOf("@") + 1).toLowerCase();
  const dkimDomain = sketch.dkimDomain ?? domain;
  const dmarc = sketch.dmarc ?? "pass";
  const dkim = sketch.dkim ?? "pass";
  const spf = sketch.spf ?? "pass";
  const scl = sketch.scl ?? 5;
  const sfv = sketch.sfv ?? "SPM";
  const cat = sketch.cat ?? "SPM";
  const authserv = sketch.authservId ?? "spf.protection.outlook.com";
  const date = new Date("2026-11-20T09:30:00Z");
  const stamp = (offsetSeconds: number) =>
    new Date(date.getTime() + offsetSeconds * 1000).toUTCString().replace("GMT", "+0000");
  const compauth = dmarc === "pass" ? "pass reason=100" : "fail reason=001";
  const lines = [
    `Received: from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::1) by${CRLF} DB9PR01MB5678.eurprd01.prod.exchangelabs.com with HTTPS; ${stamp(4)}`,
    `Received: from AM6P193CA0001.EURP193.PROD.OUTLOOK.COM (2603:10a6:209:8e::14) by${CRLF} AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::1) with${CRLF} Microsoft SMTP Server (version=TLS1_2,${CRLF} cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.19; ${stamp(3)}`,
    `Authentication-Results: ${authserv}; spf=${spf} (sender IP is 203.0.113.25)${CRLF} smtp.mailfrom=${domain}; dkim=${dkim} (signature was verified)${CRLF} header.d=${dkimDomain};dmarc=${dmarc} action=none${CRLF} header.from=${domain};compauth=${compauth}`,
    `Received-SPF: ${spf === "pass" ? "Pass" : "Fail"} (protection.outlook.com: domain of ${domain} designates${CRLF} 203.0.113.25 as permitted sender) receiver=protection.outlook.com;${CRLF} client-ip=203.0.113.25; helo=mail.${domain}; pr=C`,
    `Received: from mail.${domain} (203.0.113.25) by${CRLF} AM6P193CA0001.mail.protection.outlook.com (10.167.16.225) with Microsoft SMTP${CRLF} Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8207.14 via${CRLF} Frontend Transport; ${stamp(2)}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${dkimDomain}; s=selector1;${CRLF} h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;${CRLF} bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;${CRLF} b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgbG9va3MgbGlrZSBvbmUgZm9yIHRlc3Rz`,
    `From: "Sender" <${sketch.from}>`,
    `To: "Reader" <reader@fabrikam.example>`,
    `Subject: ${sketch.subject ?? "Your invoice for November"}`,
    `Date: ${stamp(0)}`,
    `Message-ID: ${sketch.messageId}`,
    `Content-Type: text/plain; charset="utf-8"`,
    `MIME-Version: 1.0`,
    `X-MS-Exchange-Organization-SCL: ${scl}`,
    `X-Forefront-Antispam-Report: CIP:203.0.113.25;CTRY:NL;LANG:en;SCL:${scl};SRV:;IPV:NLI;SFV:${sfv};${CRLF} H:mail.${domain};PTR:mail.${domain};CAT:${cat};SFS:(13230040)(4636009)(376014);DIR:INB;`,
    `X-Microsoft-Antispam: BCL:0;ARA:13230040|4636009|376014;`,
    `X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterPass;ENG:(910001)(944506478)(944626604)(920097)(930097);`,
  ];
  let block = lines.join(CRLF) + CRLF;
  // Real messages that crossed a few relays carry long Received chains and ARC sets; pad with
  // older hops (appended below the newest, as relays prepend) up to the size asked for.
  for (let index = 1; sketch.minBytes && block.length < sketch.minBytes; index++) {
    block += hop(index, new Date(date.getTime() - index * 1000)) + CRLF;
  }
  return block;
}
