import { useEffect, useMemo, useState } from "react";
import { createStandinHost } from "../office/standin-host";
import { DEV_IDENTITY_STORAGE_KEY, createDevTokenProvider } from "../api/auth";
import { Pane } from "../taskpane/Pane";
import { signedInServices, type SignedInServices } from "../taskpane/services";
import { loadCatalog, loadSampleItem, type Sample } from "./catalog";
import {
  DEV_TENANT,
  DEV_USERS,
  LANGUAGES,
  QUIRKS,
  THEMES,
  WIDTHS,
  settingsFromUrl,
  settingsToUrl,
  type HarnessSettings,
} from "./settings";
import "./harness.css";

/**
 * The dev harness: the real pane on the in-browser stand-in for Outlook, with the samples, a
 * theme and a language switch, and development sign-in as one of a few made-up users.
 */
export function Harness() {
  const [settings, setSettings] = useState<HarnessSettings>(() => settingsFromUrl(location.search));
  const host = useMemo(
    () => createStandinHost({ displayLanguage: settings.lang, theme: settings.theme }),
    // The stand-in lives as long as the page; settings below drive it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const [catalog, setCatalog] = useState<Sample[] | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [signIn, setSignIn] = useState<string>("");

  const update = (change: Partial<HarnessSettings>) =>
    setSettings((current) => {
      const next = { ...current, ...change };
      history.replaceState(null, "", settingsToUrl(next));
      return next;
    });

  useEffect(() => {
    loadCatalog().then(
      (samples) => {
        setCatalog(samples);
        setSettings((current) =>
          current.sample && samples.some((sample) => sample.id === current.sample)
            ? current
            : { ...current, sample: samples[0]?.id ?? null },
        );
      },
      (error: unknown) => setCatalogError(String(error)),
    );
  }, []);

  const services = useMemo<SignedInServices | null>(
    () =>
      settings.user === "signed-out"
        ? null
        : signedInServices(createDevTokenProvider({ tenant: DEV_TENANT, user: settings.user })),
    [settings.user],
  );
  useEffect(() => () => services?.stop(), [services]);
  // The ribbon command (commands.html) signs in as whoever the harness chose.
  useEffect(() => {
    if (settings.user !== "signed-out") {
      localStorage.setItem(
        DEV_IDENTITY_STORAGE_KEY,
        JSON.stringify({ tenant: DEV_TENANT, user: settings.user }),
      );
    }
  }, [settings.user]);

  useEffect(() => {
    if (!services) return;
    let current = true;
    services.api.me().then((result) => {
      if (!current) return;
      setSignIn(
        result.ok
          ? `Signed in as ${result.value.userId} (tenant ${result.value.tenantId}${result.value.isAdmin ? ", admin" : ""}).`
          : `Development sign-in failed (${result.error.kind}). Is the service running with VOUCH_AUTH=dev?`,
      );
    });
    return () => {
      current = false;
    };
  }, [services]);

  useEffect(() => host.setTheme(settings.theme), [host, settings.theme]);
  useEffect(() => host.setDisplayLanguage(settings.lang), [host, settings.lang]);

  const selected = catalog?.find((sample) => sample.id === settings.sample) ?? null;
  useEffect(() => {
    host.setHeadersQuirk(settings.quirk);
    if (!selected) return;
    let current = true;
    loadSampleItem(selected).then(
      (item) => {
        if (current) host.setItem(item);
      },
      (error: unknown) => setCatalogError(String(error)),
    );
    return () => {
      current = false;
    };
  }, [host, selected, settings.quirk]);

  return (
    <div className="harness" data-theme={settings.theme}>
      <aside className="harness-controls" aria-label="Harness controls">
        <p className="harness-title">
          <strong>Vouch dev harness</strong> — the real task pane on a stand-in for Outlook.
        </p>
        <div className="harness-grid">
          <label>
            Message
            <select
              value={settings.sample ?? ""}
              onChange={(event) => update({ sample: event.target.value })}
              disabled={!catalog}
            >
              {(catalog ?? []).map((sample) => (
                <option key={sample.id} value={sample.id}>
                  {sample.title ?? sample.id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Theme
            <select
              value={settings.theme}
              onChange={(event) =>
                update({ theme: event.target.value as HarnessSettings["theme"] })
              }
            >
              {THEMES.map((theme) => (
                <option key={theme} value={theme}>
                  {theme}
                </option>
              ))}
            </select>
          </label>
          <label>
            Language
            <select
              value={settings.lang}
              onChange={(event) => update({ lang: event.target.value })}
            >
              {LANGUAGES.map((language) => (
                <option key={language.tag} value={language.tag}>
                  {language.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Dev user
            <select
              value={settings.user}
              onChange={(event) => update({ user: event.target.value as HarnessSettings["user"] })}
            >
              {DEV_USERS.map((user) => (
                <option key={user} value={user}>
                  {user}
                </option>
              ))}
            </select>
          </label>
          <label>
            Outlook quirk
            <select
              value={settings.quirk}
              onChange={(event) =>
                update({ quirk: event.target.value as HarnessSettings["quirk"] })
              }
            >
              {QUIRKS.map((quirk) => (
                <option key={quirk} value={quirk}>
                  {quirk}
                </option>
              ))}
            </select>
          </label>
          <label>
            Pane width
            <select
              value={settings.width}
              onChange={(event) =>
                update({ width: event.target.value as HarnessSettings["width"] })
              }
            >
              {WIDTHS.map((width) => (
                <option key={width} value={width}>
                  {width === "full" ? "full" : `${width} px`}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="harness-status" data-testid="harness-signin">
          {services ? signIn : "Signed out: the pane explains but cannot report."}
        </p>
        {catalogError ? (
          <p className="harness-error">Could not load the samples: {catalogError}</p>
        ) : null}
        {selected?.story ? (
          <details>
            <summary>What this sample is about</summary>
            <p>{selected.story}</p>
          </details>
        ) : null}
        <nav aria-label="Other pages" className="harness-links">
          <a href="/admin.html">Admin console</a>
          <a href="/api/openapi.json">API (OpenAPI)</a>
          <a href="/taskpane.html">Task pane page</a>
        </nav>
      </aside>
      <div
        className="harness-frame"
        style={settings.width === "full" ? undefined : { width: `${settings.width}px` }}
        data-testid="pane-frame"
      >
        <Pane
          key={`${settings.user}|${settings.lang}`}
          host={host}
          api={services?.api ?? null}
          queue={services?.queue ?? null}
          graph={services?.graph ?? null}
        />
      </div>
    </div>
  );
}
