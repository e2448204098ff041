/**
 * The classes of real mail that issue 13 found the engine getting wrong, each with headers
 * written in the shape the servers named there write them.
 */
import { describe, expect, it } from "vitest";
import { analyzeHeaders, headerAnalysisSchema, remedyOf } from "../../../src/analysis/index";
import type { HeaderAnalysis } from "../../../src/analysis/index";

function block(...lines: string[]): string {
  return lines.join("\r\n") + "\r\n\r\n";
}

function ids(analysis: HeaderAnalysis): string[] {
  return analysis.verdict.findings.map((finding) => finding.id);
}

/** kernel.org's receiving server writes one Authentication-Results per method. */
const KERNEL_ORG = block(
  "Received: from smtp.subspace.kernel.org (smtp.subspace.kernel.org [10.30.226.201])",
  "\tby mail.kernel.org (Postfix) with ESMTPS id 4B1F0C4CEE3",
  "\tfor <maintainer@kernel.org>; Tue, 12 Nov 2024 09:15:04 +0000 (UTC)",
  "Authentication-Results: smtp.subspace.kernel.org; dmarc=pass (p=none dis=none) header.from=gmail.com",
  "Authentication-Results: smtp.subspace.kernel.org; spf=pass smtp.mailfrom=gmail.com",
  "Authentication-Results: smtp.subspace.kernel.org;",
  '\tdkim=pass (2048-bit key) header.d=gmail.com header.i=@gmail.com header.b="Q2xk3s1a"',
  "Authentication-Results: smtp.subspace.kernel.org; arc=none smtp.remote-ip=209.85.128.41",
  "Received: from mail-wm1-f41.google.com (mail-wm1-f41.google.com [209.85.128.41])",
  "\t(using TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits))",
  "\t(No client certificate requested)",
  "\tby smtp.subspace.kernel.org (Postfix) with ESMTPS id 1E3D21B5F6",
  "\tfor <maintainer@kernel.org>; Tue, 12 Nov 2024 09:15:03 +0000 (UTC)",
  "Received: by mail-wm1-f41.google.com with SMTP id 5b1f17b1804b1-4316cce103dso48563765e9.3",
  "        for <maintainer@kernel.org>; Tue, 12 Nov 2024 01:15:02 -0800 (PST)",
  "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; t=1731402902;",
  "        h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;",
  "        b=Q2xk3s1aV0Pq",
  "From: Jane Developer <jane.dev@gmail.com>",
  "To: maintainer@kernel.org",
  "Subject: [PATCH v2] mm: fix an off-by-one in the page walk",
  "Date: Tue, 12 Nov 2024 10:15:00 +0100",
  "Message-ID: <20241112091500.12345-1-jane.dev@gmail.com>",
);

/** ProtonMail's inbound server, likewise one header per method, in its own order. */
const PROTON_HEADERS = [
  "Authentication-Results: mail.protonmail.ch; dmarc=pass (p=reject dis=none) header.from=example.org",
  "Authentication-Results: mail.protonmail.ch; spf=pass smtp.mailfrom=example.org",
  "Authentication-Results: mail.protonmail.ch; arc=none smtp.remote-ip=203.0.113.7",
  'Authentication-Results: mail.protonmail.ch; dkim=pass (2048-bit key) header.d=example.org header.i=@example.org header.b="AbCdEf12"',
];

const PROTON = block(
  "Return-Path: <billing@example.org>",
  "X-Original-To: alice@proton.me",
  "Delivered-To: alice@proton.me",
  ...PROTON_HEADERS,
  "Received: from mail.example.org (mail.example.org [203.0.113.7]) (using TLSv1.3 with cipher",
  " TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by",
  " mailin041.protonmail.ch (Postfix) with ESMTPS id 4Xk2Ls0Yw9z9vQm for <alice@proton.me>;",
  " Thu, 14 Nov 2024 08:30:12 +0000 (UTC)",
  "Authentication-Results: mx.example.org; dmarc=fail header.from=example.org",
  "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=mail2024; h=From:To:Subject; bh=x; b=y",
  "From: Example Billing <billing@example.org>",
  "To: alice@proton.me",
  "Subject: Your November invoice",
  "Date: Thu, 14 Nov 2024 09:30:10 +0100",
  "Message-ID: <invoice-2024-11@example.org>",
);

