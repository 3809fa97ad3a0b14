/**
 * PEP 440 versions and PEP 503 names. Version logic goes through @renovatebot/pep440 (a complete
 * PEP 440 implementation); semver is never right for Python versions.
 */
import * as pep440 from '@renovatebot/pep440';

/** PEP 503: runs of '-', '_' and '.' become one '-', and the name is lower-cased. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** PEP 508 names: letters and digits at both ends, '-', '_' and '.' inside. */
export function isValidName(name: string): boolean {
  return /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/.test(name);
}

export function isValidVersion(version: string): boolean {
  return pep440.valid(version) !== null;
}

/** PEP 440 order; throws on invalid versions, so check them first. */
export function compareVersions(a: string, b: string): number {
  return pep440.compare(a, b);
}

export function versionsEqual(a: string, b: string): boolean {
  return pep440.eq(a, b);
}

export function isPrerelease(version: string): boolean {
  const parsed = pep440.explain(version);
  return parsed !== null && (parsed.is_prerelease || parsed.is_devrelease);
}

export function isValidSpecifier(specifier: string): boolean {
  return specifier.trim() === '' || pep440.validRange(specifier);
}

/**
 * Whether `version` is in the specifier set. Pre-releases match only when asked for, or when the
 * specifier itself names one (PEP 440, "Handling of pre-releases").
 */
export function satisfies(version: string, specifier: string, options: { prereleases?: boolean } = {}): boolean {
  if (specifier.trim() === '') return options.prereleases === true || !isPrerelease(version);
  return pep440.satisfies(version, specifier, options.prereleases === undefined ? {} : { prereleases: options.prereleases });
}

export function sortVersions(versions: readonly string[]): string[] {
  return versions.filter(isValidVersion).sort(compareVersions);
}

/** The release segment's first number, e.g. 2 for "2.31.0"; the series a Fix prefers to stay in. */
export function majorOf(version: string): number | null {
  const parsed = pep440.explain(version);
  return parsed ? (parsed.release[0] ?? 0) : null;
}
