/**
 * Fix versions of an advisory for one package: what "upgrade to" advice can name. Only `fixed`
 * events of version ranges carry a fix (pip-audit reads them the same way); `last_affected` and
 * `limit` say where the damage ends, not which release repairs it.
 */
import type { OsvRecord } from '../model/advisory';
import { compareVersions, isValidVersion } from '../versions';
import { entriesFor, eventsOf, rangeContains, versionRanges } from './match';

/** Every `fixed` version for the package, PEP 440 ascending, each once. */
export function fixedVersions(record: OsvRecord, name: string): string[] {
  const fixed: string[] = [];
  for (const entry of entriesFor(record, name)) {
    for (const range of versionRanges(entry)) {
      for (const event of eventsOf(range)) if (event.kind === 'fixed') fixed.push(event.value);
    }
  }
  return uniqueSorted(fixed);
}

/** Valid versions, PEP 440 ascending, versions equal under PEP 440 (1.0, 1.0.0) kept once. */
export function uniqueSorted(versions: readonly string[]): string[] {
  const sorted = versions.filter(isValidVersion).sort(compareVersions);
  return sorted.filter((version, index) => index === 0 || compareVersions(sorted[index - 1]!, version) !== 0);
}

/**
 * The smallest fixed version above `version` that lies outside every range of the record. Picking
 * by ranges rather than the smallest fixed value matters for branch records: django's
 * PYSEC-2021-9 fixes 2.2.18, 3.0.12 and 3.1.6, and 3.0.5 is fixed by 3.0.12 (2.2.18 is below it).
 * And when branches overlap (pyspark's PYSEC-2023-72 re-opens at 3.1.1 and is fixed at 3.2.0,
 * which another branch affects again) the next fixed value can itself be affected: skip it.
 * `versions[]` is not consulted here: it says which releases are affected, not which one fixes.
 * Null when no fixed version above the version in use escapes the ranges (no known fix).
 */
export function fixedAbove(record: OsvRecord, name: string, version: string): string | null {
  if (!isValidVersion(version)) return null;
  const ranges = entriesFor(record, name).flatMap(versionRanges);
  for (const candidate of fixedVersions(record, name)) {
    if (compareVersions(candidate, version) <= 0) continue;
    if (!ranges.some((range) => rangeContains(range, candidate))) return candidate;
  }
  return null;
}