describe("1. several Authentication-Results from one receiving server", () => {
  it.each([
    ["without --trust-authserv", []],
    ["trusting smtp.subspace.kernel.org", ["smtp.subspace.kernel.org"]],
  ] as const)("reads kernel.org's four headers as one verdict, %s", (_label, trusted) => {
    const analysis = analyzeHeaders(KERNEL_ORG, { trustedAuthservIds: trusted });
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.auth.source?.authservId).toBe("smtp.subspace.kernel.org");
    expect(analysis.auth.source?.headers).toHaveLength(4);
    expect(analysis.auth.source?.header).toBe(
      "smtp.subspace.kernel.org; dmarc=pass (p=none dis=none) header.from=gmail.com",
    );
    expect(analysis.auth.spf).toEqual({ result: "pass", domain: "gmail.com", aligned: true });
    expect(analysis.auth.dkim).toEqual([
      { result: "pass", domain: "gmail.com", selector: "20230601", aligned: true },
    ]);
    expect(analysis.auth.dmarc).toMatchObject({ result: "pass", domain: "gmail.com" });
    expect(analysis.auth.arc).toEqual({ result: "none" });
    expect(ids(analysis)).not.toContain("forged-auth-results");
    expect(ids(analysis)).toContain("sender-authenticated");
  });

  it("reads ProtonMail's headers together and stops at another server's", () => {
    for (const trusted of [[], ["mail.protonmail.ch"]]) {
      const analysis = analyzeHeaders(PROTON, { trustedAuthservIds: trusted });
      expect(analysis.auth.source?.headers).toEqual(
        PROTON_HEADERS.map((line) => line.slice("Authentication-Results: ".length)),
      );
      expect(analysis.auth.spf?.result).toBe("pass");
      expect(analysis.auth.dkim.map((dkim) => dkim.result)).toEqual(["pass"]);
      expect(analysis.auth.dmarc).toMatchObject({ result: "pass", policy: "reject" });
      // The sender's own server's header claims nothing the receiving server did not confirm.
      expect(ids(analysis)).not.toContain("forged-auth-results");
    }
  });

  it("does not group a same-named header from below another hop: it stays a forged claim", () => {
    const forged = block(
      "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=bank.example",
      "Authentication-Results: mx.example.net; dmarc=fail (p=reject) header.from=bank.example",
      "Received: from unknown (unknown [198.51.100.77]) by mx.example.net (Postfix) with ESMTP id 4Xa1;",
      " Fri, 15 Nov 2024 11:00:00 +0000 (UTC)",
      "Authentication-Results: mx.example.net; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example",
      "From: Bank <security@bank.example>",
      "Subject: Verify your account",
    );
    for (const trusted of [[], ["mx.example.net"]]) {
      const analysis = analyzeHeaders(forged, { trustedAuthservIds: trusted });
      expect(analysis.auth.source?.headers).toHaveLength(2);
      expect(analysis.auth.dmarc?.result).toBe("fail");
      expect(analysis.auth.dkim).toEqual([]);
      expect(ids(analysis)).toContain("forged-auth-results");
    }
  });
});

/** Exchange Online in the recipient's tenant, the filter's spam verdict overruled by Safe Senders. */
function rescued(delivery: string): string {
  return block(
    "Received: from AM9PR04MB8210.eurprd04.prod.outlook.com (2603:10a6:20b:41f::12) by",
    " DB9PR04MB8107.eurprd04.prod.outlook.com with HTTPS; Mon, 18 Nov 2024 07:41:05 +0000",
    "Authentication-Results: spf=pass (sender IP is 192.0.2.25) smtp.mailfrom=club.example;",
    " dkim=pass (signature was verified) header.d=club.example;dmarc=pass action=none",
    " header.from=club.example;compauth=pass reason=100",
    "Received: from mail.club.example (192.0.2.25) by",
    " AM4PEPF00027A64.mail.protection.outlook.com (10.167.16.75) with Microsoft SMTP Server",
    " (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8158.14 via Frontend Transport;",
    " Mon, 18 Nov 2024 07:41:03 +0000",
    "From: Rowing Club <news@club.example>",
    "Subject: Regatta results",
    "X-MS-Exchange-Organization-SCL: 6",
    "X-MS-Exchange-Organization-AuthAs: Anonymous",
    "X-Forefront-Antispam-Report: CIP:192.0.2.25;CTRY:DE;LANG:de;SCL:6;SRV:;IPV:NLI;SFV:SPM;H:mail.club.example;PTR:mail.club.example;CAT:SPM;SFS:(13230040)(4636009);DIR:INB;",
    "X-Microsoft-Antispam: BCL:0;",
    `X-Microsoft-Antispam-Mailbox-Delivery: ${delivery}`,
  );
}

