import { useEffect, useState } from "react";
import { Button, Spinner, Tab, TabList, Text, Title3 } from "@fluentui/react-components";
import { createDevTokenProvider, type DevIdentity } from "../api/auth";
import type { MeResponse } from "../api/contract";
import { AdminClient } from "./admin-client";
import { ActivityView } from "./ActivityView";
import { AuditView } from "./AuditView";
import { InsightsView } from "./InsightsView";
import { ProposalsView } from "./ProposalsView";
import { SignIn } from "./SignIn";
import { useAdminStyles } from "./styles";

type Session =
  | { state: "signed-out"; error: string | null }
  | { state: "signing-in" }
  | { state: "signed-in"; client: AdminClient; me: MeResponse };

type View = "proposals" | "insights" | "audit" | "activity";

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
    return {
      state: "signed-out",
      error: error instanceof Error ? error.message : "Sign-in failed.",
    };
  }
}

export function AdminApp(props: { baseUrl?: string }) {
  const styles = useAdminStyles();
  // A reload keeps the person signed in for the browser session.
  const [remembered] = useState(rememberedIdentity);
  const [session, setSession] = useState<Session>(
    remembered ? { state: "signing-in" } : { state: "signed-out", error: null },
  );
  const [view, setView] = useState<View>("proposals");

  const baseUrl = props.baseUrl ?? "";
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
    setSession({ state: "signed-out", error: null });
  };

  if (session.state === "signing-in") {
    return (
      <main className={styles.signIn}>
        <Spinner label="Signing in…" />
      </main>
    );
  }
  if (session.state === "signed-out") return <SignIn onSignIn={signIn} error={session.error} />;

  const { client, me } = session;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Title3 as="h1">Vouch console</Title3>
        <div className={styles.meta}>
          <Text className={styles.breakable}>
            {me.userId} · {me.tenantId}
          </Text>
          <Button onClick={signOut}>Sign out</Button>
        </div>
      </header>
      {me.isAdmin ? (
        <main className={styles.main}>
          <TabList
            selectedValue={view}
            onTabSelect={(_, data) => setView(data.value as View)}
            aria-label="Console sections"
          >
            <Tab value="proposals">Proposals</Tab>
            <Tab value="insights">Insights</Tab>
            <Tab value="audit">Audit log</Tab>
            <Tab value="activity">Activity</Tab>
          </TabList>
          {view === "proposals" && <ProposalsView client={client} />}
          {view === "insights" && <InsightsView client={client} />}
          {view === "audit" && <AuditView client={client} />}
          {view === "activity" && <ActivityView client={client} />}
        </main>
      ) : (
        <main className={styles.main}>
          <div className={styles.card} role="alert">
            <Title3 as="h2">You are not an admin of Vouch</Title3>
            <Text>
              The console is for the people who decide on allow-list proposals. Ask your Microsoft
              365 admin for the Vouch.Admin role; your reports from Outlook still count.
            </Text>
          </div>
        </main>
      )}
    </div>
  );
}
