/**
 * Writes samples/*.eml and samples/catalog.json: realistic Exchange Online header blocks built
 * from Microsoft's documented header formats (../shared/reference/platform-facts.md §4). Invented
 * parties use documentation domains and addresses (example.*, 192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24); signatures and Microsoft's opaque blobs are seeded pseudo-random base64, so
 * the output is the same on every run. Run: node samples/generate.mjs
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "");

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX = "0123456789abcdef";
const pick = (rnd, s) => s[Math.floor(rnd() * s.length)];
const blob = (rnd, n) => Array.from({ length: n }, () => pick(rnd, B64)).join("");
const hex = (rnd, n) => Array.from({ length: n }, () => pick(rnd, HEX)).join("");
const guid = (rnd) =>
  `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-${pick(rnd, "89ab")}${hex(rnd, 3)}-${hex(rnd, 12)}`;
const upper = (rnd, n) =>
  Array.from({ length: n }, () => pick(rnd, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")).join("");

/** Folds a long token-less value into lines of `width`, continuation with a tab. */
/** The ARC set Exchange Online adds to mail that passed SPF, DKIM and DMARC for `domain`. */
function exchangeOnlineArcSet(rnd, domain) {
  return [
    `ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
    `ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\r\n s=arcselector10001;\r\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1;\r\n bh=${blob(rnd, 43)}=;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
    `ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass\r\n smtp.mailfrom=${domain}; dmarc=pass action=none\r\n header.from=${domain}; dkim=pass header.d=${domain}; arc=none`,
  ];
}

function foldBlob(text, width = 76) {
  const lines = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join("\r\n\t");
}
/** Folds at "; " boundaries. */
function foldAt(text, sep = " ", width = 78) {
  const parts = text.split(sep);
  const lines = [];
  let line = "";
  for (const part of parts) {
    const candidate = line.length === 0 ? part : `${line}${sep}${part}`;
    if (candidate.length > width && line.length > 0) {
      lines.push(line + (sep === " " ? "" : sep.trimEnd()));
      line = part;
    } else line = candidate;
  }
  lines.push(line);
  return lines.join("\r\n ");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n, w = 2) => String(n).padStart(w, "0");
function rfcDate(ms, offsetMinutes = 0, zoneName = "") {
  const d = new Date(ms + offsetMinutes * 60000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}${zoneName ? ` (${zoneName})` : ""}`;
}
function msDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}0 (UTC)`;
}

const TLS12 =
  "with Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)";
const TLS13 = "with Microsoft SMTP Server (version=TLS1_3,\r\n cipher=TLS_AES_256_GCM_SHA384)";

/**
 * Builds one header block. `s` describes the sample; times are seconds after s.sentAt.
 */
