/** The findings' texts by language. Both languages are small, so both ship in the analysis. */
import type { Language } from "../language";
import { de } from "./de";
import { en } from "./en";
import type { FindingTexts } from "./types";

const TEXTS: Readonly<Record<Language, FindingTexts>> = { en, de };

export function findingTexts(language: Language): FindingTexts {
  return TEXTS[language] ?? en;
}
