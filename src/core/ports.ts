/**
 * The only doors out of the core. The core never touches the file system, the network, timers or
 * VS Code; the extension, the CLI and the server pass implementations of these ports in.
 */
import type { OsvRecord } from './model/advisory';
import type { DepsDevInfo, ProjectInfo, Provenance, ReleaseInfo, Scorecard } from './model/package-info';

/** Reads files by path; `undefined` means the file does not exist or cannot be read. */
export interface FileSource {
  read(path: string): Promise<string | undefined>;
}

export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/**
 * Every answer from a data source says whether the source answered. "The source failed" must never
 * be mistaken for "nothing found": only `ok` carries a value.
 */
export type SourceStatus = 'ok' | 'unavailable' | 'rate-limited' | 'invalid';

export type Outcome<T> =
  | {
      readonly status: 'ok';
      readonly value: T;
      /** Set when the source failed and this is the last good answer from the cache: says why and how old. */
      readonly stale?: string;
    }
  | {
      readonly status: Exclude<SourceStatus, 'ok'>;
      readonly detail: string;
      readonly retryAfterMs?: number;
      /** The source answered that it does not know the package (a 404): a finding, not an outage. */
      readonly notFound?: true;
    };

export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
};


/** A package at an exact version, the unit every risk question is asked about. */
export interface PackageVersion {
  /** PEP 503 normalised. */
  readonly name: string;
  readonly version: string;
}

export function packageKey(p: PackageVersion): string {
  return `${p.name}@${p.version}`;
}

/**
 * Advisories for many packages at once: OSV's API, the offline database, or the team backend.
 * The answer maps packageKey → the full records that affect that version (withdrawn ones never).
 * A package absent from the map was not answered (its query was rejected or failed): unknown, never
 * clean. An empty list means the source answered "no advisories".
 */
export interface AdvisorySource {
  readonly name: 'osv' | 'offline-db' | 'backend';
  advisories(packages: readonly PackageVersion[]): Promise<Outcome<ReadonlyMap<string, readonly OsvRecord[]>>>;
  /**
   * Every record about a package whatever the version, when the source holds them all (the offline
   * database): a Fix then skips releases that another advisory affects.
   */
  recordsFor?(name: string): readonly OsvRecord[];
}

/** A Python package index: PyPI or a private one (Simple API; the JSON API when offered). */
export interface PackageIndex {
  project(name: string): Promise<Outcome<ProjectInfo>>;
  release(name: string, version: string): Promise<Outcome<ReleaseInfo>>;
  /** PEP 740 provenance of a release's files. */
  provenance(name: string, version: string): Promise<Outcome<Provenance>>;
}

export interface DepsDevSource {
  version(name: string, version: string): Promise<Outcome<DepsDevInfo>>;
}

export interface ScorecardSource {
  /** `repository` as `github.com/owner/repo`. */
  scorecard(repository: string): Promise<Outcome<Scorecard>>;
}

/** Cached values by kind, so each kind can have its own time to live. */
export type CacheKind = 'osv-vuln' | 'osv-query' | 'pypi-project' | 'pypi-release' | 'pypi-simple' | 'provenance' | 'depsdev' | 'scorecard' | 'metadata';

export interface CacheEntry {
  readonly value: unknown;
  /** Milliseconds since the epoch. */
  readonly storedAt: number;
  readonly etag?: string;
  readonly lastModified?: string;
}

/**
 * A persistent key-value store for source answers. It only stores; freshness (per-kind TTLs,
 * revalidation, falling back to a stale answer when the source is down) is decided by its callers.
 */
export interface Cache {
  get(kind: CacheKind, key: string): Promise<CacheEntry | undefined>;
  set(kind: CacheKind, key: string, entry: CacheEntry): Promise<void>;
}

/** OSV's bulk export (a GCS bucket or an offline mirror of it), for the offline database. */
export interface OsvBulkSource {
  /** `PyPI/all.zip`: every PyPI record, withdrawn ones included. */
  allZip(): Promise<Outcome<Uint8Array>>;
  /** `PyPI/modified_id.csv`: rows `<modified>,<id>`, newest first, no header. */
  modifiedIds(): Promise<Outcome<string>>;
  /** `PyPI/<id>.json`. */
  record(id: string): Promise<Outcome<OsvRecord>>;
}