function build(s) {
  const rnd = prng(s.seed);
  const t = (seconds) => s.sentAt + seconds * 1000;
  const tenantId = guid(rnd);
  const netId = guid(rnd);
  const corrId = netId;
  const mbx1 = `SA1PR11MB${8000 + Math.floor(rnd() * 999)}`;
  const mbx2 = `DM6PR11MB${4000 + Math.floor(rnd() * 999)}`;
  const fe = `BN9PR03CA0${700 + Math.floor(rnd() * 99)}`;
  const eop = `BN1PEPF0000${4600 + Math.floor(rnd() * 99)}`;
  const v6 = () =>
    `2603:10b6:${hex(rnd, 3).replace(/^0+/, "") || "5"}:${hex(rnd, 2).replace(/^0+/, "") || "1a"}::${hex(rnd, 2).replace(/^0+/, "") || "6"}`;
  const _mbx1ip = v6(); // drawn so the seeded output stays stable
  const mbx2ip = v6();
  const feip = v6();
  const eopip = `2603:10b6:408:13f:cafe::${hex(rnd, 2)}`;
  const arrive = s.arriveAfter; // seconds after sentAt when EOP receives it
  const lines = [];
  const h = (name, value) => lines.push(`${name}: ${value}`);

  h(
    "Received",
    `from ${mbx2}.namprd11.prod.outlook.com (${mbx2ip}) by\r\n ${mbx1}.namprd11.prod.outlook.com with HTTPS; ${rfcDate(t(arrive + 3))}`,
  );
  h(
    "Received",
    `from ${fe}.namprd03.prod.outlook.com (${feip}) by\r\n ${mbx2}.namprd11.prod.outlook.com (${mbx2ip}) ${TLS12} id 15.20.8182.20; ${rfcDate(t(arrive + 2))}`,
  );
  h(
    "Received",
    `from ${eop}.namprd03.prod.outlook.com\r\n (${eopip}) by ${fe}.outlook.office365.com\r\n (${feip}) ${TLS13} id 15.20.8182.19 via Frontend\r\n Transport; ${rfcDate(t(arrive + 1))}`,
  );
  h("Authentication-Results", foldAt(s.authResults, " ", 76));
  h("Received-SPF", foldAt(s.receivedSpf, " ", 76));
  h(
    "Received",
    `from ${s.edge.helo} (${s.edge.ip}) by\r\n ${eop}.mail.protection.outlook.com (10.167.243.${10 + Math.floor(rnd() * 200)}) ${TLS13} id 15.20.8182.16 via Frontend Transport; ${rfcDate(t(arrive))}`,
  );
  for (const extra of s.arcHeaders ? s.arcHeaders(rnd, t) : []) lines.push(extra);
  for (const hop of s.senderHops) {
    const [text, seconds, offset, zone] = hop;
    h("Received", `${text}; ${rfcDate(t(seconds), offset ?? 0, zone ?? "")}`);
  }
  for (const extra of s.senderHeaders ? s.senderHeaders(rnd, t) : []) lines.push(extra);
  if (s.dkim) {
    for (const sig of s.dkim) {
      h(
        "DKIM-Signature",
        `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${sig.d};\r\n s=${sig.s}; t=${Math.floor(s.sentAt / 1000)}; h=${sig.h ?? "From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck"};\r\n bh=${blob(rnd, 43)}=;\r\n b=${foldBlob(blob(rnd, 342) + "==", 70)}`,
      );
    }
  }
  for (const [name, value] of s.messageHeaders) h(name, value);
  h(
    "Content-Type",
    s.contentType ?? `multipart/alternative;\r\n boundary="_000_${upper(rnd, 28)}_"`,
  );
  h("MIME-Version", "1.0");
  h("Return-Path", s.returnPath);
  h("X-MS-Exchange-Organization-ExpirationStartTime", msDate(t(arrive)));
  h("X-MS-Exchange-Organization-ExpirationStartTimeReason", "OriginalSubmit");
  h("X-MS-Exchange-Organization-ExpirationInterval", "1:00:00:00.0000000");
  h("X-MS-Exchange-Organization-ExpirationIntervalReason", "OriginalSubmit");
  h("X-MS-Exchange-Organization-Network-Message-Id", netId);
  h("X-EOPAttributedMessage", "0");
  h("X-EOPTenantAttributedMessage", `${tenantId}:0`);
  h("X-MS-Exchange-Organization-MessageDirectionality", "Incoming");
  h("X-MS-PublicTrafficType", "Email");
  h("X-MS-TrafficTypeDiagnostic", `${eop}:EE_|${mbx2}:EE_|${mbx1}:EE_`);
  h("X-MS-Exchange-Organization-AuthSource", `${eop}.namprd03.prod.outlook.com`);
  h("X-MS-Exchange-Organization-AuthAs", "Anonymous");
  h("X-MS-Office365-Filtering-Correlation-Id", corrId);
  for (const extra of s.preStampHeaders ?? []) lines.push(extra);
  h("X-MS-Exchange-Organization-SCL", String(s.scl));
  const sfs = Array.from(
    { length: 14 },
    () =>
      `(${[13230040, 4636009, 376014, 1800799024, 69100299015, 8096899003, 2066899003, 7093399012, 13003099007, 61400799027, 82310400026, 43022699015, 35042699022, 4076899003][Math.floor(rnd() * 14)]})`,
  ).join("");
  h(
    "X-Microsoft-Antispam",
    foldAt(
      `BCL:${s.bcl};ARA:13230040|4636009|376014|1800799024|69100299015|8096899003|2066899003|7093399012|13003099007;`,
      "|",
      76,
    ),
  );
  const ff =
    [
      `CIP:${s.edge.ip}`,
      `CTRY:${s.country}`,
      `LANG:${s.lang}`,
      `SCL:${s.scl}`,
      `SRV:${s.srv ?? ""}`,
      `IPV:${s.ipv ?? "NLI"}`,
      `SFV:${s.sfv}`,
      `H:${s.edge.helo}`,
      `PTR:${s.edge.ptr ?? ""}`,
      `CAT:${s.cat}`,
      `SFS:${sfs}`,
      ...(s.sfty ? [`SFTY:${s.sfty}`] : []),
      `DIR:INB`,
    ].join(";") + ";";
  h("X-Forefront-Antispam-Report", foldAt(ff, ";", 76));
  for (const extra of s.postStampHeaders ?? []) lines.push(extra);
  h("X-MS-Exchange-CrossTenant-OriginalArrivalTime", msDate(t(arrive)));
  h("X-MS-Exchange-CrossTenant-FromEntityHeader", "Internet");
  h("X-MS-Exchange-CrossTenant-Id", tenantId);
  h("X-MS-Exchange-CrossTenant-Network-Message-Id", netId);
  h("X-MS-Exchange-CrossTenant-AuthSource", `${eop}.namprd03.prod.outlook.com`);
  h("X-MS-Exchange-CrossTenant-AuthAs", "Anonymous");
  h("X-MS-Exchange-Transport-CrossTenantHeadersStamped", mbx2);
  h(
    "X-MS-Exchange-Transport-EndToEndLatency",
    `00:00:0${Math.floor(rnd() * 9)}.${Math.floor(rnd() * 9000000 + 1000000)}`,
  );
  h("X-MS-Exchange-Processed-By-BccFoldering", "15.20.8182.016");
  h("X-Microsoft-Antispam-Mailbox-Delivery", foldAt(s.mailboxDelivery, ";", 76));
  h("X-Microsoft-Antispam-Message-Info", foldBlob(blob(rnd, s.infoLength ?? 2600), 76));
  h("X-MS-Exchange-AntiSpam-MessageData-ChunkCount", "1");
  h("X-MS-Exchange-AntiSpam-MessageData-0", foldBlob(blob(rnd, s.dataLength ?? 1900), 76));
  return lines.join("\r\n") + "\r\n\r\n";
}

