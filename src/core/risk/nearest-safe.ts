/**
 * The nearest safe version: the smallest release above the one in use that the index still
 * offers (not yanked, with files), that is not a pre-release unless the version in use is one
 * (pip's own rule, PEP 440 "Handling of pre-releases"), and that no known advisory affects.
 * It prefers the same major series by construction: PEP 440 orders by the release segment's first
 * number first, so every release of the major in use sorts before any of the next, and the next
 * series is offered only when the one in use has no safe release left.
 *
 * Without the index's release list (health not asked, or the index down), the advisories' own
 * fixed versions are the candidates: a version an advisory names as its fix exists, and the same
 * rule picks the smallest of them that no known record affects.
 */
import type { OsvRecord } from '../model/advisory';
import type { ReleaseSummary } from '../model/package-info';
import { isAffected } from '../advisories/match';
import { fixedVersions } from '../advisories/fixed';
import { compareVersions, isPrerelease, isValidVersion } from '../versions';

export function nearestSafe(name: string, version: string, releases: readonly ReleaseSummary[], records: readonly OsvRecord[]): string | null {
  if (!isValidVersion(version)) return null;
  const allowPre = isPrerelease(version);
  const candidates =
    releases.length > 0
      ? releases.filter((release) => isCandidate(release, version, allowPre)).map((release) => release.version)
      : fixedVersionsAbove(name, version, records, allowPre);
  const safe = candidates.sort(compareVersions).find((candidate) => !records.some((record) => isAffected(record, name, candidate)));
  return safe ?? null;
}

function fixedVersionsAbove(name: string, version: string, records: readonly OsvRecord[], allowPre: boolean): string[] {
  const fixes = new Set(records.flatMap((record) => fixedVersions(record, name)));
  return [...fixes].filter((v) => isValidVersion(v) && (allowPre || !isPrerelease(v)) && compareVersions(v, version) > 0);
}

function isCandidate(release: ReleaseSummary, version: string, allowPre: boolean): boolean {
  if (release.yanked || !isValidVersion(release.version)) return false;
  // A release without files (uploadTime null) cannot be installed.
  if (release.uploadTime == null) return false;
  if (!allowPre && isPrerelease(release.version)) return false;
  return compareVersions(release.version, version) > 0;
}
