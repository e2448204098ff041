import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readPngSize } from "./png";
import {
  BASIC_TYPE_ELEMENTS,
  HIGH_RESOLUTION_ICON_URL_SIZE,
  ICON_URL_SIZE,
  LEAVES,
  LIMITS,
  NS,
  ALLOWED_MOBILE_SIZES,
  ALLOWED_RIBBON_SIZES,
  REQUIRED_MOBILE_SCALES,
  REQUIRED_MOBILE_SIZES,
  REQUIRED_RIBBON_SIZES,
  RESID_KIND,
  SEQUENCES,
} from "./schema";
import { child, pathOf, walk, xsiType, type XmlElement } from "./xml-tree";

export type RuleId =
  | "xml"
  | "namespaces"
  | "order"
  | "resid"
  | "unused-resource"
  | "length"
  | "locales"
  | "https"
  | "one-origin"
  | "icon-file"
  | "icon-size"
  | "required-icons"
  | "version"
  | "function-name"
  | "size"
  | "office-addin-manifest"
  | "unified";

export interface Problem {
  rule: RuleId;
  message: string;
}

export interface XmlCheckContext {
  root: XmlElement;
  bytes: number;
  /** The folder the /assets/ URLs are served from. */
  assetsDir: string;
  /** The function file's sources, searched for Office.actions.associate calls. */
  commandsDir: string;
  /** The Office adapter's sources, searched for the notification icon's resid. */
  officeDir: string;
}

type Rule = (context: XmlCheckContext) => Problem[];

const problem = (rule: RuleId, message: string): Problem => ({ rule, message });

export const checkNamespaces: Rule = ({ root }) => {
  const problems: Problem[] = [];
  if (root.name !== "OfficeApp" || root.namespace !== NS.officeApp) {
    problems.push(
      problem(
        "namespaces",
        `the root must be OfficeApp in ${NS.officeApp}, found ${root.name} in ${root.namespace}`,
      ),
    );
  }
  if (xsiType(root) !== "MailApp") {
    problems.push(
      problem(
        "namespaces",
        `OfficeApp must have xsi:type="MailApp", found ${xsiType(root) ?? "none"}`,
      ),
    );
  }
  for (const [prefix, uri] of [
    ["xsi", NS.xsi],
    ["bt", NS.basicTypes],
  ] as const) {
    if (root.attributes[`xmlns:${prefix}`] !== uri) {
      problems.push(problem("namespaces", `OfficeApp must declare xmlns:${prefix}="${uri}"`));
    }
  }
  for (const element of walk(root)) {
    const expected = expectedNamespace(element);
    if (element.namespace !== expected) {
      problems.push(
        problem(
          "namespaces",
          `${pathOf(element)} is in ${element.namespace ?? "no namespace"}, expected ${expected}`,
        ),
      );
    }
  }
  return problems;
};

function expectedNamespace(element: XmlElement): string {
  let overrides: XmlElement | null = null;
  for (let node: XmlElement | null = element; node; node = node.parent) {
    if (node.name === "VersionOverrides") {
      overrides = node;
      break;
    }
  }
  if (!overrides) return NS.officeApp;
  if (BASIC_TYPE_ELEMENTS.has(element.name) && element !== overrides) return NS.basicTypes;
  return xsiType(overrides) === "VersionOverridesV1_1" ? NS.overrides11 : NS.overrides10;
}

export const checkOrder: Rule = ({ root }) => {
  const problems: Problem[] = [];
  for (const element of walk(root)) {
    const type = xsiType(element);
    const sequence = (type && SEQUENCES[`${element.name}:${type}`]) || SEQUENCES[element.name];
    if (!sequence) {
      if (!LEAVES.has(element.name) || element.children.length > 0) {
        problems.push(
          problem(
            "order",
            `${pathOf(element)}: element not known to the checks (type ${type ?? "none"})`,
          ),
        );
      }
      continue;
    }
    let last = -1;
    for (const c of element.children) {
      const index = sequence.order.indexOf(c.name);
      if (index < 0) {
        problems.push(problem("order", `${pathOf(c)} is not a valid child of ${element.name}`));
      } else if (index < last) {
        problems.push(
          problem(
            "order",
            `${pathOf(c)} must come before ${sequence.order[last]} in ${element.name} (order: ${sequence.order.join(", ")})`,
          ),
        );
      } else {
        last = index;
      }
    }
    for (const required of sequence.required) {
      if (!child(element, required))
        problems.push(problem("order", `${pathOf(element)} lacks its required ${required}`));
    }
  }
  return problems;
};

