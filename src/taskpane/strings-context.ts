import { createContext, useContext } from "react";
import { en } from "./i18n/en";
import type { Strings } from "./i18n";

export const StringsContext = createContext<Strings>(en);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
