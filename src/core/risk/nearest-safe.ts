/**
 * The nearest safe version: the smallest release above the one in use that the index still
 * offers (not yanked, with files), that is not a pre-release unless the version in use is one
 * (pip's own rule, PEP 440 "Handling of pre-releases"), and that no known advisory affects.
 * It prefers the same major series by construction: PEP 440 orders by the release segment's first
 * number first, so every release of the major in use sorts before any of the next, and the next
 * series is offered only when the one in use has no safe release left.
 */
import type { OsvRecord } from '../model/advisory';
import type { ReleaseSummary } from '../model/package-info';
import { isAffected } from '../advisories/match';
import { compareVersions, isPrerelease, isValidVersion } from '../versions';

export function nearestSafe(name: string, version: string, releases: readonly ReleaseSummary[], records: readonly OsvRecord[]): string | null {
  if (!isValidVersion(version)) return null;
  const allowPre = isPrerelease(version);
  const candidates = releases.filter((release) => isCandidate(release, version, allowPre)).map((release) => release.version);
  const safe = candidates.sort(compareVersions).find((candidate) => !records.some((record) => isAffected(record, name, candidate)));
  return safe ?? null;
}

function isCandidate(release: ReleaseSummary, version: string, allowPre: boolean): boolean {
  if (release.yanked || !isValidVersion(release.version)) return false;
  // A release without files (uploadTime null) cannot be installed.
  if (release.uploadTime == null) return false;
  if (!allowPre && isPrerelease(release.version)) return false;
  return compareVersions(release.version, version) > 0;
}