const samples = [];
function add(meta, spec) {
  const text = build(spec);
  writeFileSync(`${OUT}/${meta.id}.eml`, text);
  samples.push({ id: meta.id, file: `${meta.id}.eml`, title: meta.title, story: meta.story });
  console.log(meta.id, text.length);
}

// 1. Microsoft 365 junked Azure's own mail.
{
  const sentAt = Date.UTC(2026, 10, 17, 8, 13, 58);
  add(
    {
      id: "azure-service-notice",
      title: "Microsoft Azure service notice in Junk",
      story:
        "Azure's own service notice, from azure-noreply@microsoft.com, passed SPF, DKIM, DMARC and composite authentication (compauth=pass reason=100), yet Microsoft 365's content filter stamped it SFV:SPM, SCL 5 and the mailbox put it in Junk. A fully authenticated sender junked by the content filter: the classic false positive, for the admin to submit and allow.",
    },
    {
      seed: 101,
      sentAt,
      arriveAfter: 6,
      edge: {
        helo: "NAM11-DM6-obe.outbound.protection.outlook.com",
        ip: "40.107.212.82",
        ptr: "mail-dm6nam11on2082.outbound.protection.outlook.com",
      },
      authResults:
        "spf=pass (sender IP is 40.107.212.82) smtp.mailfrom=microsoft.com; dkim=pass (signature was verified) header.d=microsoft.com;dmarc=pass action=none header.from=microsoft.com;compauth=pass reason=100",
      receivedSpf:
        "Pass (protection.outlook.com: domain of microsoft.com designates 40.107.212.82 as permitted sender) receiver=protection.outlook.com; client-ip=40.107.212.82; helo=NAM11-DM6-obe.outbound.protection.outlook.com; pr=C",
      arcHeaders: (rnd) => exchangeOnlineArcSet(rnd, "microsoft.com"),
      senderHops: [
        [
          "from azurecomm-notify-wus2-07.westus2.cloudapp.azure.com (20.98.146.31) by\r\n PH7PR21MB3263.namprd21.prod.outlook.com (2603:10b6:510:1d4::12) with\r\n Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.5",
          0,
        ],
        [
          "from PH7PR21MB3263.namprd21.prod.outlook.com (2603:10b6:510:1d4::12) by\r\n DM4PR21MB3561.namprd21.prod.outlook.com (2603:10b6:8:a4::19) with\r\n Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.5",
          2,
        ],
      ].reverse(),
      dkim: [{ d: "microsoft.com", s: "selector2" }],
      messageHeaders: [
        ["From", "Microsoft Azure <azure-noreply@microsoft.com>"],
        ["To", "Dana Lee <dana.lee@example.com>"],
        [
          "Subject",
          "Action required: Transition to TLS 1.2 or later for Azure Storage by\r\n 1 February 2027",
        ],
        [
          "Thread-Topic",
          "Action required: Transition to TLS 1.2 or later for Azure Storage by\r\n 1 February 2027",
        ],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", "<e1f0c7a2-5b9d-4c61-9a3e-7d2f8b4c6a10@az.westus2.microsoft.com>"],
        ["Accept-Language", "en-US"],
        ["Content-Language", "en-US"],
        ["X-MS-Has-Attach", ""],
        ["X-MS-TNEF-Correlator", ""],
        ["msip_labels", ""],
      ],
      returnPath: "azure-noreply@microsoft.com",
      preStampHeaders: [
        "X-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:PH7PR21MB3263.namprd21.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(376014)(1800799024)(4053099003);DIR:OUT;SFP:1102;",
        "X-Microsoft-Antispam-Untrusted: BCL:0;ARA:13230040|376014|1800799024|4053099003;",
      ],
      scl: 5,
      bcl: 0,
      sfv: "SPM",
      cat: "SPM",
      country: "US",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 2300,
      dataLength: 2300,
    },
  );
}

