/**
 * The demo's organisation: Contoso, 40 people, one month of reports about the sample messages.
 * Each story says which sample, how many people report it, over which days and from which
 * mailboxes, so the console opens on an approved Azure proposal, an open vendor proposal, a
 * refused phishing sender and insights about users' own settings and the bulk threshold.
 */
export const TENANT = "contoso";
export const ADMIN = "it-admin";
export const ACCEPTED_DOMAINS = ["contoso.example"];

export const PEOPLE = Array.from(
  { length: 40 },
  (_, index) => `person${String(index + 1).padStart(2, "0")}`,
);

export interface Story {
  sample: string;
  /** Used in internet message ids, one message per `messages`. */
  tag: string;
  domain: string;
  /** Indexes into PEOPLE of who reports. */
  reporters: number[];
  /** How many distinct messages (e.g. weekly notices) the reports are spread over. */
  messages: number;
  /** Reports fall between these many days ago. */
  daysAgo: [number, number];
  kind: "not-spam" | "trusted-sender" | "mixed";
  /** Some reports come from a shared mailbox rather than the reporter's own. */
  sharedMailbox?: string;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

export const STORIES: Story[] = [
  {
    sample: "azure-service-notice",
    tag: "azure",
    domain: "microsoft.com",
    reporters: range(0, 16),
    messages: 4,
    daysAgo: [29, 1],
    kind: "mixed",
  },
  {
    sample: "vendor-invoice-compauth",
    tag: "invoice",
    domain: "northwind.example",
    reporters: range(16, 6),
    messages: 3,
    daysAgo: [20, 2],
    kind: "not-spam",
    sharedMailbox: "accounts-payable@contoso.example",
  },
  {
    sample: "phishing-impersonation",
    tag: "payment-change",
    domain: "fabrikarn.example",
    reporters: range(22, 9),
    messages: 1,
    daysAgo: [6, 4],
    kind: "trusted-sender",
  },
  {
    sample: "user-settings-nspm",
    tag: "partner-reply",
    domain: "fabrikam.example",
    reporters: range(31, 5),
    messages: 2,
    daysAgo: [25, 3],
    kind: "not-spam",
  },
  {
    sample: "bulk-newsletter",
    tag: "newsletter",
    domain: "news.example.org",
    reporters: range(8, 7),
    messages: 4,
    daysAgo: [28, 0],
    kind: "not-spam",
  },
  {
    sample: "blocked-sender",
    tag: "event",
    domain: "litware.example",
    reporters: range(36, 2),
    messages: 1,
    daysAgo: [12, 10],
    kind: "not-spam",
  },
  {
    sample: "forged-auth-results",
    tag: "security-alert",
    domain: "woodgrovebank.example",
    reporters: range(38, 2),
    messages: 1,
    daysAgo: [9, 8],
    kind: "not-spam",
  },
];

/** A small deterministic generator, so every demo run tells the same story. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
