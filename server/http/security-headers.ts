import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { IncomingMessage } from "node:http";

/**
 * Where Outlook shows the task pane and runs the function file in a frame. Only Outlook on the
 * web and the new Outlook on Windows (the same web app in WebView2) frame them; classic Outlook
 * on Windows, Outlook on Mac and mobile load them as a top-level page, where frame-ancestors
 * does not apply. Microsoft publishes no list of add-in frame ancestors (OfficeDev/office-js
 * issue #1005, open since 2019); this list is Outlook on the web's own addresses:
 * - outlook.office.com, outlook.office365.com, outlook.cloud.microsoft: Exchange Online's
 *   web endpoints ("Office 365 URLs and IP address ranges", Exchange Online, ID 1,
 *   https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges; the move to
 *   cloud.microsoft: "Unified cloud.microsoft domain for Microsoft 365 apps",
 *   https://learn.microsoft.com/microsoft-365/enterprise/cloud-microsoft-domain).
 * - outlook.live.com: Outlook.com, where add-ins run too ("Outlook add-ins overview":
 *   web (Microsoft 365 and Outlook.com), https://learn.microsoft.com/office/dev/add-ins/outlook/outlook-add-ins-overview).
 * - *.officeapps.live.com: Office on the web's add-in host frames (OfficeDev/office-js #3342).
 * Sovereign clouds and on-premises Outlook on the web add theirs with VOUCH_FRAME_ANCESTORS.
 */
export const OUTLOOK_FRAME_ANCESTORS = [
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.cloud.microsoft",
  "https://outlook.live.com",
  "https://*.officeapps.live.com",
] as const;

/** The pages Outlook loads: they run Office.js and may be framed by Outlook. */
export const OFFICE_PAGES: ReadonlySet<string> = new Set([
  "/taskpane.html",
  "/commands.html",
  // The sign-in dialog where nested app authentication is missing (src/auth-dialog).
  "/auth-dialog.html",
]);

/**
 * Scripts an Office page may load besides its own. Office.js comes from Microsoft's CDN (its
 * documented home) or, in development and tests, from this service (/office-js/); and the host-specific files it pulls in
 * come from wherever office.js came from. On Outlook on the web those files load Microsoft's
 * MicrosoftAjax.js from ajax.aspnetcdn.com when the page has not (see loadMsAjaxFull in
 * @microsoft/office-js dist/outlook-web-16.01.js): that one file, not the whole CDN, which also
 * serves libraries a script injection could use.
 */
export const OFFICE_SCRIPT_SOURCES = [
  "https://appsforoffice.microsoft.com",
  // The sovereign clouds' Office.js CDNs (VOUCH_OFFICE_JS, server/http/office-pages.ts).
  "https://appsforoffice.gcc.cdn.office.net",
  "https://appsforoffice.gcch.cdn.office.net",
  "https://appsforoffice.dod.cdn.office.net",
  "https://appsforoffice.cdn.partner.office365.cn",
  "https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js",
] as const;

/**
 * What an Office page connects to besides this service: Microsoft Graph (the raw headers when
 * Office.js has none, reportMessage) and Entra ID (MSAL reads the authority's metadata; its
 * fallback outside nested app authentication signs in in a frame).
 */
const GRAPH = "https://graph.microsoft.com";
const ENTRA = "https://login.microsoftonline.com";

export interface SecurityHeaderOptions {
  /** HTTPS mode: HSTS and upgrade-insecure-requests (never on plain HTTP, where they break). */
  https: boolean;
  /** Origins besides Outlook's that may frame the Office pages (VOUCH_FRAME_ANCESTORS). */
  extraFrameAncestors: readonly string[];
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? "/").split("?")[0] ?? "/";
}

const isOfficePage = (request: IncomingMessage) => OFFICE_PAGES.has(pathOf(request));

/**
 * Security headers on every answer, by @fastify/helmet: a Content-Security-Policy without
 * inline or eval'd script anywhere; the Office pages framable only by Outlook's hosts, every
 * other page by nobody (frame-ancestors 'none' and X-Frame-Options DENY, which browsers too old
 * for CSP honour); HSTS in HTTPS mode; Referrer-Policy no-referrer (page addresses can carry a
 * sender: /senders/status?sender=...).
 *
 * style-src allows 'unsafe-inline', for styles only: Fluent UI 9 styles components with Griffel,
 * which inserts <style> elements at run time, and Vite keeps each page's small <style> block
 * inline. Griffel can stamp a nonce on its elements, but a nonce would need every page rendered
 * per request; styles cannot run script, and script-src stays strict.
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  options: SecurityHeaderOptions,
): Promise<void> {
  const officeAncestors = [...OUTLOOK_FRAME_ANCESTORS, ...options.extraFrameAncestors].join(" ");
  const byPage =
    (office: string, other: string) =>
    (request: IncomingMessage): string =>
      isOfficePage(request) ? office : other;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", byPage(OFFICE_SCRIPT_SOURCES.join(" "), "")],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", byPage(`${GRAPH} ${ENTRA}`, "")],
        frameSrc: ["'self'", byPage(ENTRA, "")],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [byPage(officeAncestors, "'none'")],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Set below: DENY everywhere but the Office pages, which Outlook frames from other origins.
    frameguard: false,
    hsts: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: "no-referrer" },
    // Outlook on the web opens the sign-in popup of the pane's MSAL fallback; keep the opener.
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" },
    // Set below, per path.
    crossOriginResourcePolicy: false,
  });
  app.addHook("onRequest", async (request, reply) => {
    if (!isOfficePage(request.raw)) reply.header("x-frame-options", "DENY");
    // Outlook's pages (other origins) show the ribbon icons; nothing else is for other sites.
    const shared = pathOf(request.raw).startsWith("/assets/");
    reply.header("cross-origin-resource-policy", shared ? "cross-origin" : "same-origin");
  });
}