interface Resource {
  kind: "Images" | "Urls" | "ShortStrings" | "LongStrings";
  id: string;
  value: string;
  element: XmlElement;
}

export function resources(root: XmlElement): Resource[] {
  const list: Resource[] = [];
  for (const element of walk(root)) {
    if (element.name !== "Resources") continue;
    for (const group of element.children) {
      for (const entry of group.children) {
        list.push({
          kind: group.name as Resource["kind"],
          id: entry.attributes.id ?? "",
          value: entry.attributes.DefaultValue ?? "",
          element: entry,
        });
      }
    }
  }
  return list;
}

export const checkResids: Rule = ({ root }) => {
  const problems: Problem[] = [];
  const all = resources(root);
  const used = new Set<string>();
  const seen = new Set<string>();
  for (const r of all) {
    const key = `${r.kind}/${r.id}`;
    if (seen.has(key))
      problems.push(problem("resid", `resource id ${r.id} is defined twice in ${r.kind}`));
    seen.add(key);
  }
  for (const element of walk(root)) {
    const resid = element.attributes.resid;
    if (resid === undefined) continue;
    const kind = RESID_KIND[element.name];
    const target = all.find((r) => r.id === resid && r.kind === kind);
    if (!target) {
      const elsewhere = all.find((r) => r.id === resid);
      problems.push(
        problem(
          "resid",
          elsewhere
            ? `${pathOf(element)} resid="${resid}" points into ${elsewhere.kind}, but a ${element.name} needs ${kind}`
            : `${pathOf(element)} resid="${resid}" does not resolve to any resource`,
        ),
      );
      continue;
    }
    used.add(`${target.kind}/${target.id}`);
  }
  for (const r of all) {
    if (!used.has(`${r.kind}/${r.id}`)) {
      problems.push(
        problem("unused-resource", `${r.kind} resource ${r.id} is defined but never used`),
      );
    }
  }
  return problems;
};

export const checkLengths: Rule = ({ root }) => {
  const problems: Problem[] = [];
  const tooLong = (what: string, value: string, max: number): void => {
    if (value.length > max)
      problems.push(
        problem("length", `${what} is ${value.length} characters; the limit is ${max}`),
      );
    if (value.length === 0) problems.push(problem("length", `${what} is empty`));
  };
  for (const r of resources(root)) {
    tooLong(`resource id "${r.id}"`, r.id, LIMITS.id);
    if (r.kind === "ShortStrings") tooLong(`short string ${r.id}`, r.value, LIMITS.shortString);
    if (r.kind === "LongStrings") tooLong(`long string ${r.id}`, r.value, LIMITS.longString);
    if (r.kind === "Urls" || r.kind === "Images") tooLong(`URL ${r.id}`, r.value, LIMITS.url);
  }
  for (const element of walk(root)) {
    const resid = element.attributes.resid;
    if (resid !== undefined) tooLong(`${pathOf(element)} resid`, resid, LIMITS.id);
    if (element.attributes.id !== undefined && !element.parent?.name.endsWith("Strings")) {
      tooLong(
        `${element.name} id "${element.attributes.id}"`,
        element.attributes.id,
        LIMITS.shortString,
      );
    }
  }
  const displayName = child(root, "DisplayName")?.attributes.DefaultValue;
  if (displayName !== undefined) tooLong("DisplayName", displayName, LIMITS.shortString);
  const description = child(root, "Description")?.attributes.DefaultValue;
  if (description !== undefined) tooLong("Description", description, LIMITS.longString);
  // A translation has the limit of the text it translates.
  for (const { what, element, max } of localizedTexts(root)) {
    for (const override of element.children.filter((c) => c.name === "Override")) {
      tooLong(
        `${what} (${override.attributes.Locale ?? "no locale"})`,
        override.attributes.Value ?? "",
        max,
      );
    }
  }
  const providerName = child(root, "ProviderName")?.text;
  if (providerName !== undefined) tooLong("ProviderName", providerName, LIMITS.shortString);
  return problems;
};

