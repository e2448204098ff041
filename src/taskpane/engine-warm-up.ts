import { analyzeHeaders } from "../analysis/analyze";
import type { Language } from "../analysis/language";
import { remedyOf } from "../analysis/remedy";

/**
 * A short message as Exchange Online delivers one to Junk, in reserved names (RFC 2606, RFC 5737):
 * two hops, Authentication-Results, Received-SPF, a DKIM signature, an encoded subject and the
 * filter's stamps, so that one analysis of it runs the code a typical message runs.
 */
export const WARM_UP_HEADERS = [
  "Received: from MW4PR11MB0001.namprd11.prod.outlook.com (2603:10b6:303:1::1) by",
  " CO1PR11MB0002.namprd11.prod.outlook.com with HTTPS; Mon, 2 Nov 2026 08:00:02 +0000",
  "Received: from mail.example.org (192.0.2.10) by",
  " MW4PR11MB0001.mail.protection.outlook.com (10.167.1.1) with Microsoft SMTP Server",
  " (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.1.1 via Frontend Transport;",
  " Mon, 2 Nov 2026 08:00:01 +0000",
  "Authentication-Results: spf=pass (sender IP is 192.0.2.10)",
  " smtp.mailfrom=example.org; dkim=pass (signature was verified)",
  " header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100",
  "Received-SPF: Pass (protection.outlook.com: domain of example.org designates 192.0.2.10 as",
  " permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.10;",
  " helo=mail.example.org; pr=C",
  "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1;",
  " h=from:to:subject:date; bh=AAAA; b=AAAA",
  "From: Example Notices <notices@example.org>",
  "To: someone@example.com",
  "Subject: =?utf-8?Q?Notice_=E2=80=93_November?=",
  "Date: Mon, 2 Nov 2026 09:00:00 +0100",
  "Message-ID: <notice-1@example.org>",
  "X-MS-Exchange-Organization-SCL: 5",
  "X-Forefront-Antispam-Report: CIP:192.0.2.10;CTRY:US;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;",
  " H:mail.example.org;PTR:mail.example.org;CAT:SPM;SFS:(13230040);DIR:INB;",
  "X-Microsoft-Antispam: BCL:0;ARA:13230040;",
  "X-MS-Exchange-Organization-AuthAs: Anonymous",
].join("\r\n");

/**
 * Analyses that message once and drops the result. A browser compiles each function the first
 * time it runs, which makes the first message's analysis cost many times the next one's
 * (bench/coldopen); run while Office.js still loads, it leaves the real message compiled code.
 */
export function warmUpEngine(language: Language): void {
  remedyOf(analyzeHeaders(WARM_UP_HEADERS, { language }));
}
