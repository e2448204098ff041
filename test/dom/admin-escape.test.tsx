import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { escapeForDisplay } from "../../src/admin/escape";
import { SafeText } from "../../src/admin/SafeText";

/** Text that reorders, hides or imitates is shown escaped, with a warning beside it. */
describe("escapeForDisplay", () => {
  it("escapes bidi controls and zero-width characters anywhere", () => {
    expect(escapeForDisplay("invoice\u202Efdp.exe", false)).toEqual({
      text: "invoice\\u202Efdp.exe",
      escaped: true,
    });
    expect(escapeForDisplay("pay\u200Bpal.example", true).text).toBe("pay\\u200Bpal.example");
    expect(escapeForDisplay("a\u2066b\u2069c\uFEFF", false).text).toBe("a\\u2066b\\u2069c\\uFEFF");
  });

  it("escapes look-alike letters in identifiers, not honest IDN letters or ordinary text", () => {
    // Cyrillic а (U+0430) in place of the Latin a.
    expect(escapeForDisplay("p\u0430ypal.example", true)).toEqual({
      text: "p\\u0430ypal.example",
      escaped: true,
    });
    expect(escapeForDisplay("müller-straße.de", true)).toEqual({
      text: "müller-straße.de",
      escaped: false,
    });
    // A comment in Russian stays readable.
    expect(escapeForDisplay("Это от нашего партнёра", false).escaped).toBe(false);
    expect(escapeForDisplay("\u{E0041}", false).text).toBe("\\u{E0041}");
  });
});

describe("SafeText", () => {
  it("shows the escape and a warning badge, and isolates the text", () => {
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <SafeText text={"billing@\u202Eelpmaxe.contoso"} identifier />
      </FluentProvider>,
    );
    expect(container.textContent).toContain("billing@\\u202Eelpmaxe.contoso");
    expect(container.textContent).toContain("Hidden or look-alike characters");
    expect(container.textContent).not.toContain("\u202E");
    expect(container.querySelector("bdi")).not.toBeNull();
  });
});