// 2. A vendor invoice through a third-party mailer: compauth=fail reason=001.
{
  const sentAt = Date.UTC(2026, 10, 18, 13, 41, 9);
  add(
    {
      id: "vendor-invoice-compauth",
      title: "Vendor invoice sent through a mailing service",
      story:
        "Northwind's invoice went out through a third-party mailing service: SPF passed for the mailer's bounce domain and DKIM was signed by the mailer, neither aligned with northwind.example, which publishes no DMARC policy. Microsoft's composite authentication failed it implicitly (compauth=fail reason=001) and it landed in Junk with SCL 5. The sender's IT can fix it by signing with its own domain.",
    },
    {
      seed: 202,
      sentAt,
      arriveAfter: 14,
      edge: {
        helo: "mta-07.mailer.example.net",
        ip: "198.51.100.24",
        ptr: "mta-07.mailer.example.net",
      },
      authResults:
        "spf=pass (sender IP is 198.51.100.24) smtp.mailfrom=em1234.mailer.example.net; dkim=pass (signature was verified) header.d=mailer.example.net;dmarc=none action=none header.from=northwind.example;compauth=fail reason=001",
      receivedSpf:
        "Pass (protection.outlook.com: domain of em1234.mailer.example.net designates 198.51.100.24 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.24; helo=mta-07.mailer.example.net; pr=C",
      senderHops: [
        [
          "from [10.42.7.19] (app-billing-3.internal.northwind.example [10.42.7.19])\r\n by mta-07.mailer.example.net (Postfix) with ESMTPSA id 4ZkQ1p3Wm7z9sXv\r\n for <dana.lee@example.com>",
          0,
          60,
          "CET",
        ],
        [
          "from mta-07.mailer.example.net (localhost [127.0.0.1])\r\n by mta-07.mailer.example.net (Postfix) with ESMTP id 4ZkQ1q0bTfz9sY2\r\n for <dana.lee@example.com>",
          3,
          60,
          "CET",
        ],
      ].reverse(),
      dkim: [
        {
          d: "mailer.example.net",
          s: "s1",
          h: "from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:feedback-id",
        },
      ],
      messageHeaders: [
        ["From", "Northwind Traders Accounts <accounts@northwind.example>"],
        ["Reply-To", "Northwind Billing <billing@northwind.example>"],
        ["To", "dana.lee@example.com"],
        ["Subject", "=?utf-8?Q?Invoice_INV-2026-1142_=E2=80=93_payment_due_30_November?="],
        ["Date", rfcDate(sentAt, 60)],
        ["Message-ID", "<20261118134109.4ZkQ1p3Wm7z9sXv@mta-07.mailer.example.net>"],
        ["Feedback-ID", "1234:northwind-billing:mailer.example.net"],
        ["X-Mailer-Campaign", "transactional-invoice"],
        ["X-Mailer-RecptId", "em1234-8812-ab12-77c1"],
      ],
      contentType: 'multipart/mixed; boundary="b1_7f3e91c4a0d2"',
      returnPath: "bounces+8812-ab12-dana.lee=example.com@em1234.mailer.example.net",
      scl: 5,
      bcl: 3,
      sfv: "SPM",
      cat: "SPM",
      country: "NL",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3300,
      dataLength: 2600,
    },
  );
}

// 3. A bulk newsletter: BCL 7, SRV:BULK, SCL 6.
{
  const sentAt = Date.UTC(2026, 10, 19, 6, 0, 12);
  add(
    {
      id: "bulk-newsletter",
      title: "Authenticated newsletter treated as bulk",
      story:
        "A weekly newsletter from news.example.org, sent through an email service provider, passed SPF, DKIM and DMARC. Its bulk complaint level is 7, the default policy's threshold, so Microsoft stamped SRV:BULK, SCL 6 and the mailbox put it in Junk. The admin can raise the bulk threshold or allow the sender; the reader can also just unsubscribe.",
    },
    {
      seed: 303,
      sentAt,
      arriveAfter: 41,
      edge: { helo: "o12.esp.example.net", ip: "203.0.113.12", ptr: "o12.esp.example.net" },
      authResults:
        "spf=pass (sender IP is 203.0.113.12) smtp.mailfrom=bounce.news.example.org; dkim=pass (signature was verified) header.d=news.example.org;dkim=pass (signature was verified) header.d=esp.example.net;dmarc=pass action=none header.from=news.example.org;compauth=pass reason=100",
      receivedSpf:
        "Pass (protection.outlook.com: domain of bounce.news.example.org designates 203.0.113.12 as permitted sender) receiver=protection.outlook.com; client-ip=203.0.113.12; helo=o12.esp.example.net; pr=C",
      senderHops: [
        [
          "from campaign-worker-5 (unknown) by geopod-ismtpd-3 (SG) with HTTP id\r\n 3fT0vYbZQ2qLw8mR1uN5cA",
          0,
        ],
        [
          "from geopod-ismtpd-3 (unknown) by o12.esp.example.net (SG) with ESMTP id\r\n ZQb9cT4eS4Ww3nC1xP0k8g",
          1,
        ],
      ].reverse(),
      dkim: [
        {
          d: "news.example.org",
          s: "s1",
          h: "from:subject:list-unsubscribe:list-unsubscribe-post:mime-version:to:content-type",
        },
        {
          d: "esp.example.net",
          s: "smtpapi",
          h: "from:subject:list-unsubscribe:list-unsubscribe-post:mime-version:to:content-type:feedback-id",
        },
      ],
      messageHeaders: [
        ["From", "Contoso Weekly <newsletter@news.example.org>"],
        ["To", "dana.lee@example.com"],
        ["Subject", "This week: 12 tools for remote teams, and a look back at 2026"],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", "<ZQb9cT4eS4Ww3nC1xP0k8g@geopod-ismtpd-3>"],
        [
          "List-Unsubscribe",
          "<https://news.example.org/u/9f2c1a7e>,\r\n <mailto:unsubscribe@news.example.org?subject=9f2c1a7e>",
        ],
        ["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"],
        ["List-Id", "Contoso Weekly <weekly.news.example.org>"],
        ["Precedence", "bulk"],
        ["Feedback-ID", "weekly:contoso:esp"],
      ],
      contentType: 'multipart/alternative; boundary="c0a1f2e3d4b5"',
      returnPath: "bounces+2231@bounce.news.example.org",
      scl: 6,
      bcl: 7,
      srv: "BULK",
      sfv: "SPM",
      cat: "BULK",
      country: "US",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3100,
      dataLength: 2500,
    },
  );
}

