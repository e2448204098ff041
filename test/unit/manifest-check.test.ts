import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PATHS,
  checkUnifiedManifest,
  checkXmlFile,
  checkXmlText,
  type CheckPaths,
  type Problem,
  type RuleId,
} from "../../scripts/manifest-check/index";
import {
  defaultValues,
  renderUnifiedManifest,
  renderXmlManifest,
} from "../../server/manifest/render";

const ROOT = resolve(import.meta.dirname, "../..");
const COMMITTED = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const UNIFIED = renderUnifiedManifest(defaultValues());

/** Spawning office-addin-manifest and compiling the Teams schema take seconds on a busy machine. */
const SLOW = { timeout: 60_000 };

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "vouch-manifest-check-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function rulesOf(problems: Problem[]): Set<RuleId> {
  return new Set(problems.map((p) => p.rule));
}

/** Replaces exactly one occurrence, so a mutation that silently does nothing fails the test. */
function mutate(text: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === "string"
      ? text.split(from).length - 1
      : (text.match(new RegExp(from, "g")) ?? []).length;
  expect(count, `mutation target ${String(from)}`).toBeGreaterThan(0);
  return text.replace(from, to);
}

function expectOnly(problems: Problem[], rule: RuleId): void {
  expect(rulesOf(problems), JSON.stringify(problems, null, 1)).toContain(rule);
}

describe("the committed manifest", () => {
  it("passes every offline check, office-addin-manifest info included", SLOW, async () => {
    expect(await checkXmlFile(join(ROOT, "manifest.xml"))).toEqual([]);
  });

  it("is exactly the template rendered for https://localhost:3000", () => {
    expect(COMMITTED).toBe(renderXmlManifest(defaultValues()));
  });

  it("has the two buttons, pinning, shared folders and the mobile pane the issue asks for", () => {
    expect(COMMITTED).toContain("<Permissions>ReadWriteMailbox</Permissions>");
    expect(COMMITTED).toContain("<FunctionName>reportNotSpam</FunctionName>");
    expect(COMMITTED).toContain("<SupportsPinning>true</SupportsPinning>");
    expect(COMMITTED).toContain("<SupportsSharedFolders>true</SupportsSharedFolders>");
    expect(COMMITTED).toContain('xsi:type="MobileMessageReadCommandSurface"');
    expect(COMMITTED).toMatch(/<Set Name="Mailbox" MinVersion="1.1"\/>/);
  });
});