/** Every URL in the manifest: resources plus the top-level ones and the legacy form's page. */
export function allUrls(root: XmlElement): { where: string; url: string }[] {
  const urls = resources(root)
    .filter((r) => r.kind === "Urls" || r.kind === "Images")
    .map((r) => ({ where: `${r.kind} ${r.id}`, url: r.value }));
  for (const element of walk(root)) {
    const value = element.attributes.DefaultValue;
    if (value === undefined || element.parent?.name === "Images" || element.parent?.name === "Urls")
      continue;
    if (
      ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].includes(element.name)
    ) {
      urls.push({ where: pathOf(element), url: value });
    }
  }
  for (const domain of walk(root)) {
    if (domain.name === "AppDomain") urls.push({ where: pathOf(domain), url: domain.text });
  }
  return urls;
}

export const checkUrls: Rule = ({ root }) => {
  const problems: Problem[] = [];
  const origins = new Map<string, string[]>();
  for (const { where, url } of allUrls(root)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(problem("https", `${where}: not an absolute URL: ${url}`));
      continue;
    }
    if (parsed.protocol !== "https:")
      problems.push(problem("https", `${where}: ${url} is not HTTPS`));
    origins.set(parsed.origin, [...(origins.get(parsed.origin) ?? []), where]);
  }
  if (origins.size > 1) {
    const list = [...origins].map(
      ([origin, wheres]) => `${origin} (${wheres.length}: ${wheres.slice(0, 3).join(", ")})`,
    );
    problems.push(
      problem(
        "one-origin",
        `the manifest points at ${origins.size} origins, expected one: ${list.join("; ")}`,
      ),
    );
  }
  return problems;
};

/** The pixel sizes each image resource is used at: ribbon size, or mobile size x scale. */
function expectedImageSizes(root: XmlElement): Map<string, Set<number>> {
  const expected = new Map<string, Set<number>>();
  for (const element of walk(root)) {
    if (element.name !== "Image" || element.parent?.name !== "Icon") continue;
    const resid = element.attributes.resid ?? "";
    const size = Number(element.attributes.size);
    const scale = Number(element.attributes.scale ?? "1");
    expected.set(resid, (expected.get(resid) ?? new Set()).add(size * scale));
  }
  return expected;
}

function assetFile(url: string, assetsDir: string): string | null {
  try {
    const path = new URL(url).pathname;
    return path.startsWith("/assets/")
      ? join(assetsDir, decodeURIComponent(path.slice("/assets/".length)))
      : null;
  } catch {
    return null;
  }
}

