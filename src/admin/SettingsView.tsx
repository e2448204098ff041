import { useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Switch,
  Text,
  Textarea,
} from "@fluentui/react-components";
import type { TenantSettingsDto } from "../api/admin-contract";
import type { AdminClient } from "./admin-client";
import { useStrings } from "./i18n";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";

type NumberKey = "minReporters" | "minMailboxes" | "windowDays" | "expiryDays";

/** The bounds of src/api/admin-contract.ts tenantSettingsDtoSchema, checked before sending. */
const BOUNDS: Record<NumberKey, { min: number; max: number }> = {
  minReporters: { min: 2, max: 1000 },
  minMailboxes: { min: 1, max: 1000 },
  windowDays: { min: 1, max: 365 },
  expiryDays: { min: 1, max: 365 },
};
const NUMBER_KEYS = Object.keys(BOUNDS) as NumberKey[];
const PLANS: TenantSettingsDto["tablPlan"][] = ["eop", "mdo-p1", "mdo-p2"];

interface Draft {
  numbers: Record<NumberKey, string>;
  domains: string;
  plan: TenantSettingsDto["tablPlan"];
  reportToMicrosoft: boolean;
}

function draftOf(settings: TenantSettingsDto): Draft {
  return {
    numbers: Object.fromEntries(NUMBER_KEYS.map((key) => [key, String(settings[key])])) as Record<
      NumberKey,
      string
    >,
    domains: settings.acceptedDomains.join("\n"),
    plan: settings.tablPlan,
    reportToMicrosoft: settings.reportToMicrosoft,
  };
}

function numberIn(text: string, key: NumberKey): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= BOUNDS[key].min && value <= BOUNDS[key].max ? value : null;
}

/** What the API allows a tenant to set: the rules' thresholds, own domains, plan, Microsoft. */
function SettingsForm(props: {
  client: AdminClient;
  settings: TenantSettingsDto;
  onSaved: () => void;
}) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [draft, setDraft] = useState(() => draftOf(props.settings));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(
    null,
  );
  const numbers = Object.fromEntries(
    NUMBER_KEYS.map((key) => [key, numberIn(draft.numbers[key], key)]),
  ) as Record<NumberKey, number | null>;
  const invalid = NUMBER_KEYS.some((key) => numbers[key] === null);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    const domains = draft.domains
      .split(/[\s,;]+/)
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean);
    const next: TenantSettingsDto = {
      ...(numbers as Record<NumberKey, number>),
      acceptedDomains: [...new Set(domains)],
      tablPlan: draft.plan,
      reportToMicrosoft: draft.reportToMicrosoft,
    };
    const patch = Object.fromEntries(
      Object.entries(next).filter(
        ([key, value]) =>
          JSON.stringify(value) !== JSON.stringify(props.settings[key as keyof TenantSettingsDto]),
      ),
    ) as Partial<TenantSettingsDto>;
    if (Object.keys(patch).length === 0) {
      setMessage({ intent: "success", text: t.settings.unchanged });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await props.client.saveSettings(patch);
      setDraft(draftOf(saved));
      setMessage({ intent: "success", text: t.settings.saved });
      props.onSaved();
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<NumberKey, { label: string; hint: string }> = {
    minReporters: { label: t.settings.minReporters, hint: t.settings.minReportersHint },
    minMailboxes: { label: t.settings.minMailboxes, hint: t.settings.minMailboxesHint },
    windowDays: { label: t.settings.windowDays, hint: t.settings.windowDaysHint },
    expiryDays: { label: t.settings.expiryDays, hint: t.settings.expiryDaysHint },
  };

  return (
    <form className={styles.settingsForm} onSubmit={(event) => void save(event)}>
      <div className={styles.settingsNumbers}>
        {NUMBER_KEYS.map((key) => (
          <Field
            key={key}
            label={labels[key].label}
            hint={labels[key].hint}
            validationState={numbers[key] === null ? "error" : "none"}
            validationMessage={
              numbers[key] === null
                ? t.settings.invalidNumber(BOUNDS[key].min, BOUNDS[key].max)
                : undefined
            }
          >
            <Input
              type="number"
              inputMode="numeric"
              min={BOUNDS[key].min}
              max={BOUNDS[key].max}
              value={draft.numbers[key]}
              onChange={(_, data) =>
                setDraft({ ...draft, numbers: { ...draft.numbers, [key]: data.value } })
              }
            />
          </Field>
        ))}
      </div>
      <Field label={t.settings.acceptedDomains} hint={t.settings.acceptedDomainsHint}>
        <Textarea
          value={draft.domains}
          onChange={(_, data) => setDraft({ ...draft, domains: data.value })}
          resize="vertical"
          rows={3}
          spellCheck={false}
        />
      </Field>
      <Field label={t.settings.plan} hint={t.settings.planHint}>
        <RadioGroup
          value={draft.plan}
          onChange={(_, data) =>
            setDraft({ ...draft, plan: data.value as TenantSettingsDto["tablPlan"] })
          }
        >
          {PLANS.map((plan) => (
            <Radio key={plan} value={plan} label={t.settings.plans[plan]} />
          ))}
        </RadioGroup>
      </Field>
      <Field hint={t.settings.reportToMicrosoftHint}>
        <Switch
          checked={draft.reportToMicrosoft}
          onChange={(_, data) => setDraft({ ...draft, reportToMicrosoft: data.checked })}
          label={t.settings.reportToMicrosoft}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || invalid}>
          {busy ? t.settings.saving : t.settings.save}
        </Button>
      </div>
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody className={styles.breakable}>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

export function SettingsView(props: { client: AdminClient }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [settings, reload] = useLoad(() => props.client.settings(), [props.client]);
  return (
    <section className={styles.card} aria-labelledby="settings-heading">
      <Subtitle2 as="h2" id="settings-heading">
        {t.settings.heading}
      </Subtitle2>
      <Text>{t.settings.intro}</Text>
      {settings.state === "loading" && <Spinner label={t.settings.loading} />}
      {settings.state === "error" && <Text role="alert">{settings.message}</Text>}
      {settings.state === "ready" && (
        <SettingsForm client={props.client} settings={settings.value} onSaved={reload} />
      )}
    </section>
  );
}