describe("2. delivered to the Inbox is not junked", () => {
  it("reads dest:I with OFR:TrustedSenderList as rescued by the person's Safe Senders", () => {
    const analysis = analyzeHeaders(
      rescued(
        "wl:1;pcwl:1;ucf:0;jmr:0;auth:0;dest:I;OFR:TrustedSenderList;ENG:(910001)(944506478)(944626604)(920097)(930097)(140003);",
      ),
    );
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.antispam.mailboxDelivery).toEqual({
      dest: "I",
      ucf: 0,
      jmr: 0,
      auth: 0,
      ofr: "TrustedSenderList",
      rf: null,
      wl: 1,
      pcwl: 1,
    });
    expect(analysis.verdict.junked).toBe(false);
    expect(ids(analysis)).toContain("safe-senders-rescued");
    expect(ids(analysis)).not.toContain("content-filter-spam-authenticated");
    expect(ids(analysis)).not.toContain("content-filter-spam");
    const finding = analysis.verdict.findings.find((f) => f.id === "safe-senders-rescued")!;
    expect(finding.detail).toContain("SFV:SPM");
    expect(finding.detail).toContain("OFR:TrustedSenderList");

    const remedy = remedyOf(analysis);
    expect(remedy.situation).toBe("allowed");
    expect(remedy.offers).toEqual({ notSpam: "hidden", trustedSender: false });

    const german = analyzeHeaders(
      rescued("wl:1;pcwl:1;ucf:0;jmr:0;auth:0;dest:I;OFR:TrustedSenderList;"),
      { language: "de" },
    ).verdict.findings.find((f) => f.id === "safe-senders-rescued")!;
    expect(german.title).toBe(
      "Ihre Liste sicherer Absender hat diese Nachricht vor dem Junk-E-Mail-Ordner bewahrt.",
    );
    expect(german.detail).toContain("Liste sicherer Absender");
  });

  it("reads dest:I without a Safe Senders reason as delivered, and dest:J as junked", () => {
    const inbox = analyzeHeaders(rescued("ucf:0;jmr:0;auth:0;dest:I;"));
    expect(inbox.verdict.junked).toBe(false);
    expect(ids(inbox)).not.toContain("safe-senders-rescued");
    expect(remedyOf(inbox).situation).toBe("not-junked");

    const junk = analyzeHeaders(
      rescued("ucf:0;jmr:1;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;"),
    );
    expect(junk.verdict.junked).toBe(true);
    expect(junk.antispam.mailboxDelivery).toMatchObject({
      ofr: "SpamFilterAuthJ",
      rf: "JunkEmail",
    });
    expect(ids(junk)).toContain("content-filter-spam-authenticated");
    expect(remedyOf(junk).situation).toBe("filtered");
  });
});

/**
 * A microsoft.com employee's message as a list archive (Postfix, no Microsoft 365) keeps it:
 * the sending tenant's outbound report and its submission-time Authentication-Results.
 */
