import { XMLParser, XMLValidator } from "fast-xml-parser";

/** An element with its namespace resolved, in document order. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string;
  prefix: string | null;
  /** The namespace URI the element is in (from the xmlns declarations in scope). */
  namespace: string | null;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

export type ParseResult =
  { ok: true; root: XmlElement } | { ok: false; message: string; line?: number; column?: number };

type RawNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

function splitName(qualified: string): { prefix: string | null; local: string } {
  const colon = qualified.indexOf(":");
  return colon < 0
    ? { prefix: null, local: qualified }
    : { prefix: qualified.slice(0, colon), local: qualified.slice(colon + 1) };
}

function build(
  raw: RawNode,
  parent: XmlElement | null,
  scope: Map<string | null, string>,
): XmlElement | null {
  const tag = Object.keys(raw).find((key) => key !== ":@" && key !== "#text");
  if (!tag) return null;
  const attributes = raw[":@"] ?? {};
  const inScope = new Map(scope);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "xmlns") inScope.set(null, value);
    else if (key.startsWith("xmlns:")) inScope.set(key.slice(6), value);
  }
  const { prefix, local } = splitName(tag);
  const element: XmlElement = {
    name: local,
    prefix,
    namespace: inScope.get(prefix) ?? null,
    attributes,
    children: [],
    text: "",
    parent,
  };
  const rawChildren = (raw[tag] as RawNode[] | undefined) ?? [];
  for (const child of rawChildren) {
    if (typeof child["#text"] === "string" || typeof child["#text"] === "number") {
      element.text += String(child["#text"]);
      continue;
    }
    const built = build(child, element, inScope);
    if (built) element.children.push(built);
  }
  return element;
}

/** Parses and checks well-formedness first, so a broken file reports where it broke. */
export function parseXml(xml: string): ParseResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, message: valid.err.msg, line: valid.err.line, column: valid.err.col };
  }
  const nodes = parser.parse(xml) as RawNode[];
  const roots = nodes.map((node) => build(node, null, new Map())).filter((n) => n !== null);
  if (roots.length !== 1)
    return { ok: false, message: `expected one root element, found ${roots.length}` };
  return { ok: true, root: roots[0]! };
}

/** "OfficeApp/VersionOverrides/…/Control[Vouch.NotSpam]": where an element sits, for messages. */
export function pathOf(element: XmlElement): string {
  const parts: string[] = [];
  for (let node: XmlElement | null = element; node; node = node.parent) {
    const id = node.attributes.id;
    parts.unshift(id ? `${node.name}[${id}]` : node.name);
  }
  return parts.join("/");
}

export function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** The xsi:type of an element, without its prefix ("MailApp", "bt:MobileIconList" -> "MobileIconList"). */
export function xsiType(element: XmlElement): string | undefined {
  const value = element.attributes["xsi:type"];
  return value?.includes(":") ? value.slice(value.indexOf(":") + 1) : value;
}
