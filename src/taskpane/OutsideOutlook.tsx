import { FluentProvider, Link, webLightTheme } from "@fluentui/react-components";
import { stringsFor } from "./i18n";

/** Shown when the pane's page is opened outside Outlook (Office.onReady gives no host). */
export function OutsideOutlook({ language }: { language: string }) {
  const t = stringsFor(language);
  return (
    <FluentProvider theme={webLightTheme} lang={t.language}>
      <main style={{ padding: 16, maxWidth: 640 }}>
        <h1 style={{ fontSize: 20, margin: "0 0 12px" }}>{t.appName}</h1>
        <p>{t.openFromOutlook}</p>
        <p>
          <Link href="/harness.html">{t.openHarness}</Link>
        </p>
      </main>
    </FluentProvider>
  );
}
