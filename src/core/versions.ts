/**
 * PEP 440 versions and specifiers, and PEP 503 names: the one door the rest of the code uses.
 *
 * Versions and specifiers follow pypa/packaging 26.2 (the reference pip and uv agree with), in
 * src/core/pep508/pep440-*.ts. @renovatebot/pep440 disagreed with packaging on 57 of 282 rows of
 * the specifier tables and 5 of 261 rows of the version tables we tried it on (it says 3.0.0a8 is
 * not >3.0.0a7, ignores packaging 26's pre-release rules, prints the local label 8.0 as "8,0" and
 * keeps release numbers as floating point), so the thin layer became our own implementation;
 * docs/conformance.md has the details.
 */
import { filterSet, formatSpecifierSet, parseSpecifierSet, setContains, type VersionItem } from './pep508/pep440-specifier';
import { isUnsatisfiable } from './pep508/pep440-ranges';
import { canonicalVersion, compareParsed, formatVersion, isPrereleaseVersion, parseVersion, type Pep440Version } from './pep508/pep440-version';

export type { Pep440Version } from './pep508/pep440-version';

/** PEP 503: runs of '-', '_' and '.' become one '-', and the name is lower-cased. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** PEP 508 names: letters and digits at both ends, '-', '_' and '.' inside. */
export function isValidName(name: string): boolean {
  return /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/.test(name);
}

export { parseVersion, formatVersion };

export function isValidVersion(version: string): boolean {
  return parseVersion(version) != null;
}

/** The normalized form (`1.0-ALPHA1` → `1.0a1`); null when the version is not PEP 440. */
export function normalizeVersion(version: string): string | null {
  const parsed = parseVersion(version);
  return parsed ? formatVersion(parsed) : null;
}

/**
 * A text equal for exactly the versions PEP 440 calls equal (`1.0` and `1.0.0`, `v1.0-1` and
 * `1.0.post1`): packaging's `canonicalize_version`. Null when the version is not PEP 440.
 */
export function versionKey(version: string): string | null {
  const parsed = parseVersion(version);
  return parsed ? canonicalVersion(parsed) : null;
}

function parsedOrThrow(version: string): Pep440Version {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`Invalid version: '${version}'`);
  return parsed;
}

/** PEP 440 order; throws on invalid versions, so check them first. */
export function compareVersions(a: string, b: string): number {
  return Math.sign(compareParsed(parsedOrThrow(a), parsedOrThrow(b)));
}

export function versionsEqual(a: string, b: string): boolean {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x != null && y != null && compareParsed(x, y) === 0;
}

/** Pre-releases and development releases (packaging's `is_prerelease`). */
export function isPrerelease(version: string): boolean {
  const parsed = parseVersion(version);
  return parsed != null && isPrereleaseVersion(parsed);
}

export function isValidSpecifier(specifier: string): boolean {
  return parseSpecifierSet(specifier) != null;
}

export interface SatisfiesOptions {
  /** true: pre-releases match; false: they never do; unset: PEP 440's default. */
  readonly prereleases?: boolean;
  /** The version is the one installed or locked: a pre-release then matches (packaging's `installed=True`). */
  readonly installed?: boolean;
}

/**
 * Whether `version` is in the specifier set, as `SpecifierSet(specifier).contains(version)`
 * answers. By PEP 440's default a pre-release matches only when the specifier names one or when
 * it is the only candidate, which for a single version means it matches when it is in range.
 * An invalid specifier matches nothing (it never throws).
 */
export function satisfies(version: VersionItem, specifier: string, options: SatisfiesOptions = {}): boolean {
  const set = parseSpecifierSet(specifier);
  if (!set) return false;
  return setContains(set, version, { prereleases: options.prereleases ?? null, installed: options.installed === true });
}

/** The versions a specifier admits, in the given order, with PEP 440's pre-release rule. */
export function filterVersions(specifier: string, versions: readonly string[], options: { prereleases?: boolean } = {}): string[] {
  const set = parseSpecifierSet(specifier);
  return set ? filterSet(set, versions, options.prereleases ?? null) : [];
}

/** True when no version can satisfy the specifier set (`>=2,<1`); false for invalid text. */
export function isUnsatisfiableSpecifier(specifier: string): boolean {
  const set = parseSpecifierSet(specifier);
  return set != null && isUnsatisfiable(set);
}

/** `str(SpecifierSet(...))`: sorted, without spaces; null when invalid. */
export function canonicalSpecifierSet(specifier: string): string | null {
  const set = parseSpecifierSet(specifier);
  return set ? formatSpecifierSet(set) : null;
}

export function sortVersions(versions: readonly string[]): string[] {
  return versions.filter(isValidVersion).sort(compareVersions);
}

/** The release segment's first number, e.g. 2 for "2.31.0"; the series a Fix prefers to stay in. */
export function majorOf(version: string): number | null {
  const parsed = parseVersion(version);
  return parsed ? Number(parsed.release[0] ?? 0) : null;
}
