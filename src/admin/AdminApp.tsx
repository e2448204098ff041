import { useEffect, useState } from "react";
import { Button, Select, Spinner, Tab, TabList, Text, Title3 } from "@fluentui/react-components";
import { createDevTokenProvider, type DevIdentity } from "../api/auth";
import type { MeResponse } from "../api/contract";
import { AdminClient } from "./admin-client";
import { ActivityView } from "./ActivityView";
import { AuditView } from "./AuditView";
import {
  ADMIN_LANGUAGES,
  type AdminLanguage,
  initialLanguage,
  rememberLanguage,
  StringsContext,
  useStrings,
} from "./i18n";
import { InsightsView } from "./InsightsView";
import { ProposalsView } from "./ProposalsView";
import { SettingsView } from "./SettingsView";
import { SignIn } from "./SignIn";
import { SweepView } from "./SweepView";
import { useAdminStyles } from "./styles";
import { WatchBanner, WatchView } from "./WatchView";

type Session =
  | { state: "signed-out"; error: string | null }
  | { state: "signing-in" }
  | { state: "signed-in"; client: AdminClient; me: MeResponse };

type View = "proposals" | "insights" | "audit" | "activity" | "settings" | "watch" | "sweep";

const SESSION_KEY = "vouch.admin.identity";

function rememberedIdentity(): DevIdentity | null {
  try {
    const text = sessionStorage.getItem(SESSION_KEY);
    return text ? (JSON.parse(text) as DevIdentity) : null;
  } catch {
    return null;
  }
}

/** Asks for a token and who it belongs to. */
async function sessionFor(identity: DevIdentity, baseUrl: string): Promise<Session> {
  const client = new AdminClient(createDevTokenProvider(identity, { baseUrl }), baseUrl);
  try {
    const me = await client.me();
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(identity));
    return { state: "signed-in", client, me };
  } catch (error) {
    sessionStorage.removeItem(SESSION_KEY);
    return { state: "signed-out", error: error instanceof Error ? error.message : null };
  }
}

/** English or German, by the person's choice or else the browser's language. */
function LanguageSwitch(props: {
  language: AdminLanguage;
  onChange: (language: AdminLanguage) => void;
}) {
  const t = useStrings();
  return (
    <Select
      aria-label={t.languageLabel}
      value={props.language}
      onChange={(_, data) => props.onChange(data.value as AdminLanguage)}
    >
      {(Object.keys(ADMIN_LANGUAGES) as AdminLanguage[]).map((language) => (
        <option key={language} value={language} lang={language}>
          {ADMIN_LANGUAGES[language].languageName}
        </option>
      ))}
    </Select>
  );
}

export function AdminApp(props: { baseUrl?: string; language?: AdminLanguage }) {
  const [language, setLanguage] = useState<AdminLanguage>(
    () => props.language ?? initialLanguage(),
  );
  const t = ADMIN_LANGUAGES[language];
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.app.title;
  }, [language, t]);
  const choose = (next: AdminLanguage) => {
    rememberLanguage(next);
    setLanguage(next);
  };
  return (
    <StringsContext.Provider value={t}>
      <Console baseUrl={props.baseUrl ?? ""} language={language} onLanguage={choose} />
    </StringsContext.Provider>
  );
}

function Console(props: {
  baseUrl: string;
  language: AdminLanguage;
  onLanguage: (language: AdminLanguage) => void;
}) {
  const styles = useAdminStyles();
  const t = useStrings();
  // A reload keeps the person signed in for the browser session.
  const [remembered] = useState(rememberedIdentity);
  const [session, setSession] = useState<Session>(
    remembered ? { state: "signing-in" } : { state: "signed-out", error: null },
  );
  const [view, setView] = useState<View>("proposals");
  const [selected, setSelected] = useState<string | null>(null);

  const { baseUrl } = props;
  useEffect(() => {
    if (!remembered) return;
    let live = true;
    void sessionFor(remembered, baseUrl).then((next) => live && setSession(next));
    return () => {
      live = false;
    };
  }, [remembered, baseUrl]);

  const signIn = (identity: DevIdentity) => {
    setSession({ state: "signing-in" });
    void sessionFor(identity, baseUrl).then(setSession);
  };

  const signOut = () => {
    sessionStorage.removeItem(SESSION_KEY);
    setSelected(null);
    setSession({ state: "signed-out", error: null });
  };

  const languageSwitch = <LanguageSwitch language={props.language} onChange={props.onLanguage} />;

  if (session.state === "signing-in") {
    return (
      <main className={styles.signIn}>
        <Spinner label={t.app.signingIn} />
      </main>
    );
  }
  if (session.state === "signed-out") {
    return (
      <SignIn
        onSignIn={signIn}
        error={session.error === null ? null : session.error || t.signIn.failed}
        languageSwitch={languageSwitch}
      />
    );
  }

  const { client, me } = session;
  const showProposal = (id: string) => {
    setSelected(id);
    setView("proposals");
  };
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Title3 as="h1">{t.app.title}</Title3>
        <div className={styles.meta}>
          <Text className={styles.breakable}>{t.app.signedInAs(me.userId, me.tenantId)}</Text>
          {languageSwitch}
          <Button onClick={signOut}>{t.app.signOut}</Button>
        </div>
      </header>
      {me.isAdmin ? (
        <main className={styles.main}>
          <TabList
            selectedValue={view}
            onTabSelect={(_, data) => setView(data.value as View)}
            aria-label={t.app.sections}
            className={styles.tabs}
          >
            <Tab value="proposals">{t.app.tabs.proposals}</Tab>
            <Tab value="insights">{t.app.tabs.insights}</Tab>
            <Tab value="audit">{t.app.tabs.audit}</Tab>
            <Tab value="activity">{t.app.tabs.activity}</Tab>
            <Tab value="settings">{t.app.tabs.settings}</Tab>
            <Tab value="watch">{t.watch.tab}</Tab>
            <Tab value="sweep">{t.sweep.tab}</Tab>
          </TabList>
          <WatchBanner client={client} onShowProposal={showProposal} />
          {view === "proposals" && (
            <ProposalsView client={client} selected={selected} onSelect={setSelected} />
          )}
          {view === "insights" && <InsightsView client={client} onShowProposal={showProposal} />}
          {view === "audit" && <AuditView client={client} />}
          {view === "activity" && <ActivityView client={client} />}
          {view === "settings" && <SettingsView client={client} />}
          {view === "watch" && <WatchView client={client} />}
          {view === "sweep" && <SweepView client={client} onShowProposal={showProposal} />}
        </main>
      ) : (
        <main className={styles.main}>
          <div className={styles.card} role="alert">
            <Title3 as="h2">{t.app.notAdminTitle}</Title3>
            <Text>{t.app.notAdminBody}</Text>
          </div>
        </main>
      )}
    </div>
  );
}
