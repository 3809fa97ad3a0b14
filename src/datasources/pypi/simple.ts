/**
 * The Simple repository API's project page (PEP 503 / 691), the one API every index has. The JSON
 * form carries PEP 700 `versions`, `size` and `upload-time`; `yanked` as a bool or a reason string
 * (PEP 592); `core-metadata` (PEP 714, with the older `data-dist-info-metadata` spelling) for PEP
 * 658 `.metadata` files; `provenance` URLs (PEP 740); and PEP 792's `project-status`, which PyPI
 * puts at the top level and the spec's example puts in `meta` as plain strings — both are read.
 */
import type { ProjectStatus } from '../../core/model/package-info';
import { isObject, stringOrNull } from '../outcome';
import { versionFromFilename } from './filenames';

export interface SimpleFile {
  readonly filename: string;
  /** Absolute, resolved against the page URL. */
  readonly url: string;
  readonly version: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly uploadTime: string | null;
  readonly requiresPython: string | null;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  /** The sha256 of the PEP 658 metadata file, '' when offered without a hash, null when not offered. */
  readonly metadataSha256: string | null;
  readonly provenanceUrl: string | null;
}

export interface SimplePage {
  /** PEP 503 normalised. */
  readonly name: string;
  /** PEP 700 versions (may include releases without files), or null when the index does not say. */
  readonly versions: readonly string[] | null;
  readonly files: readonly SimpleFile[];
  readonly status: ProjectStatus | null;
  readonly statusReason: string | null;
  readonly lastSerial: number | null;
}

export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
const STATUSES: readonly ProjectStatus[] = ['active', 'archived', 'quarantined', 'deprecated'];

export function readProjectStatus(value: unknown): ProjectStatus | null {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value) ? (value as ProjectStatus) : null;
}

/** The JSON project page, or null when the body is not one. */
export function readSimpleJson(body: unknown, pageUrl: string, project: string): SimplePage | null {
  if (!isObject(body) || !Array.isArray(body['files'])) return null;
  const meta = isObject(body['meta']) ? body['meta'] : {};
  const status = isObject(body['project-status']) ? body['project-status'] : {};
  const files: SimpleFile[] = [];
  for (const raw of body['files']) {
    const file = readFile(raw, pageUrl, project);
    if (file) files.push(file);
  }
  const versions = Array.isArray(body['versions']) ? body['versions'].filter((v): v is string => typeof v === 'string') : null;
  const serial = meta['_last-serial'];
  return {
    name: typeof body['name'] === 'string' ? body['name'] : project,
    versions,
    files,
    status: readProjectStatus(status['status']) ?? readProjectStatus(meta['project-status']),
    statusReason: stringOrNull(status['reason']) ?? stringOrNull(meta['project-status-reason']),
    lastSerial: typeof serial === 'number' ? serial : null,
  };
}

function readFile(raw: unknown, pageUrl: string, project: string): SimpleFile | null {
  if (!isObject(raw) || typeof raw['filename'] !== 'string' || typeof raw['url'] !== 'string') return null;
  const hashes = isObject(raw['hashes']) ? raw['hashes'] : {};
  const yanked = raw['yanked'];
  return {
    filename: raw['filename'],
    url: resolve(raw['url'], pageUrl),
    version: versionFromFilename(raw['filename'], project),
    sha256: stringOrNull(hashes['sha256']),
    size: typeof raw['size'] === 'number' ? raw['size'] : null,
    uploadTime: stringOrNull(raw['upload-time']),
    requiresPython: stringOrNull(raw['requires-python']),
    // PEP 592 via PEP 691: false, true, or a non-empty reason string (which also means yanked).
    yanked: yanked === true || (typeof yanked === 'string' && yanked !== ''),
    yankedReason: typeof yanked === 'string' && yanked !== '' ? yanked : null,
    metadataSha256: metadataHash(raw['core-metadata'] ?? raw['data-dist-info-metadata']),
    provenanceUrl: typeof raw['provenance'] === 'string' ? resolve(raw['provenance'], pageUrl) : null,
  };
}

/** PEP 714: `false`, `true`, or a dict of hashes. */
function metadataHash(value: unknown): string | null {
  if (value === true) return '';
  if (isObject(value)) return typeof value['sha256'] === 'string' ? value['sha256'] : '';
  return null;
}

export function resolve(url: string, base: string): string {
  try {
    return new URL(url, base).toString();
  } catch {
    return url;
  }
}
