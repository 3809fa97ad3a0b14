/**
 * PEP 440 version specifiers, matched exactly as pypa/packaging 26.2 matches them
 * (`packaging.specifiers.Specifier` and `SpecifierSet`): the operator semantics, the `===` string
 * match, and PEP 440's pre-release rule ("accept a pre-release only when asked, when the
 * specifier names one, or when nothing else matches").
 */
import {
  canonicalVersion,
  compareParsed,
  formatVersion,
  isPrereleaseVersion,
  parseVersion,
  PY_SPACE,
  publicOf,
  type Pep440Version,
} from './pep440-version';

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface VersionSpecifier {
  readonly operator: SpecifierOperator;
  /** The version as written after the operator, without surrounding whitespace. */
  readonly version: string;
  /** An explicit pre-release override; null lets the specifier decide. */
  readonly prereleases: boolean | null;
}

export interface VersionSpecifierSet {
  readonly specifiers: readonly VersionSpecifier[];
  readonly prereleases: boolean | null;
  /** Whether the text named `===` anywhere (packaging then compares strings as given). */
  readonly hasArbitrary: boolean;
}

/** A version to test: the text as given, or a parsed version (packaging's `Version` object). */
export type VersionItem = string | Pep440Version;

const NOT_SPACE_SEMI_PAREN = String.raw`[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000;)]`;
const RELEASE = String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`;
const PRE = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = String.raw`(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = String.raw`(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;

/** packaging's `Specifier._specifier_regex_str`: each operator admits its own version shape. */
export const SPECIFIER_PATTERN =
  String.raw`(?:===${PY_SPACE}*${NOT_SPACE_SEMI_PAREN}*)` +
  String.raw`|(?:(?:==|!=)${PY_SPACE}*${RELEASE}(?:\.\*|${PRE}${POST}${DEV}${LOCAL})?)` +
  String.raw`|(?:~=${PY_SPACE}*v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${PRE}${POST}${DEV})` +
  String.raw`|(?:(?:<=|>=|<|>)${PY_SPACE}*${RELEASE}${PRE}${POST}${DEV})`;

const SPECIFIER_RE = new RegExp(`^${PY_SPACE}*(?:${SPECIFIER_PATTERN})${PY_SPACE}*$`, 'i');
const TRIM_RE = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

/** Python's str.strip() (Unicode whitespace). */
export function pyStrip(text: string): string {
  return text.replace(TRIM_RE, '');
}

/** Parses one specifier (`>=1.0`); null when packaging raises InvalidSpecifier. */
export function parseSpecifier(text: string, prereleases: boolean | null = null): VersionSpecifier | null {
  if (!SPECIFIER_RE.test(text)) return null;
  const spec = pyStrip(text);
  const width = spec.startsWith('===') ? 3 : /^(~=|==|!=|<=|>=)/.test(spec) ? 2 : 1;
  const version = pyStrip(spec.slice(width));
  // A number longer than CPython converts makes packaging fail as soon as the specifier is used.
  if (spec.slice(0, width) !== '===' && !version.endsWith('.*') && parseVersion(version) == null) return null;
  if (version.endsWith('.*') && parseVersion(version.slice(0, -2)) == null) return null;
  return { operator: spec.slice(0, width) as SpecifierOperator, version, prereleases };
}

/** Parses a comma-separated specifier set; null when one of its specifiers is invalid. */
export function parseSpecifierSet(text: string, prereleases: boolean | null = null): VersionSpecifierSet | null {
  const specifiers: VersionSpecifier[] = [];
  for (const part of text.split(',')) {
    const trimmed = pyStrip(part);
    if (trimmed === '') continue;
    const spec = parseSpecifier(trimmed);
    if (!spec) return null;
    specifiers.push(spec);
  }
  return { specifiers, prereleases, hasArbitrary: text.includes('===') };
}

export function formatSpecifier(spec: VersionSpecifier): string {
  return `${spec.operator}${spec.version}`;
}

function coerce(item: VersionItem): Pep440Version | null {
  return typeof item === 'string' ? parseVersion(item) : item;
}

function itemText(item: VersionItem): string {
  return typeof item === 'string' ? item : formatVersion(item);
}

function specVersion(version: string): Pep440Version {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`not a PEP 440 version: ${version}`);
  return parsed;
}

/** `Specifier.prereleases`: whether the specifier itself admits pre-releases. */
export function specifierPrereleases(spec: VersionSpecifier): boolean | null {
  if (spec.prereleases != null) return spec.prereleases;
  if (spec.operator === '!=') return false;
  if (spec.operator === '==' && spec.version.endsWith('.*')) return false;
  const version = parseVersion(spec.version);
  return version == null ? null : isPrereleaseVersion(version);
}

/** packaging's `_version_split`: epoch, then release parts, with `1a1` split into `1`, `a1`. */
function versionSplit(version: string): string[] {
  const bang = version.lastIndexOf('!');
  const out = [bang >= 0 && version.slice(0, bang) !== '' ? version.slice(0, bang) : '0'];
  for (const item of version.slice(bang + 1).split('.')) {
    const m = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/.exec(item);
    if (m) out.push(m[1]!, m[2]!);
    else out.push(item);
  }
  return out;
}

function numericPrefixLength(split: readonly string[]): number {
  let n = 0;
  while (n < split.length && /^[0-9]+$/.test(split[n]!)) n++;
  return n;
}

function isNotSuffix(segment: string): boolean {
  return !['dev', 'a', 'b', 'rc', 'post'].some((prefix) => segment.startsWith(prefix));
}

function canonicalText(version: string): string {
  const parsed = parseVersion(version);
  return parsed ? canonicalVersion(parsed, false) : version;
}

/** `==V.*`: the prospective version, zero-padded, starts with the specifier's components. */
function wildcardEqual(prospective: Pep440Version, spec: string): boolean {
  const splitSpec = versionSplit(canonicalText(spec.slice(0, -2)));
  const specNumeric = numericPrefixLength(splitSpec);
  const split = versionSplit(canonicalVersion(publicOf(prospective), false));
  const numeric = numericPrefixLength(split);
  const padded = numeric >= specNumeric ? split : [...split.slice(0, numeric), ...Array<string>(specNumeric - numeric).fill('0'), ...split.slice(numeric)];
  const shortened = padded.slice(0, splitSpec.length);
  return shortened.length === splitSpec.length && shortened.every((part, i) => part === splitSpec[i]);
}

function compareEqual(prospective: Pep440Version, spec: string): boolean {
  if (spec.endsWith('.*')) return wildcardEqual(prospective, spec);
  const version = specVersion(spec);
  return compareParsed(version.local ? prospective : publicOf(prospective), version) === 0;
}

function compareCompatible(prospective: Pep440Version, spec: string): boolean {
  const kept: string[] = [];
  for (const part of versionSplit(spec)) {
    if (!isNotSuffix(part)) break;
    kept.push(part);
  }
  const [epoch, ...rest] = kept.slice(0, -1);
  return compareParsed(publicOf(prospective), specVersion(spec)) >= 0 && compareEqual(prospective, `${epoch}!${rest.join('.')}.*`);
}

function compareLessThan(prospective: Pep440Version, specText: string): boolean {
  const spec = specVersion(specText);
  if (compareParsed(prospective, spec) >= 0) return false;
  // PEP 440: "<V MUST NOT allow a pre-release of the specified version unless the specified
  // version is itself a pre-release".
  const earliest = { ...spec, dev: '0', local: null };
  return !(!isPrereleaseVersion(spec) && isPrereleaseVersion(prospective) && compareParsed(prospective, earliest) >= 0);
}

function compareGreaterThan(prospective: Pep440Version, specText: string): boolean {
  const spec = specVersion(specText);
  if (compareParsed(prospective, spec) <= 0) return false;
  // PEP 440: ">V MUST NOT allow a post-release of the specified version unless the specified
  // version is itself a post-release", nor a local version of it.
  const postBase = { ...prospective, post: null, dev: null, local: null };
  if (spec.post == null && prospective.post != null && compareParsed(postBase, spec) === 0) return false;
  return !(prospective.local != null && compareParsed(publicOf(prospective), spec) === 0);
}

/** Whether a parsed version matches one specifier's operator (ignoring the pre-release rule). */
export function operatorMatches(spec: VersionSpecifier, prospective: Pep440Version): boolean {
  switch (spec.operator) {
    case '~=':
      return compareCompatible(prospective, spec.version);
    case '==':
      return compareEqual(prospective, spec.version);
    case '!=':
      return !compareEqual(prospective, spec.version);
    case '<=':
      return compareParsed(publicOf(prospective), specVersion(spec.version)) <= 0;
    case '>=':
      return compareParsed(publicOf(prospective), specVersion(spec.version)) >= 0;
    case '<':
      return compareLessThan(prospective, spec.version);
    case '>':
      return compareGreaterThan(prospective, spec.version);
    case '===':
      return formatVersion(prospective).toLowerCase() === spec.version.toLowerCase();
  }
}

function arbitraryMatches(item: VersionItem, spec: VersionSpecifier): boolean {
  return itemText(item).toLowerCase() === spec.version.toLowerCase();
}

/** `Specifier.filter`: the items one specifier admits, in order. */
export function filterSpecifier<T extends VersionItem>(spec: VersionSpecifier, items: readonly T[], prereleases: boolean | null = null): T[] {
  const include = prereleases ?? specifierPrereleases(spec);
  const out: T[] = [];
  const heldBack: T[] = [];
  let foundFinal = false;
  for (const item of items) {
    const parsed = coerce(item);
    if (parsed == null) {
      if (spec.operator === '===' && arbitraryMatches(item, spec)) out.push(item);
      continue;
    }
    const match = spec.operator === '===' ? arbitraryMatches(item, spec) : operatorMatches(spec, parsed);
    if (!match) continue;
    if (!isPrereleaseVersion(parsed) || include === true) {
      foundFinal = true;
      out.push(item);
    } else if (prereleases == null && spec.prereleases !== false) {
      heldBack.push(item);
    }
  }
  if (!foundFinal && prereleases == null && spec.prereleases !== false) out.push(...heldBack);
  return out;
}

/** `SpecifierSet.prereleases`. */
export function setPrereleases(set: VersionSpecifierSet): boolean | null {
  if (set.prereleases != null) return set.prereleases;
  if (set.specifiers.length === 0) return null;
  return set.specifiers.some((s) => specifierPrereleases(s) === true) ? true : null;
}

/** PEP 440's default: drop pre-releases unless no final release is left. */
function pep440FilterPrereleases<T extends VersionItem>(items: readonly T[]): T[] {
  const finals = items.filter((item) => {
    const parsed = coerce(item);
    return parsed == null || !isPrereleaseVersion(parsed);
  });
  return items.some((item) => {
    const parsed = coerce(item);
    return parsed != null && !isPrereleaseVersion(parsed);
  })
    ? finals
    : [...items];
}

function allMatch(set: VersionSpecifierSet, item: VersionItem, parsed: Pep440Version): boolean {
  return set.specifiers.every((s) => (s.operator === '===' ? arbitraryMatches(item, s) : operatorMatches(s, parsed)));
}

function filterAll<T extends VersionItem>(set: VersionSpecifierSet, items: readonly T[], prereleases: boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    const parsed = coerce(item);
    if (parsed == null) {
      if (set.specifiers.every((s) => s.operator === '===' && arbitraryMatches(item, s))) out.push(item);
    } else if (!(prereleases === false && isPrereleaseVersion(parsed)) && allMatch(set, item, parsed)) {
      out.push(item);
    }
  }
  return out;
}

/** `SpecifierSet.filter`: the items the whole set admits, in order. */
export function filterSet<T extends VersionItem>(set: VersionSpecifierSet, items: readonly T[], prereleases: boolean | null = null): T[] {
  const effective = prereleases ?? setPrereleases(set);
  if (set.specifiers.length > 0) {
    const filtered = set.specifiers.length === 1 ? filterSpecifier(set.specifiers[0]!, items, effective ?? true) : filterAll(set, items, effective ?? true);
    return effective != null ? filtered : pep440FilterPrereleases(filtered);
  }
  if (effective === true) return [...items];
  if (effective === false) {
    return items.filter((item) => {
      const parsed = coerce(item);
      return parsed == null || !isPrereleaseVersion(parsed);
    });
  }
  return pep440FilterPrereleases(items);
}

export interface ContainsOptions {
  readonly prereleases?: boolean | null;
  /** The version is already installed: a pre-release is then accepted (packaging's `installed=`). */
  readonly installed?: boolean;
}

/** `SpecifierSet.contains`. */
export function setContains(set: VersionSpecifierSet, item: VersionItem, options: ContainsOptions = {}): boolean {
  const version = coerce(item);
  const prereleases = version != null && options.installed === true && isPrereleaseVersion(version) ? true : options.prereleases ?? null;
  const checked = version == null || (set.hasArbitrary && typeof item === 'string') ? item : version;
  return filterSet(set, [checked], prereleases).length > 0;
}

/** `Specifier.contains`. */
export function specifierContains(spec: VersionSpecifier, item: VersionItem, prereleases: boolean | null = null): boolean {
  return filterSpecifier(spec, [item], prereleases).length > 0;
}

/** packaging's `_canonical_spec`, by which specifiers compare equal (`==2.8.0` equals `==2.8`). */
export function canonicalSpecifier(spec: VersionSpecifier): string {
  if (spec.operator === '===' || spec.version.endsWith('.*')) return formatSpecifier(spec);
  return spec.operator + canonicalVersion(specVersion(spec.version), spec.operator !== '~=');
}

/** `str(SpecifierSet)`: the specifiers sorted by their text, equal ones once. */
export function formatSpecifierSet(set: VersionSpecifierSet): string {
  const sorted = [...set.specifiers].sort((a, b) => (formatSpecifier(a) < formatSpecifier(b) ? -1 : formatSpecifier(a) > formatSpecifier(b) ? 1 : 0));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const spec of sorted) {
    const key = canonicalSpecifier(spec);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(formatSpecifier(spec));
  }
  return out.join(',');
}