// 4. Not spam by the filter, moved to Junk by the user's own settings.
{
  const sentAt = Date.UTC(2026, 10, 20, 15, 22, 40);
  add(
    {
      id: "user-settings-nspm",
      title: "A partner's reply moved to Junk by the user's own settings",
      story:
        "A reply from a colleague at a partner company passed every check and Microsoft's filter said not spam (SFV:NSPM, SCL 1), yet the mailbox delivered it to Junk (dest:J): the recipient's own Junk settings (safe lists only) or one of their inbox rules moved it. Only the user can fix that, by adding the sender to Safe Senders or changing the setting.",
    },
    {
      seed: 404,
      sentAt,
      arriveAfter: 4,
      edge: {
        helo: "EUR05-AM6-obe.outbound.protection.outlook.com",
        ip: "40.107.22.97",
        ptr: "mail-am6eur05on2097.outbound.protection.outlook.com",
      },
      authResults:
        "spf=pass (sender IP is 40.107.22.97) smtp.mailfrom=fabrikam.example; dkim=pass (signature was verified) header.d=fabrikam.example;dmarc=pass action=none header.from=fabrikam.example;compauth=pass reason=100",
      receivedSpf:
        "Pass (protection.outlook.com: domain of fabrikam.example designates 40.107.22.97 as permitted sender) receiver=protection.outlook.com; client-ip=40.107.22.97; helo=EUR05-AM6-obe.outbound.protection.outlook.com; pr=C",
      arcHeaders: (rnd) => exchangeOnlineArcSet(rnd, "fabrikam.example"),
      senderHops: [
        [
          "from DB9PR08MB7164.eurprd08.prod.outlook.com (2603:10a6:10:2b3::17) by\r\n AS8PR08MB9504.eurprd08.prod.outlook.com (2603:10a6:20b:60e::8) with\r\n Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8207.7",
          1,
        ],
        [
          "from DB9PR08MB7164.eurprd08.prod.outlook.com ([fe80::1c44:7e2a:9b0d:3f51]) by\r\n DB9PR08MB7164.eurprd08.prod.outlook.com ([fe80::1c44:7e2a:9b0d:3f51%5]) with\r\n mapi id 15.20.8207.007",
          0,
        ],
      ],
      dkim: [{ d: "fabrikam.example", s: "selector1" }],
      messageHeaders: [
        ["From", "Priya Raman <priya.raman@fabrikam.example>"],
        ["To", "Dana Lee <dana.lee@example.com>"],
        ["CC", "Jonas Berg <jonas.berg@fabrikam.example>"],
        ["Subject", "RE: Q1 delivery schedule and the revised statement of work"],
        ["Thread-Topic", "Q1 delivery schedule and the revised statement of work"],
        ["Thread-Index", "AQHbOq1c4f2aVh3uGkS9r0b1n7Xw5bK0Yd3g"],
        ["Date", rfcDate(sentAt)],
        [
          "Message-ID",
          "<DB9PR08MB71641C5E0A2F3B9D7E8C4A21B3F02@DB9PR08MB7164.eurprd08.prod.outlook.com>",
        ],
        [
          "References",
          "<SA1PR11MB8350E4A1C2B7D9F0A3E5C6B8D1F44@SA1PR11MB8350.namprd11.prod.outlook.com>",
        ],
        [
          "In-Reply-To",
          "<SA1PR11MB8350E4A1C2B7D9F0A3E5C6B8D1F44@SA1PR11MB8350.namprd11.prod.outlook.com>",
        ],
        ["Accept-Language", "en-GB, en-US"],
        ["Content-Language", "en-GB"],
      ],
      returnPath: "priya.raman@fabrikam.example",
      scl: 1,
      bcl: 0,
      sfv: "NSPM",
      cat: "NONE",
      country: "NL",
      lang: "en",
      mailboxDelivery:
        "ucf:1;jmr:0;auth:1;dest:J;OFR:TrustedListsOnly;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 2400,
      dataLength: 2400,
    },
  );
}

// 5. Phishing with domain impersonation.
{
  const sentAt = Date.UTC(2026, 10, 21, 9, 5, 31);
  add(
    {
      id: "phishing-impersonation",
      title: "Payment request from a look-alike of a partner's domain",
      story:
        "A payment-change request from ap@fabrikarn.example, a look-alike of the partner fabrikam.example ('rn' for 'm'). Microsoft flagged domain impersonation (SFTY:9.19, CAT:DIMP); SPF failed, DMARC failed with action=quarantine and compauth=fail reason=000. Nothing vouches for the sender: do not trust it, and nobody should allow it.",
    },
    {
      seed: 505,
      sentAt,
      arriveAfter: 9,
      edge: { helo: "mail.fabrikarn.example", ip: "203.0.113.77", ptr: "" },
      authResults:
        "spf=fail (sender IP is 203.0.113.77) smtp.mailfrom=fabrikarn.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=fabrikarn.example;compauth=fail reason=000",
      receivedSpf:
        "Fail (protection.outlook.com: domain of fabrikarn.example does not designate 203.0.113.77 as permitted sender) receiver=protection.outlook.com; client-ip=203.0.113.77; helo=mail.fabrikarn.example;",
      senderHops: [
        [
          "from [192.0.2.200] (helo=WIN-4PD2Q8R1L0K)\r\n by mail.fabrikarn.example with esmtpa (Exim 4.98)\r\n (envelope-from <ap@fabrikarn.example>)\r\n id 1tQv7A-0003Kd-2M\r\n for dana.lee@example.com",
          0,
          0,
          "",
        ],
      ],
      messageHeaders: [
        ["From", '"Fabrikam Accounts Payable" <ap@fabrikarn.example>'],
        ["Reply-To", "ap.fabrikam.payments@freemail.example"],
        ["To", "dana.lee@example.com"],
        ["Subject", "URGENT: updated bank details for outstanding invoices"],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", "<1tQv7A-0003Kd-2M@mail.fabrikarn.example>"],
        ["X-Priority", "1 (Highest)"],
        ["Importance", "High"],
        ["X-Mailer", "Microsoft Outlook 16.0"],
      ],
      returnPath: "ap@fabrikarn.example",
      scl: 5,
      bcl: 0,
      sfv: "SPM",
      cat: "DIMP",
      sfty: "9.19",
      country: "ZZ",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3500,
      dataLength: 3000,
    },
  );
}