const LIST_ARCHIVE = block(
  "Received: from mail.lists.example.org (mail.lists.example.org [192.0.2.40])",
  "\tby archive.example.org (Postfix) with ESMTPS id 4XyZ1Q2w3Lz9sVd",
  "\tfor <archive@example.org>; Wed, 13 Nov 2024 16:02:11 +0000 (UTC)",
  "Received: from NAM12-MW2-obe.outbound.protection.outlook.com (mail-mw2nam12on2117.outbound.protection.outlook.com [40.107.244.117])",
  "\tby mail.lists.example.org (Postfix) with ESMTPS id 7A1B2C3D4E",
  "\tfor <dev-list@lists.example.org>; Wed, 13 Nov 2024 16:02:10 +0000 (UTC)",
  "ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none; b=kQx",
  "ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=none; dmarc=none;",
  " dkim=none; arc=none",
  "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=selector2;",
  " h=From:Date:Subject:Message-ID; bh=kDq3; b=PqR",
  "Received: from SA1PR21MB1234.namprd21.prod.outlook.com (2603:10b6:806:1a2::9)",
  " by DM4PR21MB5678.namprd21.prod.outlook.com (2603:10b6:8:9c::15) with",
  " Microsoft SMTP Server (version=TLS1_2,",
  " cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.8; Wed, 13 Nov",
  " 2024 16:02:09 +0000",
  "Received: from SA1PR21MB1234.namprd21.prod.outlook.com",
  " ([fe80::5c1d:2b3e:9a4f:7d61]) by SA1PR21MB1234.namprd21.prod.outlook.com",
  " ([fe80::5c1d:2b3e:9a4f:7d61%4]) with mapi id 15.20.8158.008; Wed, 13 Nov 2024",
  " 16:02:08 +0000",
  "From: Alex Example <alex.example@microsoft.com>",
  'To: "dev-list@lists.example.org" <dev-list@lists.example.org>',
  "Subject: Re: [dev-list] proposal for the next release",
  "Date: Wed, 13 Nov 2024 16:02:07 +0000",
  "Message-ID: <SA1PR21MB1234E1A2B3C4D5E6F7A8B9C0D1E2F@SA1PR21MB1234.namprd21.prod.outlook.com>",
  "authentication-results: dkim=none (message not signed)",
  " header.d=none;dmarc=none action=none header.from=microsoft.com;",
  "x-ms-publictraffictype: Email",
  "x-ms-traffictypediagnostic: SA1PR21MB1234:EE_|DM4PR21MB5678:EE_",
  "x-microsoft-antispam: BCL:0;ARA:13230040|366016|1800799024;",
  "x-forefront-antispam-report:",
  " CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:SA1PR21MB1234.namprd21.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(366016)(1800799024);DIR:OUT;SFP:1102;",
  "MIME-Version: 1.0",
  "X-MS-Exchange-CrossTenant-AuthAs: Internal",
  "X-MS-Exchange-CrossTenant-id: 72f988bf-86f1-41af-91ab-2d7cd011db47",
);

