/**
 * Releases from Simple files, the "latest" release, and carrying stale notes into a combined answer.
 */
import type { ReleaseSummary } from '../../core/model/package-info';
import type { Outcome } from '../../core/ports';
import { compareVersions, isPrerelease, isValidVersion, versionsEqual } from '../../core/versions';
import { summarise } from './json-api';
import type { SimpleFile, SimplePage } from './simple';

/** The files of one release: the same version by PEP 440 equality (`3.0` is `3.0.0`), or the same text. */
export function filesOf(page: SimplePage, version: string): SimpleFile[] {
  return page.files.filter((file) => file.version != null && sameVersion(file.version, version));
}

export function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  return isValidVersion(a) && isValidVersion(b) && versionsEqual(a, b);
}

/** One summary per version, in the index's order: PEP 700 `versions` first (some have no files). */
export function releasesFromSimple(page: SimplePage): ReleaseSummary[] {
  const groups = new Map<string, SimpleFile[]>();
  for (const version of page.versions ?? []) groups.set(version, []);
  for (const file of page.files) {
    if (file.version == null) continue;
    const version = file.version;
    const key = groups.has(version) ? version : ([...groups.keys()].find((known) => sameVersion(known, version)) ?? version);
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups].map(([version, files]) =>
    summarise(version, files.map((file) => ({ ...file, hasMetadataFile: file.metadataSha256 != null }))),
  );
}

/**
 * The newest final, non-yanked release: PyPI's own choice of `info.version` prefers exactly that.
 * Versions that are not PEP 440 cannot be ordered and are never "latest".
 */
export function latestOf(releases: readonly ReleaseSummary[]): string | null {
  let latest: string | null = null;
  for (const release of releases) {
    if (release.yanked || !isValidVersion(release.version) || isPrerelease(release.version)) continue;
    if (latest == null || compareVersions(release.version, latest) > 0) latest = release.version;
  }
  return latest;
}

/** An answer built from parts: stale when any part came stale from the cache. */
export function withStale<T>(value: T, parts: readonly (Outcome<unknown> | null)[]): Outcome<T> {
  const notes = [...new Set(parts.map((part) => (part?.status === 'ok' ? part.stale : undefined)).filter((note): note is string => note !== undefined))];
  return notes.length > 0 ? { status: 'ok', value, stale: notes.join('; ') } : { status: 'ok', value };
}
