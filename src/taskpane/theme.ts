import {
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MailHost, ThemeKind } from "../office/host";

export function fluentTheme(kind: ThemeKind): Theme {
  switch (kind) {
    case "dark":
      return webDarkTheme;
    case "high-contrast":
      return teamsHighContrastTheme;
    case "light":
      return webLightTheme;
  }
}

/** Office's theme, followed as it changes. */
export function useHostTheme(host: MailHost): ThemeKind {
  const [theme, setTheme] = useState<ThemeKind>(() => host.theme());
  useEffect(() => {
    setTheme(host.theme());
    return host.onThemeChanged(setTheme);
  }, [host]);
  return theme;
}
