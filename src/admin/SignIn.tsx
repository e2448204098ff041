import { useState, type ReactNode } from "react";
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Subtitle1,
  Text,
} from "@fluentui/react-components";
import type { DevIdentity } from "../api/auth";
import { useStrings, type AdminStrings } from "./i18n";
import { useAdminStyles } from "./styles";

/** Identities the development issuer can sign for, one click each; or any other by hand. */
export const PRESET_IDENTITIES: readonly (DevIdentity & {
  label: keyof AdminStrings["signIn"]["presets"];
})[] = [
  { label: "contosoAdmin", tenant: "contoso", user: "admin", admin: true },
  { label: "contosoPerson", tenant: "contoso", user: "person0", admin: false },
];

export function SignIn(props: {
  onSignIn: (identity: DevIdentity) => void;
  error: string | null;
  languageSwitch: ReactNode;
}) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [choice, setChoice] = useState("0");
  const [tenant, setTenant] = useState("contoso");
  const [user, setUser] = useState("admin");
  const [admin, setAdmin] = useState(true);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const preset = PRESET_IDENTITIES[Number(choice)];
    props.onSignIn(
      preset
        ? { tenant: preset.tenant, user: preset.user, admin: preset.admin ?? false }
        : { tenant: tenant.trim(), user: user.trim(), admin },
    );
  };
  const custom = choice === "custom";
  return (
    <main className={styles.signIn}>
      <div className={styles.signInLanguage}>{props.languageSwitch}</div>
      <Card>
        <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: 12 }}>
          <Subtitle1 as="h1">{t.signIn.heading}</Subtitle1>
          <Text>{t.signIn.intro}</Text>
          <RadioGroup
            value={choice}
            onChange={(_, data) => setChoice(data.value)}
            aria-label={t.signIn.identity}
          >
            {PRESET_IDENTITIES.map((identity, index) => (
              <Radio
                key={identity.label}
                value={String(index)}
                label={t.signIn.presets[identity.label]}
              />
            ))}
            <Radio value="custom" label={t.signIn.someoneElse} />
          </RadioGroup>
          {custom && (
            <>
              <Field label={t.signIn.tenant} required>
                <Input value={tenant} onChange={(_, data) => setTenant(data.value)} />
              </Field>
              <Field label={t.signIn.user} required>
                <Input value={user} onChange={(_, data) => setUser(data.value)} />
              </Field>
              <Checkbox
                checked={admin}
                onChange={(_, data) => setAdmin(data.checked === true)}
                label={t.signIn.adminRole}
              />
            </>
          )}
          {props.error && (
            <Text role="alert" style={{ color: "var(--colorPaletteRedForeground1)" }}>
              {props.error}
            </Text>
          )}
          <Button
            appearance="primary"
            type="submit"
            disabled={custom && (!tenant.trim() || !user.trim())}
          >
            {t.signIn.submit}
          </Button>
        </form>
      </Card>
    </main>
  );
}
