import { useState } from "react";
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
import { useAdminStyles } from "./styles";

/** Identities the development issuer can sign for, one click each; or any other by hand. */
export const PRESET_IDENTITIES: readonly (DevIdentity & { label: string })[] = [
  { label: "Contoso admin", tenant: "contoso", user: "admin", admin: true },
  { label: "Contoso person (not an admin)", tenant: "contoso", user: "person0", admin: false },
];

export function SignIn(props: { onSignIn: (identity: DevIdentity) => void; error: string | null }) {
  const styles = useAdminStyles();
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
      <Card>
        <form onSubmit={submit} style={{ display: "flex", flexDirection: "column", gap: 12 }}>
          <Subtitle1 as="h1">Sign in to the Vouch console</Subtitle1>
          <Text>Development sign-in: pick who you are. Production uses Microsoft Entra ID.</Text>
          <RadioGroup
            value={choice}
            onChange={(_, data) => setChoice(data.value)}
            aria-label="Identity"
          >
            {PRESET_IDENTITIES.map((identity, index) => (
              <Radio key={identity.label} value={String(index)} label={identity.label} />
            ))}
            <Radio value="custom" label="Someone else" />
          </RadioGroup>
          {custom && (
            <>
              <Field label="Tenant" required>
                <Input value={tenant} onChange={(_, data) => setTenant(data.value)} />
              </Field>
              <Field label="User" required>
                <Input value={user} onChange={(_, data) => setUser(data.value)} />
              </Field>
              <Checkbox
                checked={admin}
                onChange={(_, data) => setAdmin(data.checked === true)}
                label="Sign in with the Vouch admin role"
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
            Sign in
          </Button>
        </form>
      </Card>
    </main>
  );
}
