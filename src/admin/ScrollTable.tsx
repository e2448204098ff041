import type { ReactNode } from "react";
import { useAdminStyles } from "./styles";

/**
 * A table that scrolls sideways on its own when it is wider than the page. The scrolling box
 * takes focus, so a keyboard can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollTable(props: { label: string; stacked?: boolean; children: ReactNode }) {
  const styles = useAdminStyles();
  return (
    <div className={styles.tableWrap} role="region" aria-label={props.label} tabIndex={0}>
      <table
        aria-label={props.label}
        className={props.stacked ? `${styles.table} ${styles.stacked}` : styles.table}
      >
        {props.children}
      </table>
    </div>
  );
}
