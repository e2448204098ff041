import { useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useStrings } from "./strings-context";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  pre: {
    margin: 0,
    maxHeight: "320px",
    overflow: "auto",
    whiteSpace: "pre-wrap",
    wordBreak: "break-all",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    marginInline: 0,
  },
});

/** The raw header block, collapsed, with a copy button. Loaded lazily. */
export default function RawHeaders({ raw }: { raw: string }) {
  const t = useStrings();
  const styles = useStyles();
  const section = useSectionStyles();
  const [copyStatus, setCopyStatus] = useState<string>("");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(raw);
      setCopyStatus(t.raw.copied);
    } catch {
      setCopyStatus(t.raw.copyFailed);
    }
  };

  return (
    <section className={section.section} aria-label={t.raw.heading} data-testid="raw">
      <Accordion collapsible>
        <AccordionItem value="raw">
          <AccordionHeader as="h2">{t.raw.heading}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <Button onClick={() => void copy()}>{t.raw.copy}</Button>
            <p className={section.muted} role="status">
              {copyStatus}
            </p>
            <pre className={styles.pre} tabIndex={0} aria-label={t.raw.heading}>
              {raw}
            </pre>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