describe("each XML rule fails on a broken copy", () => {
  const cases: { rule: RuleId; why: string; broken: () => string }[] = [
    { rule: "xml", why: "a tag left open", broken: () => mutate(COMMITTED, "</OfficeApp>", "") },
    {
      rule: "namespaces",
      why: "bt bound to a wrong URI",
      broken: () =>
        mutate(
          COMMITTED,
          'xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"',
          'xmlns:bt="urn:wrong"',
        ),
    },
    {
      rule: "namespaces",
      why: "the inner VersionOverrides in the 1.0 namespace",
      broken: () =>
        mutate(
          COMMITTED,
          'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"',
          'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides"',
        ),
    },
    {
      rule: "order",
      why: "Permissions before FormSettings",
      broken: () => {
        const without = mutate(COMMITTED, "  <Permissions>ReadWriteMailbox</Permissions>\n", "");
        return mutate(
          without,
          "  <FormSettings>",
          "  <Permissions>ReadWriteMailbox</Permissions>\n  <FormSettings>",
        );
      },
    },
    {
      rule: "order",
      why: "FunctionFile after ExtensionPoint",
      broken: () => {
        const without = mutate(COMMITTED, '            <FunctionFile resid="Commands.Url"/>\n', "");
        return mutate(
          without,
          "          </DesktopFormFactor>",
          '            <FunctionFile resid="Commands.Url"/>\n          </DesktopFormFactor>',
        );
      },
    },
    {
      rule: "order",
      why: "a Button without its Supertip",
      broken: () =>
        mutate(
          COMMITTED,
          /<Supertip>\s*<Title resid="NotSpam.Label"\/>\s*<Description resid="NotSpam.Tip"\/>\s*<\/Supertip>/,
          "",
        ),
    },
    {
      rule: "resid",
      why: "a Label pointing nowhere",
      broken: () =>
        mutate(COMMITTED, '<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>'),
    },
    {
      rule: "resid",
      why: "a Label pointing at a LongString",
      broken: () =>
        mutate(COMMITTED, '<Label resid="Group.Label"/>', '<Label resid="WhyJunk.Tip"/>'),
    },
    {
      rule: "resid",
      why: "the notification icon the code uses renamed in the manifest",
      broken: () => COMMITTED.replaceAll('"Icon.16"', '"Icon.Sixteen"'),
    },
    {
      rule: "unused-resource",
      why: "a string nobody uses",
      broken: () =>
        mutate(
          COMMITTED,
          "<bt:ShortStrings>",
          '<bt:ShortStrings>\n          <bt:String id="Unused.Label" DefaultValue="Unused"/>',
        ),
    },
    {
      rule: "length",
      why: "a resource id over 32 characters",
      broken: () =>
        COMMITTED.replaceAll("Group.Label", "Group.Label.That.Is.Far.Too.Long.For.Office"),
    },
    {
      rule: "length",
      why: "a short string over 125 characters",
      broken: () =>
        mutate(COMMITTED, 'DefaultValue="Not spam"', `DefaultValue="${"Not spam ".repeat(15)}"`),
    },
    {
      rule: "length",
      why: "a long string over 250 characters",
      broken: () =>
        mutate(
          COMMITTED,
          'DefaultValue="See in plain words',
          `DefaultValue="${"x".repeat(240)} See in plain words`,
        ),
    },
    {
      rule: "length",
      why: "a URL over 2048 characters",
      broken: () =>
        mutate(
          COMMITTED,
          '/taskpane.html"/>\n        </bt:Urls>',
          `/taskpane.html?${"q".repeat(2100)}"/>\n        </bt:Urls>`,
        ),
    },
    {
      rule: "https",
      why: "an http URL",
      broken: () =>
        mutate(
          COMMITTED,
          '"https://localhost:3000/commands.html"',
          '"http://localhost:3000/commands.html"',
        ),
    },
    {
      rule: "one-origin",
      why: "a page on another host",
      broken: () =>
        mutate(
          COMMITTED,
          '"https://localhost:3000/commands.html"',
          '"https://elsewhere.example.org/commands.html"',
        ),
    },
    {
      rule: "icon-file",
      why: "an icon that does not exist",
      broken: () => mutate(COMMITTED, "/assets/icon-40.png", "/assets/icon-41.png"),
    },
    {
      rule: "icon-file",
      why: "an icon not under /assets/",
      broken: () => mutate(COMMITTED, "/assets/icon-40.png", "/icons/icon-40.png"),
    },
    {
      rule: "icon-size",
      why: "a 20 px file declared as the 16 px icon",
      broken: () =>
        mutate(
          COMMITTED,
          '"https://localhost:3000/assets/icon-16.png"',
          '"https://localhost:3000/assets/icon-20.png"',
        ),
    },
    {
      rule: "icon-size",
      why: "the 128 px high-resolution icon swapped for the 64",
      broken: () =>
        mutate(
          COMMITTED,
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-128.png"/>',
          '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
        ),
    },
    {
      rule: "required-icons",
      why: "a button without its 80 px image",
      broken: () => mutate(COMMITTED, /\s*<bt:Image size="80" resid="Icon.80"\/>/, ""),
    },
    {
      rule: "required-icons",
      why: "a mobile button without 48 px at scale 3",
      broken: () => mutate(COMMITTED, /\s*<bt:Image size="48" scale="3" resid="Icon.144"\/>/, ""),
    },
    {
      rule: "required-icons",
      why: "a ribbon image size Office does not know",
      broken: () =>
        mutate(
          COMMITTED,
          '<bt:Image size="40" resid="Icon.40"/>',
          '<bt:Image size="41" resid="Icon.40"/>',
        ),
    },
    {
      rule: "version",
      why: "a two-part version",
      broken: () => mutate(COMMITTED, "<Version>1.0.0.0</Version>", "<Version>1.0</Version>"),
    },
    {
      rule: "function-name",
      why: "a FunctionName the function file never associates",
      broken: () =>
        mutate(
          COMMITTED,
          "<FunctionName>reportNotSpam</FunctionName>",
          "<FunctionName>reportSpam</FunctionName>",
        ),
    },
    {
      rule: "locales",
      why: "a label without the de-DE translation every other text has",
      broken: () => mutate(COMMITTED, '<bt:Override Locale="de-DE" Value="Kein Spam"/>', ""),
    },
    {
      rule: "length",
      why: "a German supertip longer than a long string may be",
      broken: () =>
        mutate(
          COMMITTED,
          /Value="Ihrer IT mit einem Klick[^"]*"/,
          `Value="${"Sehr lang. ".repeat(30)}"`,
        ),
    },
    {
      rule: "size",
      why: "a manifest of 256 KB or more",
      broken: () =>
        mutate(COMMITTED, "</OfficeApp>", `<!-- ${"padding ".repeat(33_000)} -->\n</OfficeApp>`),
    },
  ];

  for (const { rule, why, broken } of cases) {
    it(`${rule}: ${why}`, () => {
      const problems = checkXmlText(broken());
      expectOnly(problems, rule);
    });
  }

  it("icon-size: a non-PNG file behind an icon URL", () => {
    const assets = join(scratch, "assets-not-png");
    cpSync(DEFAULT_PATHS.assetsDir, assets, { recursive: true });
    writeFileSync(join(assets, "icon-32.png"), "GIF89a not a png");
    const problems = checkXmlText(COMMITTED, { ...DEFAULT_PATHS, assetsDir: assets });
    expect(
      problems
        .filter((p) => p.rule === "icon-size")
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/icon-32.png is not a PNG/);
  });

  it("function-name: an associate() no button uses", () => {
    const commands = join(scratch, "commands-extra");
    mkdirSync(commands, { recursive: true });
    writeFileSync(
      join(commands, "main.ts"),
      'Office.actions.associate("reportNotSpam", a);\nOffice.actions.associate("reportPhish", b);\n',
    );
    const problems = checkXmlText(COMMITTED, { ...DEFAULT_PATHS, commandsDir: commands });
    expect(problems).toEqual([
      { rule: "function-name", message: expect.stringContaining("reportPhish") },
    ]);
  });

  it("office-addin-manifest: Microsoft's parser finds no Id", SLOW, async () => {
    const file = join(scratch, "no-id.xml");
    writeFileSync(file, mutate(COMMITTED, /<Id>[^<]*<\/Id>/, "<Id></Id>"));
    expectOnly(await checkXmlFile(file), "office-addin-manifest");
  });
});