// 6. A forged Authentication-Results under the real one.
{
  const sentAt = Date.UTC(2026, 10, 22, 18, 47, 2);
  add(
    {
      id: "forged-auth-results",
      title: "A message that writes its own 'all checks passed'",
      story:
        "Exchange Online's Authentication-Results on top says spf=softfail, dkim=none, dmarc=fail for woodgrovebank.example. Further down, the sender wrote its own Authentication-Results from 'mx.woodgrovebank.example' claiming dkim=pass, spf=pass and dmarc=pass. Only the topmost header counts; the forged one is reported and ignored.",
    },
    {
      seed: 606,
      sentAt,
      arriveAfter: 5,
      edge: {
        helo: "smtp.relay-198.example.net",
        ip: "198.51.100.198",
        ptr: "host-198.relay-198.example.net",
      },
      authResults:
        "spf=softfail (sender IP is 198.51.100.198) smtp.mailfrom=woodgrovebank.example; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=woodgrovebank.example;compauth=fail reason=000",
      receivedSpf:
        "SoftFail (protection.outlook.com: domain of transitioning woodgrovebank.example discourages use of 198.51.100.198 as permitted sender)",
      senderHops: [
        [
          "from localhost (unknown [192.0.2.41]) by smtp.relay-198.example.net\r\n (Postfix) with ESMTP id 8C3F12A04B7",
          0,
          -300,
          "EST",
        ],
      ],
      senderHeaders: () => [
        "Authentication-Results: mx.woodgrovebank.example;\r\n dkim=pass header.d=woodgrovebank.example header.s=sel1;\r\n spf=pass smtp.mailfrom=woodgrovebank.example;\r\n dmarc=pass (p=REJECT) header.from=woodgrovebank.example",
        "X-Verified-By: Woodgrove Secure Mail Gateway",
      ],
      messageHeaders: [
        ["From", "Woodgrove Bank Security <security@woodgrovebank.example>"],
        ["To", "dana.lee@example.com"],
        ["Subject", "Unusual sign-in to your Woodgrove online banking"],
        ["Date", rfcDate(sentAt, -300)],
        ["Message-ID", "<8C3F12A04B7.1764UTC@smtp.relay-198.example.net>"],
      ],
      contentType: 'text/html; charset="utf-8"',
      returnPath: "security@woodgrovebank.example",
      scl: 5,
      bcl: 0,
      sfv: "SPM",
      cat: "SPOOF",
      country: "US",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3700,
      dataLength: 3000,
    },
  );
}

// 7. The user's own Blocked Senders.
{
  const sentAt = Date.UTC(2026, 10, 23, 11, 30, 0);
  add(
    {
      id: "blocked-sender",
      title: "Event invitation from a sender the user once blocked",
      story:
        "An authenticated invitation from events@litware.example went to Junk with SFV:BLK: the sender is on the recipient's own Blocked Senders list in Outlook. Filtering was skipped; no policy or allowlist is involved. Only the user can undo it, by removing the sender from Blocked Senders.",
    },
    {
      seed: 707,
      sentAt,
      arriveAfter: 7,
      edge: { helo: "mx-out-2.litware.example", ip: "192.0.2.57", ptr: "mx-out-2.litware.example" },
      authResults:
        "spf=pass (sender IP is 192.0.2.57) smtp.mailfrom=litware.example; dkim=pass (signature was verified) header.d=litware.example;dmarc=pass action=none header.from=litware.example;compauth=pass reason=100",
      receivedSpf:
        "Pass (protection.outlook.com: domain of litware.example designates 192.0.2.57 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.57; helo=mx-out-2.litware.example; pr=C",
      senderHops: [
        [
          "from events-app-1.litware.example (events-app-1.litware.example [10.8.0.21])\r\n by mx-out-2.litware.example (Postfix) with ESMTPS id 4ZmB8k1Hq2z1xTq\r\n for <dana.lee@example.com>",
          0,
        ],
      ],
      dkim: [
        {
          d: "litware.example",
          s: "2026a",
          h: "from:to:subject:date:message-id:mime-version:content-type",
        },
      ],
      messageHeaders: [
        ["From", "Litware Events <events@litware.example>"],
        ["To", "dana.lee@example.com"],
        ["Subject", "You're invited: Litware Partner Summit, 12 March 2027"],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", "<4ZmB8k1Hq2z1xTq.invite-8841@events-app-1.litware.example>"],
        ["List-Unsubscribe", "<https://events.litware.example/unsubscribe?u=8841>"],
      ],
      returnPath: "bounce-8841@litware.example",
      scl: 6,
      bcl: 2,
      sfv: "BLK",
      cat: "SPM",
      country: "US",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3200,
      dataLength: 2600,
    },
  );
}

