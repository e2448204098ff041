import { en } from "./en";
import { de } from "./de";

/** The shape every language file must fill: a missing key fails the type-check. */
export type Strings = typeof en;

const LANGUAGES: Record<string, Strings> = { en, de };

/** Picks the strings for Office's display language ("de-DE" → German), English otherwise. */
export function stringsFor(displayLanguage: string): Strings {
  const primary = displayLanguage.toLowerCase().split(/[-_]/)[0] ?? "en";
  return LANGUAGES[primary] ?? en;
}
