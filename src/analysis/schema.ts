import { z } from "zod";
import type { HeaderAnalysis } from "./types";

/** Runtime schema of `vouch.analysis/1`; the service and the tests validate with it. */
const nullableString = z.string().nullable();

export const addressSchema = z.strictObject({
  address: z.string(),
  name: nullableString,
  domain: z.string(),
});

const authResultSchema = z.string();

const spfSchema = z.strictObject({
  result: authResultSchema,
  domain: nullableString,
  aligned: z.boolean().nullable(),
});

const dkimSchema = z.strictObject({
  result: authResultSchema,
  domain: nullableString,
  selector: nullableString,
  aligned: z.boolean().nullable(),
});

const dmarcSchema = z.strictObject({
  result: authResultSchema,
  domain: nullableString,
  action: nullableString,
  policy: nullableString,
});

const compauthSchema = z.strictObject({
  result: z.string(),
  reason: nullableString,
  meaning: z.string(),
});

const gatewayVendorSchema = z.enum([
  "spamassassin",
  "proofpoint",
  "cisco",
  "mimecast",
  "barracuda",
  "trendmicro",
]);

/** docs/analysis-contract.md, "Gateways". */
export const gatewayVerdictSchema = z.strictObject({
  vendor: gatewayVendorSchema,
  headers: z.array(z.string()),
  verdict: z.enum([
    "spam",
    "suspect",
    "bulk",
    "phishing",
    "malware",
    "impersonation",
    "blocked",
    "allowed",
    "not-spam",
    "scanned",
    "unknown",
  ]),
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  rules: z.array(z.string()).max(50),
  meaning: z.string(),
  placement: z.enum(["receiving", "before-entry", "unplaced"]),
  counted: z.boolean(),
});

export const gatewayInFrontSchema = z.strictObject({
  vendor: gatewayVendorSchema,
  host: z.string(),
  ip: nullableString,
  authFailed: z.boolean(),
  enhancedFiltering: z.boolean(),
  arcSealer: nullableString,
});

export const headerAnalysisSchema = z.strictObject({
  schema: z.literal("vouch.analysis/1"),
  message: z.strictObject({
    subject: nullableString,
    messageId: nullableString,
    date: nullableString,
    from: addressSchema.nullable(),
    replyTo: addressSchema.nullable(),
    returnPath: nullableString,
  }),
  auth: z.strictObject({
    source: z
      .strictObject({
        header: z.string(),
        authservId: nullableString,
        headers: z.array(z.string()).min(1),
      })
      .nullable(),
    spf: spfSchema.nullable(),
    dkim: z.array(dkimSchema),
    dmarc: dmarcSchema.nullable(),
    compauth: compauthSchema.nullable(),
    arc: z.strictObject({ result: authResultSchema }).nullable(),
    receivedSpf: z
      .strictObject({
        result: authResultSchema,
        domain: nullableString,
        clientIp: nullableString,
        receiver: nullableString,
      })
      .nullable(),
    original: z
      .strictObject({
        header: z.string(),
        authservId: nullableString,
        spf: spfSchema.nullable(),
        dkim: z.array(dkimSchema),
        dmarc: dmarcSchema.nullable(),
        compauth: compauthSchema.nullable(),
      })
      .nullable(),
  }),
  antispam: z.strictObject({
    scl: z.number().int().nullable(),
    bcl: z.number().int().nullable(),
    pcl: z.number().int().nullable(),
    sfv: nullableString,
    cat: nullableString,
    ipv: nullableString,
    sfty: nullableString,
    srv: nullableString,
    dir: nullableString,
    country: nullableString,
    lang: nullableString,
    connectingIp: nullableString,
    helo: nullableString,
    ptr: nullableString,
    sfs: z.array(z.string()),
    mailboxDelivery: z
      .strictObject({
        dest: nullableString,
        ucf: z.number().int().nullable(),
        jmr: z.number().int().nullable(),
        auth: z.number().int().nullable(),
        ofr: nullableString,
        rf: nullableString,
        wl: z.number().int().nullable(),
        pcwl: z.number().int().nullable(),
      })
      .nullable(),
    authAs: nullableString,
    endToEndLatencySeconds: z.number().nonnegative().nullable(),
  }),
  hops: z.array(
    z.strictObject({
      index: z.number().int().positive(),
      from: nullableString,
      fromIp: nullableString,
      by: nullableString,
      with: nullableString,
      id: nullableString,
      date: nullableString,
      dateZoneKnown: z.boolean().nullable(),
      delaySeconds: z.number().nullable(),
    }),
  ),
  verdict: z.strictObject({
    junked: z.boolean().nullable(),
    findings: z.array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
        severity: z.enum(["info", "warning", "error"]),
        title: z.string().min(1),
        detail: z.string(),
        fixableBy: z.enum(["user", "admin", "sender"]).nullable(),
      }),
    ),
  }),
  gateways: z.array(gatewayVerdictSchema),
  gatewayInFront: gatewayInFrontSchema.nullable(),
}) satisfies z.ZodType<HeaderAnalysis>;