describe("the unified manifest", SLOW, () => {
  const paths: CheckPaths & { iconsDir: string } = {
    ...DEFAULT_PATHS,
    iconsDir: DEFAULT_PATHS.assetsDir,
  };
  const options = {
    iconsDir: paths.iconsDir,
    assetsDir: paths.assetsDir,
    commandsDir: paths.commandsDir,
  };
  const edit = (change: (manifest: Record<string, unknown>) => void): string => {
    const manifest = JSON.parse(UNIFIED) as Record<string, unknown>;
    change(manifest);
    return JSON.stringify(manifest);
  };
  const messages = async (text: string) =>
    (await checkUnifiedManifest(text, options)).map((p) => p.message).join("\n");

  it("validates against the schema its package bundles, offline", async () => {
    expect(await checkUnifiedManifest(UNIFIED, options)).toEqual([]);
  });

  it("fails the schema without a required field", async () => {
    expect(await messages(edit((m) => delete m.name))).toMatch(
      /schema: .*must have required property 'name'/,
    );
  });

  it("fails the schema with a high-resolution icon size the schema does not allow", async () => {
    const text = UNIFIED.replace(
      '"size": 64,\n              "url": "https://localhost:3000/assets/icon-128.png"',
      '"size": 128,\n              "url": "https://localhost:3000/assets/icon-128.png"',
    );
    expect(text).not.toBe(UNIFIED);
    expect(await messages(text)).toMatch(
      /highResolutionIcon\/size must be equal to one of the allowed values/,
    );
  });

  it("refuses a $schema the package does not bundle rather than fetch it", async () => {
    const text = edit((m) => (m.$schema = "https://example.org/schema.json"));
    expect(await messages(text)).toMatch(/no bundled schema/);
  });

  it("checks the colour and outline icons' sizes and the outline's colour", async () => {
    const icons = join(scratch, "unified-icons");
    mkdirSync(icons, { recursive: true });
    copyFileSync(join(DEFAULT_PATHS.assetsDir, "icon-128.png"), join(icons, "icon-color-192.png"));
    copyFileSync(join(DEFAULT_PATHS.assetsDir, "icon-32.png"), join(icons, "icon-outline-32.png"));
    const text = (await checkUnifiedManifest(UNIFIED, { ...options, iconsDir: icons }))
      .map((p) => p.message)
      .join("\n");
    expect(text).toMatch(/icons.color: icon-color-192.png is 128x128, expected 192x192/);
    expect(text).toMatch(/icons.outline: icon-outline-32.png must be white on transparent/);
  });

  it("finds a button whose action does not exist and an http URL on a second origin", async () => {
    const text = UNIFIED.replace('"actionId": "reportNotSpam"', '"actionId": "reportSpam"').replace(
      "https://localhost:3000/commands.html",
      "http://other.example.org/commands.html",
    );
    const found = await messages(text);
    expect(found).toMatch(/"reportSpam" is not the id of any runtime action/);
    expect(found).toMatch(/is not HTTPS/);
    expect(found).toMatch(/2 origins/);
  });

  it("finds an executeFunction action the function file never associates", async () => {
    const text = UNIFIED.replaceAll('"reportNotSpam"', '"reportSpam"');
    expect(await messages(text)).toMatch(
      /action "reportSpam" runs a function that src\/commands never associates/,
    );
  });
});