describe("3. the sending organisation's own stamps", () => {
  it("reads neither the outbound report nor the submission-time header as the verdict", () => {
    const analysis = analyzeHeaders(LIST_ARCHIVE);
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.auth.source).toBeNull();
    expect(analysis.auth.dmarc).toBeNull();
    expect(analysis.antispam.sfv).toBeNull();
    expect(analysis.antispam.dir).toBeNull();
    expect(analysis.antispam.connectingIp).toBeNull();
    expect(analysis.verdict.junked).toBeNull();
    const found = ids(analysis);
    expect(found).not.toContain("dmarc-none");
    expect(found).not.toContain("forged-auth-results");
    expect(found).toContain("sender-own-auth-results");
    expect(found).toContain("sender-tenant-stamps-ignored");
    const noResults = analysis.verdict.findings.find((f) => f.id === "no-authentication-results");
    expect(noResults?.detail).toContain("inside the sending organisation");
    expect(remedyOf(analysis).situation).toBe("unknown");
  });

  it("trusts the list server's own header when it wrote one", () => {
    const withList = LIST_ARCHIVE.replace(
      "Received: from NAM12-MW2-obe",
      "Authentication-Results: mail.lists.example.org; dkim=pass header.d=microsoft.com;\r\n" +
        " spf=pass smtp.mailfrom=microsoft.com; dmarc=pass (p=reject dis=none) header.from=microsoft.com\r\n" +
        "Received: from NAM12-MW2-obe",
    );
    const analysis = analyzeHeaders(withList);
    expect(analysis.auth.source?.authservId).toBe("mail.lists.example.org");
    expect(analysis.auth.dmarc).toMatchObject({ result: "pass", policy: "reject" });
    expect(ids(analysis)).not.toContain("dmarc-none");
    expect(ids(analysis)).toContain("sender-own-auth-results");
  });

  it("treats an Authentication-Results above only a submission hop as the sender's", () => {
    const submitted = block(
      "Received: from mx.example.net (mx.example.net [198.51.100.5]) by mail.recipient.example",
      " (Postfix) with ESMTPS id 4Y0a; Mon, 18 Nov 2024 10:00:02 +0000 (UTC)",
      "Authentication-Results: smtp.sender.example; auth=pass smtp.auth=alice",
      " dkim=none; dmarc=none header.from=sender.example",
      "Received: from [192.168.1.20] (p5dd1a2b3.dip0.t-ipconnect.de [93.209.162.179])",
      " (Authenticated sender: alice) by smtp.sender.example (Postfix) with ESMTPSA id 4Y0Z;",
      " Mon, 18 Nov 2024 10:00:01 +0000 (UTC)",
      "From: Alice <alice@sender.example>",
      "Subject: minutes",
    );
    const analysis = analyzeHeaders(submitted);
    expect(analysis.auth.source).toBeNull();
    expect(ids(analysis)).not.toContain("dmarc-none");
    expect(ids(analysis)).toContain("sender-own-auth-results");
  });

  it("still reads the recipient's own report when the recipient is on Microsoft 365", () => {
    const analysis = analyzeHeaders(
      rescued("ucf:0;jmr:0;auth:0;dest:J;").replace(
        "X-Microsoft-Antispam: BCL:0;",
        "X-Microsoft-Antispam: BCL:0;\r\nX-Forefront-Antispam-Report-Untrusted: CIP:255.255.255.255;SFV:NSPM;DIR:OUT;",
      ),
    );
    expect(analysis.antispam.sfv).toBe("SPM");
    expect(analysis.antispam.dir).toBe("INB");
    expect(analysis.auth.source?.authservId).toBeNull();
    expect(ids(analysis)).not.toContain("sender-own-auth-results");
  });
});

describe("4. Received hops", () => {
  it("never takes 'from' out of a comment, and reads a date without ';'", () => {
    const analysis = analyzeHeaders(
      block(
        "Received: from mail.example.net (mail.example.net [198.51.100.9]) by mx.example.org",
        " (Postfix) with ESMTP id 7C1D2; Tue, 19 Nov 2024 12:00:05 +0100 (CET)",
        "Received: by mail.example.net (Postfix, from userid 0) id 3B4A5; Tue, 19 Nov 2024",
        " 11:59:59 +0100 (CET)",
        "Received: (qmail 48213 invoked from network); 19 Nov 2024 10:59:50 -0000",
        "Received: from unknown (HELO workstation) (203.0.113.50) by mail.example.net with SMTP id",
        " 4F2a Tue, 19 Nov 2024 10:59:40 -0000",
        "From: cron@example.net",
      ),
    );
    const [first, qmail, postfix, last] = analysis.hops;
    expect(first).toMatchObject({
      from: "unknown",
      fromIp: "203.0.113.50",
      by: "mail.example.net",
      id: "4F2a",
      date: "2024-11-19T10:59:40.000Z",
    });
    expect(qmail).toMatchObject({ from: null, fromIp: null, delaySeconds: 10 });
    expect(postfix).toMatchObject({ from: null, by: "mail.example.net", delaySeconds: 9 });
    expect(last).toMatchObject({ from: "mail.example.net", delaySeconds: 6 });
  });
});

