import type { ReactNode } from "react";
import { Subtitle2, Text } from "@fluentui/react-components";
import { ErrorBar } from "./ErrorBar";
import { useAdminStyles } from "./styles";

/** One card of a console view: its heading (which names it), a line of intro, its error. */
export function Section(props: {
  id: string;
  title: string;
  intro?: ReactNode;
  error?: string | null;
  children?: ReactNode;
}) {
  const styles = useAdminStyles();
  return (
    <section className={styles.card} aria-labelledby={props.id}>
      <Subtitle2 as="h2" id={props.id}>
        {props.title}
      </Subtitle2>
      {props.intro && <Text>{props.intro}</Text>}
      <ErrorBar message={props.error ?? null} />
      {props.children}
    </section>
  );
}
