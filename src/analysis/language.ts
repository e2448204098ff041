/**
 * The languages the analysis writes its texts in. English is the default and what the CLI and
 * the service keep; German is for people whose Outlook speaks German.
 */
export type Language = "en" | "de";

export const LANGUAGES: readonly Language[] = ["en", "de"];

/** The language of a BCP 47 tag such as Office's display language ("de-DE" → "de"), English otherwise. */
export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? "").slice(0, 2).toLowerCase();
  const separator = (tag ?? "").charAt(2);
  return primary === "de" && (separator === "" || separator === "-" || separator === "_")
    ? "de"
    : "en";
}
