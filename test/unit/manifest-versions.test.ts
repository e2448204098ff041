import { describe, expect, it } from "vitest";
import {
  DEFAULT_PATHS,
  checkManifestPair,
  checkUnifiedManifest,
} from "../../scripts/manifest-check/index";
import {
  ManifestValueError,
  defaultValues,
  renderUnifiedManifest,
  renderXmlManifest,
  toSemver,
  unifiedIdFor,
  validateValues,
} from "../../server/manifest/render";

/** Issue 12 §8: the unified manifest's version, its own id, the hidden XML add-in, supertips. */

const compareSemver = (a: string, b: string) => {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
  return 0;
};
const compareFour = (a: string, b: string) => {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
  return 0;
};

describe("toSemver", () => {
  it("keeps a change of the fourth part newer: 1.0.0.1 > 1.0.0.0", () => {
    expect(toSemver("1.0.0.0")).toBe("1.0.0");
    expect(toSemver("1.0.0.1")).toBe("1.0.1");
    expect(compareSemver(toSemver("1.0.0.1"), toSemver("1.0.0.0"))).toBe(1);
    expect(compareSemver(toSemver("1.0.1.0"), toSemver("1.0.0.99"))).toBe(1);
  });

  it("preserves the order and the difference of any two four-part versions", () => {
    // A fixed pseudo-random walk, so a failure names the same pair every time.
    let seed = 12;
    const next = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % (max + 1);
    };
    const version = () => `${next(3)}.${next(3)}.${next(999)}.${next(99)}`;
    for (let i = 0; i < 2000; i++) {
      const a = version();
      const b = version();
      expect(compareSemver(toSemver(a), toSemver(b)), `${a} vs ${b}`).toBe(compareFour(a, b));
    }
  });

  it("never exceeds five digits a part and refuses what it could not keep apart", () => {
    expect(toSemver("99999.99999.999.99")).toBe("99999.99999.99999");
    expect(() => toSemver("1.0.1000.0")).toThrow(ManifestValueError);
    expect(() => toSemver("1.0.0.100")).toThrow(/fourth to 99/);
    expect(() => validateValues({ ...defaultValues(), version: "1.0.0.100" })).toThrow(
      ManifestValueError,
    );
  });
});

describe("both manifests kept", () => {
  const values = { ...defaultValues(), version: "1.2.3.4" };
  const xml = renderXmlManifest(values);
  const unified = renderUnifiedManifest(values);
  const parsed = JSON.parse(unified) as {
    id: string;
    version: string;
    extensions: { alternates: { hide?: { customOfficeAddin?: { officeAddinId: string } } }[] }[];
  };

  it("gives the unified manifest its own stable id, which hides the XML add-in", () => {
    expect(parsed.id).not.toBe(values.id);
    expect(parsed.id).toBe(unifiedIdFor(values.id));
    expect(unifiedIdFor(values.id)).toBe(unifiedIdFor(values.id.toUpperCase()));
    expect(parsed.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const hidden = parsed.extensions[0]!.alternates.map((a) => a.hide?.customOfficeAddin);
    expect(hidden).toContainEqual({ officeAddinId: values.id });
    expect(parsed.version).toBe("1.2.304");
    expect(checkManifestPair(xml, unified)).toEqual([]);
  });

  it("finds a shared id, a missing hide and a version that is not the XML one", () => {
    const sameId = unified.replace(parsed.id, values.id);
    expect(
      checkManifestPair(xml, sameId)
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/both manifests use the id/);
    const noHide = JSON.stringify({
      ...parsed,
      extensions: [{ ...parsed.extensions[0], alternates: [] }],
    });
    expect(
      checkManifestPair(xml, noHide)
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/does not hide the XML add-in/);
    const oldVersion = unified.replace('"version": "1.2.304"', '"version": "1.2.3"');
    expect(
      checkManifestPair(xml, oldVersion)
        .map((p) => p.message)
        .join("\n"),
    ).toMatch(/expected 1\.2\.304/);
  });
});

describe("the unified manifest's own rules", () => {
  const options = {
    iconsDir: DEFAULT_PATHS.assetsDir,
    assetsDir: DEFAULT_PATHS.assetsDir,
    commandsDir: DEFAULT_PATHS.commandsDir,
  };
  const text = renderUnifiedManifest(defaultValues());

  it("refuses a supertip description over Microsoft's 128 characters", async () => {
    const long = "x".repeat(129);
    const broken = text.replace(
      /"description": "See in plain words[^"]*"/,
      `"description": "${long}"`,
    );
    expect(broken).toContain(long);
    const problems = (await checkUnifiedManifest(broken, options)).map((p) => p.message);
    expect(problems.join("\n")).toMatch(/supertip\/description: 129 characters, at most 128/);
  });

  it("refuses a manifest that hides its own id", async () => {
    const own = (JSON.parse(text) as { id: string }).id;
    const broken = text.replace(/"officeAddinId": "[^"]+"/, `"officeAddinId": "${own}"`);
    const problems = (await checkUnifiedManifest(broken, options)).map((p) => p.message);
    expect(problems.join("\n")).toMatch(/hides itself/);
  });
});