describe("5. lenient where mail is sloppy", () => {
  it("reads dates with trailing junk", () => {
    const analysis = analyzeHeaders(
      block(
        "Received: from a.example.net (a.example.net [198.51.100.1]) by b.example.org with ESMTP",
        " id 1; Wed, 20 Nov 2024 09:00:10 +0000.",
        "Date: Wed, 20 Nov 2024 10:00:00 +0100 (CET) sent from my phone",
        "From: a@example.net",
      ),
    );
    expect(analysis.message.date).toBe("2024-11-20T09:00:00.000Z");
    expect(analysis.hops[0]).toMatchObject({
      date: "2024-11-20T09:00:10.000Z",
      dateZoneKnown: true,
    });
  });

  it("reads over-padded base64 and spaces inside Q-encoded words", () => {
    const analysis = analyzeHeaders(
      block(
        "Subject: =?utf-8?B?UmVjZWlwdA===?= =?iso-8859-1?Q?Gr=FC=DFe aus K=F6ln?=",
        "From: =?utf-8?Q?Caf=C3=A9 M=C3=BCller?= <info@cafe.example>",
      ),
    );
    expect(analysis.message.subject).toBe("ReceiptGrüße aus Köln");
    expect(analysis.message.from?.name).toBe("Café Müller");
  });

  it("says a Received date's zone is unknown instead of assuming UTC, and gives no delay", () => {
    const analysis = analyzeHeaders(
      block(
        "Received: from relay.example.org (relay.example.org [192.0.2.7]) by mx.example.net",
        " (Postfix) with ESMTP id 9Q; Thu, 21 Nov 2024 10:00:40 +0000",
        "Received: from pc17 (pc17.office.example.org [10.1.2.17]) by relay.example.org",
        " with SMTP id 41; Thu, 21 Nov 2024 11:00:05 MEZ",
        "Received: from pc17 by pc17 with local id 40; Thu, 21 Nov 2024 11:00:01",
        "From: office@example.org",
      ),
    );
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.hops.map((hop) => [hop.dateZoneKnown, hop.delaySeconds])).toEqual([
      [false, null],
      [false, null],
      [true, null],
    ]);
    expect(analysis.hops[0]?.date).toBe("2024-11-21T11:00:01.000Z");
    const ids = analysis.verdict.findings.map((finding) => finding.id);
    expect(ids).not.toContain("clock-skew");
    expect(ids).not.toContain("slow-delivery");
  });

  it("analyses a header block with a stray NUL byte and flags it", () => {
    const analysis = analyzeHeaders(
      block(
        "Received: from a.example.net (a.example.net [198.51.100.1]) by b.example.org with ESMTP",
        " id 1; Wed, 20 Nov 2024 09:00:10 +0000",
        "Subject: quarterly report\u0000",
        "From: Reports <reports@example.net>",
      ),
    );
    expect(analysis.message.from?.address).toBe("reports@example.net");
    const unreadable = analysis.verdict.findings.find((f) => f.id === "unreadable-headers");
    expect(unreadable?.detail).toContain("Line 3 contains a NUL byte");
    const german = analyzeHeaders(block("Subject: a\u0000b", "From: x@example.net"), {
      language: "de",
    }).verdict.findings.find((f) => f.id === "unreadable-headers");
    expect(german?.title).toMatch(/Kopfzeilen/);
  });
});

