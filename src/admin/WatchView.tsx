import type { AdminClient } from "./admin-client";
import { ChannelsSection } from "./watch/ChannelsSection";
import { SendersSection } from "./watch/SendersSection";
import { TrendSection } from "./watch/TrendSection";

export { WatchBanner } from "./watch/WatchBanner";

/** The critical-service watch: the list, the alert channels and the trend. */
export function WatchView(props: { client: AdminClient }) {
  return (
    <>
      <SendersSection client={props.client} />
      <ChannelsSection client={props.client} />
      <TrendSection client={props.client} />
    </>
  );
}
