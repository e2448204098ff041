/**
 * The critical-sender catalogue Vouch ships: service senders whose notices must never sit
 * unnoticed in Junk (cloud providers' service and billing notices, identity providers, code
 * hosting, e-signature). Each identity is a sender key as `server/identity/sender-key.ts` builds
 * it from the authenticated From: a domain ("github.com"), or, at a multi-service domain where
 * one address says nothing about the others (microsoft.com, google.com, amazon.com), an address.
 *
 * Every entry names the public page that says the provider sends from it, and whether that page
 * is the provider's own ("provider") or a third party's ("third-party", only where the
 * provider's own page was not found; none today). Providers that were looked
 * for and not confirmed (GitLab.com, ADP, Workday) are not shipped: admins add them as their
 * own senders once they know the address their tenant receives.
 */

export type CatalogueCategory = "cloud" | "identity" | "code-hosting" | "e-signature" | "payroll";

export interface CatalogueSource {
  url: string;
  publisher: "provider" | "third-party";
  /** What the page says, in a few words. */
  says: string;
}

export interface CriticalIdentity {
  kind: "domain" | "address";
  /** Lower-case A-labels; an address as "local@domain". */
  value: string;
  /** A domain entry also covers its subdomains ("eumail.docusign.net" under "docusign.net"). */
  subdomains: boolean;
}

export interface CatalogueEntry {
  /** Stable: tenants' opt-outs refer to it. */
  id: string;
  provider: string;
  /** What the mail is, in a few words (English; the console words the category). */
  service: string;
  category: CatalogueCategory;
  identity: CriticalIdentity;
  sources: readonly CatalogueSource[];
}

function domain(value: string, subdomains = false): CriticalIdentity {
  return { kind: "domain", value, subdomains };
}

/** Only at a multi-service domain, whose sender keys are addresses (shared-mail.ts). */
function address(value: string): CriticalIdentity {
  return { kind: "address", value, subdomains: false };
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: "azure-notices",
    provider: "Microsoft Azure",
    service: "Azure Monitor, Service Health and billing notices",
    category: "cloud",
    identity: address("azure-noreply@microsoft.com"),
    sources: [
      {
        url: "https://learn.microsoft.com/azure/azure-monitor/alerts/action-groups",
        publisher: "provider",
        says: "Action group e-mail (Azure Monitor and Service Health alerts) is sent from azure-noreply@microsoft.com, azureemail-noreply@microsoft.com and alerts-noreply@mail.windowsazure.com",
      },
    ],
  },
  {
    id: "entra-mfa",
    provider: "Microsoft Entra ID",
    service: "Sign-in verification codes and Microsoft Online Services notices",
    category: "identity",
    identity: domain("microsoftonline.com"),
    sources: [
      {
        url: "https://learn.microsoft.com/entra/fundamentals/whats-new-archive",
        publisher: "provider",
        says: "Cloud MFA e-mail notifications are sent from azure-noreply@microsoft.com and msonlineservicesteam@microsoftonline.com",
      },
    ],
  },
  {
    id: "aws-health",
    provider: "Amazon Web Services",
    service: "AWS Health and billing notifications to account contacts",
    category: "cloud",
    identity: domain("aws.com"),
    sources: [
      {
        url: "https://repost.aws/articles/AREIBQa52DQz-fBCUygOtPsw/aws-managed-notifications-understanding-aggregation-and-deduplication",
        publisher: "provider",
        says: "AWS managed notifications (AWS Health, incl. billing) are sent to account contacts from health@aws.com",
      },
    ],
  },
  {
    id: "google-billing",
    provider: "Google Cloud",
    service: "Google Cloud and Workspace billing notices",
    category: "cloud",
    identity: domain("google.com"),
    sources: [
      {
        url: "https://support.google.com/a/answer/1301233",
        publisher: "provider",
        says: "Google's billing e-mails (card declines, verification) come with an @google.com domain",
      },
    ],
  },
  {
    id: "okta",
    provider: "Okta",
    service: "Okta sign-in, enrolment and password-reset e-mail",
    category: "identity",
    identity: domain("okta.com"),
    sources: [
      {
        url: "https://help.okta.com/en-us/Content/Topics/Settings/Settings_Configure_A_Custom_Email_Domain.htm",
        publisher: "provider",
        says: "Without a custom e-mail domain Okta sends from noreply@okta.com",
      },
      {
        url: "https://support.okta.com/help/s/article/ip-spf-and-dkim-info-for-custom-email-domain",
        publisher: "provider",
        says: "Okta sends from okta.com with SPF, DKIM and DMARC (policy reject)",
      },
    ],
  },
  {
    id: "github",
    provider: "GitHub",
    service: "GitHub notifications and security alerts",
    category: "code-hosting",
    identity: domain("github.com"),
    sources: [
      {
        url: "https://docs.github.com/en/subscriptions-and-notifications/reference/email-notification-headers",
        publisher: "provider",
        says: "The From address of GitHub's notification e-mail is always notifications@github.com",
      },
    ],
  },
  {
    id: "docusign-net",
    provider: "Docusign",
    service: "Docusign envelope notifications",
    category: "e-signature",
    identity: domain("docusign.net", true),
    sources: [
      {
        url: "https://support.docusign.com/en/articles/Why-am-I-not-getting-DocuSign-email-notifications",
        publisher: "provider",
        says: "Docusign sends from dse@docusign.net, dse_na2@docusign.net, dse@eumail.docusign.net…; allow @docusign.net and @docusign.com",
      },
    ],
  },
  {
    id: "docusign-com",
    provider: "Docusign",
    service: "Docusign account e-mail",
    category: "e-signature",
    identity: domain("docusign.com"),
    sources: [
      {
        url: "https://support.docusign.com/en/articles/Why-am-I-not-getting-DocuSign-email-notifications",
        publisher: "provider",
        says: "Allow e-mail from the domains @docusign.net and @docusign.com",
      },
    ],
  },
  {
    id: "adobe-sign",
    provider: "Adobe Acrobat Sign",
    service: "Acrobat Sign agreement notifications",
    category: "e-signature",
    identity: domain("adobesign.com"),
    sources: [
      {
        url: "https://helpx.adobe.com/sign/kb/users-dont-receive-notification-emails.html",
        publisher: "provider",
        says: "Acrobat Sign's notification e-mail comes from adobesign@adobesign.com",
      },
      {
        url: "https://helpx.adobe.com/sign/using/echosign-domain-change.html",
        publisher: "provider",
        says: "Accounts moved from echosign.com to adobesign.com; allow adobesign@adobesign.com",
      },
    ],
  },
];

/** The catalogue by id. */
export const CATALOGUE_BY_ID: ReadonlyMap<string, CatalogueEntry> = new Map(
  CATALOGUE.map((entry) => [entry.id, entry]),
);