describe("6. coverage of the remaining stamps", () => {
  const STAMPS = block(
    "Received: from AM9PR04MB8210.eurprd04.prod.outlook.com (2603:10a6:20b:41f::12) by",
    " DB9PR04MB8107.eurprd04.prod.outlook.com with HTTPS; Mon, 18 Nov 2024 07:41:05 +0000",
    "Authentication-Results: spf=fail (sender IP is 203.0.113.80) smtp.mailfrom=list.example.org;",
    " dkim=fail (body hash did not verify) header.d=vendor.example;dmarc=fail action=none",
    " header.from=vendor.example;compauth=pass reason=130",
    "Received-SPF: Fail (protection.outlook.com: domain of list.example.org does not",
    " designate 203.0.113.80 as permitted sender) receiver=protection.outlook.com;",
    " client-ip=203.0.113.80; helo=mail.list.example.org;",
    "Received: from mail.list.example.org (203.0.113.80) by",
    " AM4PEPF00027A64.mail.protection.outlook.com (10.167.16.75) with Microsoft SMTP Server",
    " (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8158.14 via Frontend Transport;",
    " Mon, 18 Nov 2024 07:41:03 +0000",
    "Authentication-Results-Original: mx.list.example.org; dkim=pass header.d=vendor.example;",
    " spf=pass smtp.mailfrom=vendor.example; dmarc=pass (p=reject) header.from=vendor.example",
    "From: Vendor <billing@vendor.example>",
    "Subject: Invoice 2024-118",
    "X-MS-Exchange-Organization-SCL: 1",
    "X-MS-Exchange-Organization-PCL: 2",
    "X-MS-Exchange-Organization-AuthAs: Anonymous",
    "X-MS-Exchange-Transport-EndToEndLatency: 00:00:02.1934717",
    "X-Forefront-Antispam-Report: CIP:203.0.113.80;CTRY:DE;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;DIR:INB;",
    "X-Microsoft-Antispam: BCL:0;PCL:0;",
  );

  it("reads PCL, AuthAs, the end-to-end latency, Received-SPF and the original results", () => {
    const analysis = analyzeHeaders(STAMPS);
    expect(headerAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis.antispam.pcl).toBe(2); // the organisation header wins, as for SCL
    expect(analysis.antispam.authAs).toBe("Anonymous");
    expect(analysis.antispam.endToEndLatencySeconds).toBe(2.193);
    expect(analysis.auth.receivedSpf).toEqual({
      result: "fail",
      domain: "list.example.org", // the domain the comment says was checked, not the HELO name
      clientIp: "203.0.113.80",
      receiver: "protection.outlook.com",
    });
    expect(analysis.auth.original).toMatchObject({
      authservId: "mx.list.example.org",
      spf: { result: "pass", domain: "vendor.example", aligned: true },
      dkim: [{ result: "pass", domain: "vendor.example", aligned: true }],
      dmarc: { result: "pass", domain: "vendor.example", policy: "reject" },
      compauth: null,
    });
    // Shown, never trusted: the verdict is still the receiving tenant's.
    expect(analysis.auth.dmarc?.result).toBe("fail");
    expect(analysis.auth.source?.authservId).toBeNull();
  });

  it("takes Received-SPF's domain from envelope-from, else the comment's checked domain, else HELO", async () => {
    const { readReceivedSpf } = await import("../../../src/analysis/received-spf");
    const withKey = readReceivedSpf(
      "pass (mx.example: domain of bounce@mail.vendor.example designates 192.0.2.1 as permitted sender) envelope-from=<bounce@vendor.example>; helo=out.vendor.example;",
    );
    expect(withKey?.domain).toBe("vendor.example");
    const fromComment = readReceivedSpf(
      "Pass (protection.outlook.com: domain of BOUNCES.Vendor.example designates 192.0.2.1 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.1; helo=out.vendor.example;",
    );
    expect(fromComment?.domain).toBe("bounces.vendor.example");
    const heloOnly = readReceivedSpf(
      "none (no SPF record) client-ip=192.0.2.1; helo=out.vendor.example;",
    );
    expect(heloOnly?.domain).toBe("out.vendor.example");
  });

  it("gives every new code a meaning in English and German", async () => {
    const meanings = await import("../../../src/analysis/meanings");
    const cases = [
      [meanings.PCL_MEANINGS, 2],
      [meanings.AUTH_AS_MEANINGS, "Anonymous"],
      [meanings.OFR_MEANINGS, "TrustedSenderList"],
      [meanings.RF_MEANINGS, "JunkEmail"],
      [meanings.WL_MEANINGS, 1],
      [meanings.PCWL_MEANINGS, 1],
    ] as const;
    for (const [table, code] of cases) {
      const en = meanings.meaningOf(table, code, "en");
      const de = meanings.meaningOf(table, code, "de");
      expect(en).toBeTruthy();
      expect(de).toBeTruthy();
      expect(de).not.toBe(en);
    }
    expect(meanings.STAMP_LABELS.de.endToEndLatency("2.193")).toContain("2.193 s");
  });

  it("reads Exchange's TimeSpan forms and nothing else as a latency", async () => {
    const { parseTimeSpan } = await import("../../../src/analysis/antispam");
    expect(parseTimeSpan("00:00:02.1934717")).toBe(2.193);
    expect(parseTimeSpan("1.02:03:04")).toBe(93_784);
    expect(parseTimeSpan("00:61:00")).toBeNull();
    expect(parseTimeSpan("two seconds")).toBeNull();
    expect(parseTimeSpan("-00:00:01")).toBeNull();
  });
});
