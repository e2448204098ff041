import type { ReactNode } from "react";
import { useSectionStyles } from "./styles";

/** One row of a section's two-column table: the label, then the value and its meaning. */
export function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  const section = useSectionStyles();
  return (
    <tr>
      <th scope="row" className={section.rowHeader}>
        {label}
      </th>
      <td className={section.cell}>{children}</td>
    </tr>
  );
}

/** One line "Name: value — meaning" inside a row's cell. */
export function Detail({
  name,
  value,
  meaning,
}: {
  name: string;
  value: string;
  meaning?: string | null;
}) {
  const section = useSectionStyles();
  return (
    <p className={section.muted}>
      {name}: <span className={section.code}>{value}</span>
      {meaning ? ` — ${meaning}` : ""}
    </p>
  );
}

/** A section's two-column table; its column names are for screen readers only. */
export function SectionTable({
  labelledBy,
  columns,
  children,
}: {
  labelledBy: string;
  columns: readonly [string, string];
  children: ReactNode;
}) {
  const section = useSectionStyles();
  return (
    <table className={section.table} aria-labelledby={labelledBy}>
      <thead className={section.visuallyHidden}>
        <tr>
          <th scope="col">{columns[0]}</th>
          <th scope="col">{columns[1]}</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