export const checkIcons: Rule = ({ root, assetsDir }) => {
  const problems: Problem[] = [];
  const wanted: { where: string; url: string; sizes: Set<number> }[] = [];
  const expected = expectedImageSizes(root);
  for (const r of resources(root)) {
    if (r.kind === "Images")
      wanted.push({
        where: `Images ${r.id}`,
        url: r.value,
        sizes: expected.get(r.id) ?? new Set(),
      });
  }
  const iconUrl = child(root, "IconUrl")?.attributes.DefaultValue;
  if (iconUrl) wanted.push({ where: "IconUrl", url: iconUrl, sizes: new Set([ICON_URL_SIZE]) });
  const highRes = child(root, "HighResolutionIconUrl")?.attributes.DefaultValue;
  if (highRes)
    wanted.push({
      where: "HighResolutionIconUrl",
      url: highRes,
      sizes: new Set([HIGH_RESOLUTION_ICON_URL_SIZE]),
    });

  for (const { where, url, sizes } of wanted) {
    const file = assetFile(url, assetsDir);
    if (!file) {
      problems.push(problem("icon-file", `${where}: ${url} is not served from /assets/`));
      continue;
    }
    if (!existsSync(file)) {
      problems.push(problem("icon-file", `${where}: ${url} has no file ${file}`));
      continue;
    }
    const actual = readPngSize(file);
    if (!actual) {
      problems.push(problem("icon-size", `${where}: ${file} is not a PNG`));
      continue;
    }
    if (sizes.size > 1) {
      problems.push(
        problem(
          "icon-size",
          `${where} is used at several sizes (${[...sizes].join(", ")}); one file can have only one`,
        ),
      );
    }
    for (const size of sizes) {
      if (actual.width !== size || actual.height !== size) {
        problems.push(
          problem(
            "icon-size",
            `${where}: ${file} is ${actual.width}x${actual.height}, expected ${size}x${size}`,
          ),
        );
      }
    }
  }
  return problems;
};

export const checkRequiredIcons: Rule = ({ root }) => {
  const problems: Problem[] = [];
  for (const icon of walk(root)) {
    if (icon.name !== "Icon") continue;
    const images = icon.children.filter((c) => c.name === "Image");
    const mobile = xsiType(icon) === "MobileIconList";
    for (const image of images) {
      const size = Number(image.attributes.size);
      const allowed = mobile ? ALLOWED_MOBILE_SIZES : ALLOWED_RIBBON_SIZES;
      if (!allowed.includes(size)) {
        problems.push(
          problem(
            "required-icons",
            `${pathOf(icon)}: size="${image.attributes.size}" is not one of ${allowed.join(", ")}`,
          ),
        );
      }
      if (mobile && !REQUIRED_MOBILE_SCALES.includes(Number(image.attributes.scale) as 1 | 2 | 3)) {
        problems.push(
          problem(
            "required-icons",
            `${pathOf(icon)}: scale="${image.attributes.scale}" is not 1, 2 or 3`,
          ),
        );
      }
    }
    if (mobile) {
      for (const size of REQUIRED_MOBILE_SIZES) {
        for (const scale of REQUIRED_MOBILE_SCALES) {
          if (
            !images.some(
              (i) => Number(i.attributes.size) === size && Number(i.attributes.scale) === scale,
            )
          ) {
            problems.push(
              problem(
                "required-icons",
                `${pathOf(icon)} lacks the ${size} px image at scale ${scale}`,
              ),
            );
          }
        }
      }
    } else {
      for (const size of REQUIRED_RIBBON_SIZES) {
        if (!images.some((i) => Number(i.attributes.size) === size)) {
          problems.push(
            problem("required-icons", `${pathOf(icon)} lacks the required ${size} px image`),
          );
        }
      }
    }
  }
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    if (!child(root, name))
      problems.push(
        problem(
          "required-icons",
          `OfficeApp lacks ${name} (needed for Integrated Apps and the unified manifest)`,
        ),
      );
  }
  return problems;
};

export const checkVersion: Rule = ({ root }) => {
  const version = child(root, "Version")?.text ?? "";
  return /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version)
    ? []
    : [
        problem(
          "version",
          `Version "${version}" must have four numeric parts of at most five digits, e.g. 1.0.0.0`,
        ),
      ];
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter(
      (file) => /\.(ts|js|mjs)$/.test(file) && !/\.test\./.test(file) && statSync(file).isFile(),
    );
}

