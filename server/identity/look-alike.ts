import { canonicalDomain, type CanonicalDomain } from "./domain-name";
import { isMixedScript, scriptsOf } from "./scripts";
import { domainSkeleton } from "./skeleton";
import { WELL_KNOWN_DOMAINS } from "./well-known-domains";

export type LookAlikeCode = "mixed-script" | "look-alike";

export interface LookAlikeReferences {
  /** The tenant's own domains: skeleton-equal or one edit away is a look-alike. */
  acceptedDomains?: readonly string[];
  /** Domains the tenant already allowed: skeleton-equal is a look-alike. */
  protectedDomains?: readonly string[];
}

export interface LookAlikeFinding {
  code: LookAlikeCode;
  message: string;
}

interface Reference {
  registrable: string;
  registrableUnicode: string;
  skeleton: string;
}

/** Skeletons of reference names, memoised: the same accepted domains come with every report. */
const references = new Map<string, Reference | null>();
const MAX_REMEMBERED = 10_000;

function referenceOf(name: string): Reference | null {
  const known = references.get(name);
  if (known !== undefined) return known;
  const canonical = canonicalDomain(name.replace(/^\*\./, ""));
  const reference = canonical.ok
    ? {
        registrable: canonical.registrable,
        registrableUnicode: canonical.registrableUnicode,
        skeleton: domainSkeleton(canonical.registrableUnicode),
      }
    : null;
  if (references.size >= MAX_REMEMBERED) references.clear();
  references.set(name, reference);
  return reference;
}

const WELL_KNOWN = WELL_KNOWN_DOMAINS.map(referenceOf).filter((r): r is Reference => r !== null);

/** Optimal string alignment distance of at most one: one insertion, deletion, substitution or swap. */
export function isOneEditAway(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length === y.length) {
    const differ = x.flatMap((character, i) => (character === y[i] ? [] : [i]));
    if (differ.length === 1) return true;
    const [i, j] = differ;
    return differ.length === 2 && j === i! + 1 && x[i!] === y[j] && x[j] === y[i!];
  }
  const [shorter, longer] = x.length < y.length ? [x, y] : [y, x];
  if (longer.length - shorter.length !== 1) return false;
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i += 1;
  return shorter.slice(i).every((character, k) => character === longer[i + k + 1]);
}

/**
 * A label written in one non-Latin script whose every letter reads as Latin ("аррӏе" in
 * Cyrillic): UTS #39's whole-script confusable, which the mixed-script check cannot see. A
 * name under a top-level domain of its own script (".рф") is spelled in that script on purpose.
 */
function wholeScriptLookAlike(label: string, topLevel: string): boolean {
  if (/^[\x21-\x7e]*$/.test(label)) return false;
  const scripts = scriptsOf(label);
  if (scripts.size !== 1 || scripts.has("Latin")) return false;
  const [script] = scripts;
  if ([...scriptsOf(topLevel)].includes(script!)) return false;
  return /^[a-z0-9-]+$/.test(domainSkeleton(label));
}

/**
 * Whether a valid domain imitates another: a label mixing scripts, a whole-script confusable,
 * a UTS #39 skeleton equal to a well-known, accepted or already allowed domain it is not, or
 * one edit from an accepted domain (c0ntoso.com for contoso.com), in A-labels or U-labels.
 */
export function lookAlikeOf(
  domain: CanonicalDomain,
  context: LookAlikeReferences = {},
): LookAlikeFinding | null {
  const labels = domain.unicode.split(".");
  const mixed = labels.find((label) => isMixedScript(label));
  if (mixed !== undefined) {
    return {
      code: "mixed-script",
      message: `The label "${domain.ascii.split(".")[labels.indexOf(mixed)]}" mixes scripts (${[...scriptsOf(mixed)].join(", ")}), as look-alike domains do.`,
    };
  }
  const topLevel = labels[labels.length - 1]!;
  if (labels.slice(0, -1).some((label) => wholeScriptLookAlike(label, topLevel))) {
    return {
      code: "look-alike",
      message: `${domain.ascii} is written in another script but reads as a Latin name.`,
    };
  }
  const skeleton = domainSkeleton(domain.registrableUnicode);
  const imitates = (reference: Reference) =>
    reference.registrable !== domain.registrable && reference.skeleton === skeleton;
  const accepted = (context.acceptedDomains ?? []).map(referenceOf).filter((r) => r !== null);
  const allowed = (context.protectedDomains ?? []).map(referenceOf).filter((r) => r !== null);
  const twin = [...accepted, ...allowed, ...WELL_KNOWN].find(imitates);
  if (twin) {
    return {
      code: "look-alike",
      message: `${domain.ascii} looks like ${twin.registrable} without being it.`,
    };
  }
  const near = accepted.find(
    (reference) =>
      reference.registrable !== domain.registrable &&
      (isOneEditAway(reference.registrable, domain.registrable) ||
        isOneEditAway(reference.registrableUnicode, domain.registrableUnicode)),
  );
  if (near) {
    return {
      code: "look-alike",
      message: `${domain.ascii} is one letter away from your domain ${near.registrable}.`,
    };
  }
  return null;
}
