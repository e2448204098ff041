/**
 * Header blocks in each vendor's documented shape (see the decoder modules for the sources),
 * built around the route a gateway in front of Exchange Online gives a message: the sender's
 * hop into the gateway, the gateway's hop into Microsoft 365, Microsoft's stamps on top.
 */
export const CRLF = "\r\n";

export function block(...lines: string[]): string {
  return `${lines.join(CRLF)}${CRLF}${CRLF}`;
}

export const SENDER = [
  "From: Supplier Billing <billing@supplier.example>",
  "To: ap@contoso.example",
  "Subject: Invoice 4711",
  "Date: Thu, 03 Dec 2026 08:59:58 +0000",
  "Message-ID: <4711@supplier.example>",
];

/** Microsoft's edge receiving from `host` (`ip`), with the authentication it computed. */
export function microsoftEdge(
  host: string,
  ip: string,
  auth: string,
  forefront: string,
  extra: string[] = [],
): string[] {
  return [
    "Received: from BN8NAM11FT012.eop-nam11.prod.protection.outlook.com (2603:10b6:408:11b::4) by",
    " BN9PR03CA0123.outlook.office365.com (2603:10b6:408:fe::14) with Microsoft SMTP Server",
    " (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8200.1; Thu, 3 Dec 2026",
    " 09:00:06 +0000",
    `Authentication-Results: ${auth}`,
    ...extra,
    `Received: from ${host} (${ip}) by`,
    " BN8NAM11FT012.mail.protection.outlook.com (10.13.176.158) with Microsoft SMTP Server",
    " (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8200.1 via Frontend",
    " Transport; Thu, 3 Dec 2026 09:00:05 +0000",
    `X-Forefront-Antispam-Report: ${forefront}`,
  ];
}

export const AUTH_FAILED_AT_GATEWAY = (ip: string) =>
  `spf=fail (sender IP is ${ip}) smtp.mailfrom=supplier.example; dkim=fail (body hash did not verify) header.d=supplier.example;dmarc=fail action=none header.from=supplier.example;compauth=fail reason=001`;

export const AUTH_PASSED = (ip: string) =>
  `spf=pass (sender IP is ${ip}) smtp.mailfrom=supplier.example; dkim=pass (signature was verified) header.d=supplier.example;dmarc=pass action=none header.from=supplier.example;compauth=pass reason=100`;

export const forefront = (ip: string, ptr: string, helo: string, rest: string) =>
  `CIP:${ip};CTRY:US;LANG:en;${rest}IPV:NLI;H:${helo};PTR:${ptr};SFS:(13230040)(4636009);DIR:INB;`;

/** The sender's server handing the message to the gateway's MX. */
export const intoGateway = (gatewayHost: string) => [
  "Received: from mail.supplier.example (mail.supplier.example [198.51.100.7]) by",
  ` ${gatewayHost} with ESMTP id mimecast-4711-1; Thu, 03 Dec 2026 09:00:02 +0000`,
];

export const MIMECAST_IP = "205.139.110.61";
export const MIMECAST_HOST = "us-smtp-delivery-61.mimecast.com";

/**
 * Microsoft's edge receiving from Mimecast in front: SPF, DKIM and DMARC fail there because EOP
 * sees Mimecast's address, and the filter junked the message as `category`.
 */
export const mimecastInFront = (category: "SPM" | "SPOOF") =>
  microsoftEdge(
    MIMECAST_HOST,
    MIMECAST_IP,
    AUTH_FAILED_AT_GATEWAY(MIMECAST_IP),
    forefront(MIMECAST_IP, MIMECAST_HOST, MIMECAST_HOST, `SCL:5;SRV:;SFV:SPM;CAT:${category};`),
  );
