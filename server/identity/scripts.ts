/**
 * The scripts of a label's letters. Common and Inherited characters (digits, hyphen, combining
 * marks) belong to every script. The list covers the scripts of the IDN tables registries
 * publish; any other letter counts as "Other".
 */
const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Nko",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Khmer",
  "Mongolian",
  "Ethiopic",
  "Cherokee",
  "Canadian_Aboriginal",
  "Hangul",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
  "Yi",
  "Coptic",
  "Glagolitic",
  "Tifinagh",
  "Vai",
  "Lisu",
] as const;

const SHARED = /[\p{Script=Common}\p{Script=Inherited}]/u;
const MATCHERS = SCRIPTS.map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, "u") }));
const ASCII_LETTER = /[a-z]/i;

function scriptOf(character: string): string | null {
  if (ASCII_LETTER.test(character)) return "Latin";
  if (SHARED.test(character)) return null;
  return MATCHERS.find((matcher) => matcher.pattern.test(character))?.name ?? "Other";
}

export function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const character of label) {
    const script = scriptOf(character);
    if (script) scripts.add(script);
  }
  return scripts;
}

/**
 * UTS #39 §5.2 "Highly Restrictive": one script, or Latin with the scripts Japanese, Chinese
 * and Korean are written in together.
 */
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

export function isMixedScript(label: string): boolean {
  const scripts = scriptsOf(label);
  if (scripts.size <= 1) return false;
  return !ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}
