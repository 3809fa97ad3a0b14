/**
 * PyPI's JSON API (risk-data-apis.md §2.1): `/pypi/<name>/json` for the project (every release and
 * its files in `releases`) and `/pypi/<name>/<version>/json` for one release (its files in
 * `urls`). `info` fields are `null` when absent, never `[]` or `{}`; `upload_time` has no zone, so
 * `upload_time_iso_8601` is read; per-file `yanked` copies the release's state.
 */
import type { ReleaseSummary } from '../../core/model/package-info';
import { isObject, stringOrNull } from '../outcome';

export interface JsonProject {
  readonly displayName: string;
  readonly summary: string | null;
  readonly license: string | null;
  readonly author: string | null;
  readonly maintainers: readonly string[];
  readonly projectUrls: Readonly<Record<string, string>>;
  readonly releases: readonly ReleaseSummary[];
}

export interface JsonFile {
  readonly filename: string;
  readonly url: string;
  readonly sha256: string | null;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  readonly uploadTime: string | null;
  readonly requiresPython: string | null;
  readonly hasMetadataFile: boolean;
}

export interface JsonRelease {
  readonly version: string;
  readonly requiresDist: readonly string[] | null;
  readonly requiresPython: string | null;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  readonly summary: string | null;
  readonly license: string | null;
  readonly author: string | null;
  readonly projectUrls: Readonly<Record<string, string>>;
  readonly files: readonly JsonFile[];
}

export function readJsonProject(body: unknown): JsonProject | null {
  if (!isObject(body) || !isObject(body['info'])) return null;
  const info = body['info'];
  const releases: ReleaseSummary[] = [];
  for (const [version, files] of Object.entries(isObject(body['releases']) ? body['releases'] : {})) {
    releases.push(summarise(version, (Array.isArray(files) ? files : []).map(readJsonFile).filter((file): file is JsonFile => file != null)));
  }
  return {
    displayName: typeof info['name'] === 'string' ? info['name'] : '',
    summary: stringOrNull(info['summary']),
    license: licenseOf(info),
    author: stringOrNull(info['author']) ?? stringOrNull(info['author_email']),
    maintainers: maintainersOf(body),
    projectUrls: projectUrlsOf(info),
    releases,
  };
}

export function readJsonRelease(body: unknown): JsonRelease | null {
  if (!isObject(body) || !isObject(body['info']) || typeof body['info']['version'] !== 'string') return null;
  const info = body['info'];
  const requiresDist = Array.isArray(info['requires_dist']) ? info['requires_dist'].filter((r): r is string => typeof r === 'string') : null;
  return {
    version: info['version'] as string,
    requiresDist,
    requiresPython: stringOrNull(info['requires_python']),
    yanked: info['yanked'] === true,
    yankedReason: stringOrNull(info['yanked_reason']),
    summary: stringOrNull(info['summary']),
    license: licenseOf(info),
    author: stringOrNull(info['author']) ?? stringOrNull(info['author_email']),
    projectUrls: projectUrlsOf(info),
    files: (Array.isArray(body['urls']) ? body['urls'] : []).map(readJsonFile).filter((file): file is JsonFile => file != null),
  };
}

function readJsonFile(raw: unknown): JsonFile | null {
  if (!isObject(raw) || typeof raw['filename'] !== 'string' || typeof raw['url'] !== 'string') return null;
  const digests = isObject(raw['digests']) ? raw['digests'] : {};
  return {
    filename: raw['filename'],
    url: raw['url'],
    sha256: stringOrNull(digests['sha256']),
    yanked: raw['yanked'] === true,
    yankedReason: stringOrNull(raw['yanked_reason']),
    uploadTime: stringOrNull(raw['upload_time_iso_8601']),
    requiresPython: stringOrNull(raw['requires_python']),
    // `core-metadata` is false or {"sha256": …}; PEP 658 metadata then sits at `<url>.metadata`.
    hasMetadataFile: isObject(raw['core-metadata']) || raw['core-metadata'] === true,
  };
}

/** A release is yanked when all its files are (PEP 592); it was uploaded when its first file was. */
export function summarise(version: string, files: readonly Pick<JsonFile, 'yanked' | 'yankedReason' | 'uploadTime' | 'requiresPython' | 'hasMetadataFile'>[]): ReleaseSummary {
  const times = files.map((file) => file.uploadTime).filter((time): time is string => time != null).sort();
  return {
    version,
    uploadTime: times[0] ?? null,
    yanked: files.length > 0 && files.every((file) => file.yanked),
    yankedReason: files.find((file) => file.yankedReason != null)?.yankedReason ?? null,
    requiresPython: files.find((file) => file.requiresPython != null)?.requiresPython ?? null,
    hasMetadataFile: files.some((file) => file.hasMetadataFile),
  };
}

/**
 * PEP 639's SPDX `license_expression` first; else the legacy `license` field when it is a name
 * rather than a whole licence text; else the last part of a `License ::` classifier.
 */
export function licenseOf(info: Record<string, unknown>): string | null {
  const expression = stringOrNull(info['license_expression']);
  if (expression) return expression;
  const license = stringOrNull(info['license'])?.trim();
  if (license && license.length <= 100 && !license.includes('\n') && license !== 'UNKNOWN') return license;
  const classifiers = Array.isArray(info['classifiers']) ? info['classifiers'] : [];
  const classifier = classifiers.find((c): c is string => typeof c === 'string' && c.startsWith('License ::') && c !== 'License :: OSI Approved');
  return classifier ? (classifier.split(' :: ').at(-1) ?? null) : null;
}

function maintainersOf(body: Record<string, unknown>): string[] {
  const ownership = isObject(body['ownership']) ? body['ownership'] : {};
  const roles = Array.isArray(ownership['roles']) ? ownership['roles'] : [];
  const users = roles.map((role) => (isObject(role) ? stringOrNull(role['user']) : null)).filter((user): user is string => user != null);
  if (users.length > 0) return [...new Set(users)];
  const info = isObject(body['info']) ? body['info'] : {};
  const maintainer = stringOrNull(info['maintainer']) ?? stringOrNull(info['maintainer_email']);
  return maintainer ? [maintainer] : [];
}

function projectUrlsOf(info: Record<string, unknown>): Record<string, string> {
  const urls: Record<string, string> = {};
  const homePage = stringOrNull(info['home_page']);
  if (homePage) urls['Homepage'] = homePage;
  if (isObject(info['project_urls'])) {
    for (const [label, url] of Object.entries(info['project_urls'])) if (typeof url === 'string') urls[label] = url;
  }
  return urls;
}