/** Function names passed to Office.actions.associate as string literals in the function file's sources. */
export function associatedFunctionNames(commandsDir: string): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(commandsDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(
      /Office\.actions\.associate\(\s*["'`]([^"'`]+)["'`]/g,
    )) {
      names.add(match[1]!);
    }
  }
  return names;
}

export const checkFunctionNames: Rule = ({ root, commandsDir }) => {
  const problems: Problem[] = [];
  const associated = associatedFunctionNames(commandsDir);
  const declared = new Set<string>();
  for (const element of walk(root)) {
    if (element.name !== "FunctionName") continue;
    declared.add(element.text);
    if (!associated.has(element.text)) {
      problems.push(
        problem(
          "function-name",
          `${pathOf(element)} "${element.text}" has no Office.actions.associate("${element.text}", …) in ${commandsDir}`,
        ),
      );
    }
  }
  for (const name of associated) {
    if (!declared.has(name))
      problems.push(
        problem(
          "function-name",
          `Office.actions.associate("${name}") is not used by any ExecuteFunction button`,
        ),
      );
  }
  if (declared.size > 0 && ![...walk(root)].some((e) => e.name === "FunctionFile")) {
    problems.push(problem("function-name", "an ExecuteFunction button needs a FunctionFile"));
  }
  return problems;
};

/** The icon resid the code passes to notificationMessages (NOTIFICATION_ICON = "…"). */
export function notificationIconIds(dirs: string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, "utf8").matchAll(
      /NOTIFICATION_ICON\s*=\s*["'`]([^"'`]+)["'`]/g,
    )) {
      ids.add(match[1]!);
    }
  }
  return ids;
}

export const checkNotificationIcon: Rule = ({ root, commandsDir, officeDir }) => {
  const images = new Set(
    resources(root)
      .filter((r) => r.kind === "Images")
      .map((r) => r.id),
  );
  return [...notificationIconIds([commandsDir, officeDir])]
    .filter((id) => !images.has(id))
    .map((id) =>
      problem(
        "resid",
        `notifications use icon "${id}" (NOTIFICATION_ICON), which is not a bt:Image of the manifest`,
      ),
    );
};

/** The texts a person reads, which may carry an Override per locale, with their length limits. */
function localizedTexts(root: XmlElement): { what: string; element: XmlElement; max: number }[] {
  const texts: { what: string; element: XmlElement; max: number }[] = [];
  const displayName = child(root, "DisplayName");
  if (displayName)
    texts.push({ what: "DisplayName", element: displayName, max: LIMITS.shortString });
  const description = child(root, "Description");
  if (description)
    texts.push({ what: "Description", element: description, max: LIMITS.longString });
  for (const r of resources(root)) {
    if (r.kind === "ShortStrings" || r.kind === "LongStrings") {
      const max = r.kind === "ShortStrings" ? LIMITS.shortString : LIMITS.longString;
      texts.push({ what: `${r.kind} ${r.id}`, element: r.element, max });
    }
  }
  return texts;
}

/**
 * Every locale that one text is translated into, every text is: a person in that locale must not
 * see a ribbon half in English. Each Override names its Locale and a Value.
 */
export const checkLocales: Rule = ({ root }) => {
  const problems: Problem[] = [];
  const texts = localizedTexts(root);
  const locales = new Set<string>();
  for (const { what, element } of texts) {
    for (const override of element.children.filter((c) => c.name === "Override")) {
      const locale = override.attributes.Locale;
      if (!locale || !override.attributes.Value) {
        problems.push(problem("locales", `an Override of ${what} lacks its Locale or Value`));
      } else locales.add(locale);
    }
  }
  for (const locale of locales) {
    for (const { what, element } of texts) {
      const has = element.children.some(
        (c) => c.name === "Override" && c.attributes.Locale === locale,
      );
      if (!has) problems.push(problem("locales", `${what} has no ${locale} Override`));
    }
  }
  return problems;
};

export const checkSize: Rule = ({ bytes }) =>
  bytes < LIMITS.manifestBytes
    ? []
    : [
        problem(
          "size",
          `the manifest is ${bytes} bytes; Exchange accepts less than ${LIMITS.manifestBytes}`,
        ),
      ];

export const XML_RULES: readonly Rule[] = [
  checkNamespaces,
  checkOrder,
  checkResids,
  checkLengths,
  checkLocales,
  checkUrls,
  checkIcons,
  checkRequiredIcons,
  checkVersion,
  checkFunctionNames,
  checkNotificationIcon,
  checkSize,
];
