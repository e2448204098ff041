import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import type { CampaignInsightDto } from "../api/admin-contract";
import type { AdminClient } from "./admin-client";
import { useStrings } from "./i18n";
import { SafeText } from "./SafeText";
import { useAdminStyles } from "./styles";
import { useLoad } from "./use-load";
import { causeLabel, dateOnly, refusalShort } from "./words";

/** A refused look-alike many people vouched for: warn people, it is a campaign. */
function Campaign(props: { campaign: CampaignInsightDto; onShow: () => void }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const { campaign } = props;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.insights.campaignTitle(campaign.reporters)}</MessageBarTitle>
        <span className={styles.campaignSender}>
          <SafeText text={campaign.senderKey} identifier />
        </span>
        <span>{t.insights.campaignBody(refusalShort(t, campaign.refusal))}</span>
        <span className={styles.small}>
          {" "}
          {t.insights.campaignMeta(campaign.reports, dateOnly(t.language, campaign.lastSeen))}
        </span>
        <div className={styles.messageAction}>
          <Button size="small" onClick={props.onShow}>
            {t.insights.openProposal}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}

/** Campaigns first, then causes an allow cannot fix, tenant-wide, with the setting to look at. */
export function InsightsView(props: { client: AdminClient; onShowProposal: (id: string) => void }) {
  const styles = useAdminStyles();
  const t = useStrings();
  const [insights] = useLoad(() => props.client.insights(), [props.client]);
  if (insights.state === "loading") return <Spinner label={t.insights.loading} />;
  if (insights.state === "error") return <Text role="alert">{insights.message}</Text>;
  const { items, campaigns } = insights.value;
  return (
    <>
      {campaigns.length > 0 && (
        <section className={styles.card} aria-labelledby="campaigns-heading">
          <Subtitle2 as="h2" id="campaigns-heading">
            {t.insights.campaignsHeading}
          </Subtitle2>
          {campaigns.map((campaign) => (
            <Campaign
              key={campaign.proposalId}
              campaign={campaign}
              onShow={() => props.onShowProposal(campaign.proposalId)}
            />
          ))}
        </section>
      )}
      {items.length === 0 && campaigns.length === 0 && (
        <section className={styles.card}>
          <Text>{t.insights.none}</Text>
        </section>
      )}
      {items.map((item) => (
        <section key={item.cause} className={styles.card} aria-label={causeLabel(t, item.cause)}>
          <Subtitle2 as="h2">{causeLabel(t, item.cause)}</Subtitle2>
          <Text>{t.causeSettings[item.cause] ?? item.setting}</Text>
          <Text className={styles.small}>{t.insights.counts(item.reports, item.senders)}</Text>
          <ul>
            {item.topSenders.map((sender) => (
              <li key={sender.senderKey} className={styles.breakable}>
                <SafeText
                  text={t.insights.topSender(sender.senderKey, sender.reports)}
                  identifier
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