// 8. Hostile display text: the UI must render it inert.
{
  const sentAt = Date.UTC(2026, 10, 24, 2, 14, 55);
  const hostileName = Buffer.from("<img src=x onerror=alert(1)>", "utf8").toString("base64");
  add(
    {
      id: "hostile-display",
      title: "Markup and javascript: links in the sender's name, subject and links",
      story:
        "The subject and the From display name carry <img src=x onerror=alert(1)> (the name as an encoded word), the Reply-To name and List-Unsubscribe carry javascript: URLs. Every place that shows these values must show them as text and never as markup or a link.",
    },
    {
      seed: 808,
      sentAt,
      arriveAfter: 12,
      edge: { helo: "parcel.example", ip: "203.0.113.9", ptr: "" },
      authResults:
        "spf=none (sender IP is 203.0.113.9) smtp.mailfrom=parcel.example; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=parcel.example;compauth=fail reason=001",
      receivedSpf:
        "None (protection.outlook.com: parcel.example does not designate permitted sender hosts)",
      senderHops: [["from parcel.example (unknown [203.0.113.9]) by parcel.example with SMTP", 0]],
      messageHeaders: [
        ["From", `=?utf-8?B?${hostileName}?= <notify@parcel.example>`],
        ["Reply-To", '"javascript:alert(document.domain)" <reply@parcel.example>'],
        ["To", "dana.lee@example.com"],
        ["Subject", "Your parcel <img src=x onerror=alert(1)> is waiting"],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", '<"><script>alert(1)</script>@parcel.example>'],
        ["List-Unsubscribe", "<javascript:alert(document.cookie)>"],
      ],
      contentType: 'text/html; charset="utf-8"',
      returnPath: "notify@parcel.example",
      scl: 5,
      bcl: 1,
      sfv: "SPM",
      cat: "SPM",
      country: "ZZ",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3700,
      dataLength: 3100,
    },
  );
}

