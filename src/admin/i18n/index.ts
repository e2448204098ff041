import { createContext, useContext } from "react";
import { en } from "./en";
import { de } from "./de";

/** The shape every language must fill: a missing key fails the type-check. */
export type AdminStrings = typeof en;
export type AdminLanguage = "en" | "de";

export const ADMIN_LANGUAGES: Record<AdminLanguage, AdminStrings> = { en, de };

const LANGUAGE_KEY = "vouch.admin.language";

function isLanguage(value: string | null | undefined): value is AdminLanguage {
  return value === "en" || value === "de";
}

/** A language tag's primary subtag if the console speaks it ("de-AT" → "de"), else null. */
export function languageOf(tag: string): AdminLanguage | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : null;
}

/** The person's own choice if they made one, else the browser's first language we speak. */
export function initialLanguage(): AdminLanguage {
  try {
    const chosen = localStorage.getItem(LANGUAGE_KEY);
    if (isLanguage(chosen)) return chosen;
  } catch {
    // Storage may be off; the browser's language still counts.
  }
  const tags =
    typeof navigator === "undefined" ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of tags) {
    const language = tag ? languageOf(tag) : null;
    if (language) return language;
  }
  return "en";
}

export function rememberLanguage(language: AdminLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not remembered across visits; this visit still switches.
  }
}

export const StringsContext = createContext<AdminStrings>(en);

export function useStrings(): AdminStrings {
  return useContext(StringsContext);
}