// 9. A mailing list broke DKIM; a trusted ARC sealer rescued it (compauth reason 130).
{
  const sentAt = Date.UTC(2026, 10, 25, 16, 8, 44);
  add(
    {
      id: "mailing-list-arc",
      title: "Mailing-list post rescued by a trusted ARC seal",
      story:
        "A colleague's post to the dev-discuss list at lists.example.org: the list added a subject tag and a footer, so fabrikam.example's DKIM signature broke and DMARC failed on arrival. The list sealed the message with ARC, the organisation trusts that sealer, and Microsoft passed it (compauth=pass reason=130) into the Inbox. Nothing to allow: this is what trusted ARC sealers are for.",
    },
    {
      seed: 909,
      sentAt,
      arriveAfter: 95,
      edge: { helo: "mail.lists.example.org", ip: "192.0.2.33", ptr: "mail.lists.example.org" },
      authResults:
        "spf=pass (sender IP is 192.0.2.33) smtp.mailfrom=lists.example.org; dkim=fail (body hash did not verify) header.d=fabrikam.example;dmarc=fail action=none header.from=fabrikam.example;compauth=pass reason=130",
      receivedSpf:
        "Pass (protection.outlook.com: domain of lists.example.org designates 192.0.2.33 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.33; helo=mail.lists.example.org; pr=C",
      arcHeaders: (rnd) => [
        `ARC-Seal: i=2; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=pass;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
        `ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\r\n s=arcselector10001;\r\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0;\r\n bh=${blob(rnd, 43)}=;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
        "ARC-Authentication-Results: i=2; mx.microsoft.com 1; spf=pass (sender ip is\r\n 192.0.2.33) smtp.rcpttodomain=example.com smtp.mailfrom=lists.example.org;\r\n dmarc=fail (p=quarantine sp=quarantine pct=100) action=none\r\n header.from=fabrikam.example; dkim=fail (body hash did not verify)\r\n header.d=fabrikam.example; arc=pass (0 oda=1 ltdi=1\r\n spf=[1,1,smtp.mailfrom=fabrikam.example] dkim=[1,1,header.d=fabrikam.example]\r\n dmarc=[1,1,header.from=fabrikam.example])",
        `ARC-Seal: i=1; a=rsa-sha256; t=${Math.floor(sentAt / 1000) + 90}; cv=none; d=lists.example.org;\r\n s=arc-2026;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
        `ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org;\r\n s=arc-2026; t=${Math.floor(sentAt / 1000) + 90};\r\n h=from:to:subject:date:message-id:list-id:list-post:list-unsubscribe;\r\n bh=${blob(rnd, 43)}=;\r\n b=${foldBlob(blob(rnd, 340) + "==", 70)}`,
        "ARC-Authentication-Results: i=1; lists.example.org;\r\n dkim=pass header.d=fabrikam.example header.s=selector1 header.b=Qx7Lm2Pa;\r\n spf=pass (lists.example.org: domain of alex.chen@fabrikam.example designates\r\n 40.107.22.61 as permitted sender) smtp.mailfrom=alex.chen@fabrikam.example;\r\n dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=fabrikam.example",
      ],
      senderHops: [
        [
          "from mail.lists.example.org (localhost [127.0.0.1])\r\n by mail.lists.example.org (Postfix) with ESMTP id 4ZnT0m2Rk8z3wQp\r\n for <dana.lee@example.com>",
          92,
        ],
        [
          "from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2061.outbound.protection.outlook.com [40.107.22.61])\r\n by mail.lists.example.org (Postfix) with ESMTPS id 4ZnT0k5Hd1z3wQn\r\n for <dev-discuss@lists.example.org>",
          3,
        ],
        [
          "from DB9PR08MB7164.eurprd08.prod.outlook.com ([fe80::1c44:7e2a:9b0d:3f51]) by\r\n DB9PR08MB7164.eurprd08.prod.outlook.com ([fe80::1c44:7e2a:9b0d:3f51%5]) with\r\n mapi id 15.20.8207.007",
          0,
        ],
      ],
      dkim: [{ d: "fabrikam.example", s: "selector1" }],
      messageHeaders: [
        ["From", "Alex Chen <alex.chen@fabrikam.example>"],
        ["To", "dev-discuss@lists.example.org"],
        ["Subject", "[dev-discuss] Proposal: move the nightly build to the new runners"],
        ["Date", rfcDate(sentAt)],
        [
          "Message-ID",
          "<DB9PR08MB7164A1B2C3D4E5F60718293A4B5C6@DB9PR08MB7164.eurprd08.prod.outlook.com>",
        ],
        ["List-Id", "Developer discussion <dev-discuss.lists.example.org>"],
        ["List-Post", "<mailto:dev-discuss@lists.example.org>"],
        ["List-Unsubscribe", "<mailto:dev-discuss-leave@lists.example.org>"],
        ["Sender", '"dev-discuss" <dev-discuss-bounces@lists.example.org>'],
      ],
      returnPath: "dev-discuss-bounces+dana.lee=example.com@lists.example.org",
      scl: 1,
      bcl: 0,
      sfv: "NSPM",
      cat: "NONE",
      country: "US",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:0;dest:I;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:Inbox;",
      infoLength: 1500,
      dataLength: 1200,
    },
  );
}

// 10. An advanced spam filter (ASF) option junked an authenticated sender.
{
  const sentAt = Date.UTC(2026, 10, 26, 7, 45, 10);
  add(
    {
      id: "asf-image-links",
      title: "Booking confirmation junked by an advanced spam filter option",
      story:
        "A booking confirmation from travel.example.com passed SPF, DKIM and DMARC, but the anti-spam policy's advanced spam filter option 'Image links to remote sites' raised its score (X-CustomSpam) to SCL 5 and it went to Junk. Microsoft recommends turning these options off, and messages they filter cannot be reported to Microsoft: only the admin can fix it, by turning the option off.",
    },
    {
      seed: 1010,
      sentAt,
      arriveAfter: 3,
      edge: {
        helo: "out-4.mail.travel.example.com",
        ip: "198.51.100.41",
        ptr: "out-4.mail.travel.example.com",
      },
      authResults:
        "spf=pass (sender IP is 198.51.100.41) smtp.mailfrom=mail.travel.example.com; dkim=pass (signature was verified) header.d=travel.example.com;dmarc=pass action=none header.from=travel.example.com;compauth=pass reason=100",
      receivedSpf:
        "Pass (protection.outlook.com: domain of mail.travel.example.com designates 198.51.100.41 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.41; helo=out-4.mail.travel.example.com; pr=C",
      senderHops: [
        [
          "from booking-api-2.travel.example.com (booking-api-2.travel.example.com [10.20.1.12])\r\n by out-4.mail.travel.example.com (Postfix) with ESMTPS id 4ZpC2r7Vb5z6kLm\r\n for <dana.lee@example.com>",
          0,
        ],
      ],
      dkim: [
        {
          d: "travel.example.com",
          s: "k2026",
          h: "from:to:subject:date:message-id:mime-version:content-type",
        },
      ],
      messageHeaders: [
        ["From", "Contoso Travel <bookings@travel.example.com>"],
        ["To", "dana.lee@example.com"],
        ["Subject", "Booking confirmed: Amsterdam, 14-16 January 2027 (ref. CT-48213)"],
        ["Date", rfcDate(sentAt)],
        ["Message-ID", "<4ZpC2r7Vb5z6kLm.CT-48213@booking-api-2.travel.example.com>"],
      ],
      contentType: 'text/html; charset="utf-8"',
      returnPath: "bounce-ct48213@mail.travel.example.com",
      postStampHeaders: ["X-CustomSpam: Image links to remote sites"],
      scl: 5,
      bcl: 1,
      sfv: "SPM",
      cat: "SPM",
      country: "DE",
      lang: "en",
      mailboxDelivery:
        "ucf:0;jmr:0;auth:1;dest:J;OFR:SpamFilterAuthJ;ENG:(910005)(944506478)(944626604)(920097)(930097)(3100021)(140003);RF:JunkEmail;",
      infoLength: 3300,
      dataLength: 2900,
    },
  );
}

writeFileSync(`${OUT}/catalog.json`, JSON.stringify(samples, null, 2) + "\n");
