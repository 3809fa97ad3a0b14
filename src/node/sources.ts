/**
 * Builds the data sources an analysis asks, from one settings object: the CLI fills it from flags,
 * the extension from its settings. Which sources exist, where they live, what is cached where.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzePorts } from '../core/analyze';
import { createOfflineAdvisoryDb, type OfflineAdvisoryDb } from '../core/offline/db';
import { snapshotOf } from '../core/offline/snapshot';
import type { AdvisorySource, Cache, Clock, Outcome, PackageIndex } from '../core/ports';
import { BackendAdvisorySource } from '../datasources/backend/advisory-source';
import { BackendClient } from '../datasources/backend/client';
import { DepsDevClient } from '../datasources/depsdev/client';
import { createHttpClient, type HttpClient } from '../datasources/http';
import { OsvClient } from '../datasources/osv/client';
import { PypiIndex } from '../datasources/pypi';
import { ScorecardClient } from '../datasources/scorecard/client';
import { DiskCache } from './cache/disk-cache';
import { TieredCache } from './cache/tiered-cache';
import { openOfflineDb } from './offline-db/database';
import { readRecordsFrom } from './offline-db/import';

export interface SourceSettings {
  /** False: nothing leaves the machine; only the offline database answers. */
  readonly network: boolean;
  readonly osvUrl: string | null;
  /** The Simple API root of the package index (PyPI's when null). */
  readonly indexUrl: string | null;
  /** The JSON API root; null means "PyPI's for PyPI, none for other indexes". */
  readonly indexJsonUrl: string | null;
  readonly indexToken: string | null;
  /** An offline database folder, or an OSV all.zip / JSON-lines file / folder of records to read. */
  readonly offlineDb: string | null;
  readonly offlineMaxAgeDays: number | null;
  readonly depsDev: boolean;
  readonly depsDevUrl: string | null;
  readonly scorecard: boolean;
  readonly scorecardUrl: string | null;
  readonly provenance: boolean;
  readonly health: boolean;
  /** The team backend: when set, advisories come from it in one request. */
  readonly backendUrl: string | null;
  readonly backendToken: string | null;
  readonly cacheDir: string | null;
  readonly proxy: string | null;
  readonly caBundle: string | null;
}

export const DEFAULT_SOURCE_SETTINGS: SourceSettings = {
  network: true,
  osvUrl: null,
  indexUrl: null,
  indexJsonUrl: null,
  indexToken: null,
  offlineDb: null,
  offlineMaxAgeDays: 30,
  depsDev: true,
  depsDevUrl: null,
  scorecard: true,
  scorecardUrl: null,
  provenance: true,
  health: true,
  backendUrl: null,
  backendToken: null,
  cacheDir: null,
  proxy: null,
  caBundle: null,
};

/** `$XDG_CACHE_HOME/beachcomber`, else `~/.cache/beachcomber`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'beachcomber');
}

export interface Sources {
  readonly ports: AnalyzePorts;
  /** The index as the resolver reads it (PEP 658 metadata first), when the network is on. */
  readonly resolverIndex: PackageIndex | null;
  readonly offline: OfflineAdvisoryDb | null;
  /** Said when a source could not even be set up (an unreadable offline database). */
  readonly problems: readonly string[];
  close(): Promise<void>;
}

export async function createSources(settings: SourceSettings, clock: Clock = Date): Promise<Sources> {
  const problems: string[] = [];
  const cache: Cache | null = settings.cacheDir === '' ? null : new TieredCache(new DiskCache({ directory: settings.cacheDir ?? defaultCacheDir() }));
  const http = settings.network ? createHttpClient({ proxy: settings.proxy, caBundle: settings.caBundle }) : null;

  let offline: OfflineAdvisoryDb | null = null;
  if (settings.offlineDb) {
    const opened = await openOffline(settings.offlineDb, settings.offlineMaxAgeDays, clock);
    if (opened.status === 'ok') offline = opened.value;
    else problems.push(`offline database ${settings.offlineDb}: ${opened.detail}`);
  }

  const closers: (() => Promise<void>)[] = [];
  if (http) closers.push(() => http.close());
  const advisories = advisorySource(settings, http, cache, clock, offline, problems, closers);
  const health = http && settings.health;
  const ports: AnalyzePorts = {
    advisories,
    clock,
    ...(health ? { index: new PypiIndex({ http, cache, clock, ...indexLocation(settings) }) } : {}),
    ...(health && settings.depsDev ? { depsDev: new DepsDevClient({ http, cache, clock, ...(settings.depsDevUrl ? { baseUrl: settings.depsDevUrl } : {}) }) } : {}),
    ...(health && settings.scorecard ? { scorecard: new ScorecardClient({ http, cache, clock, ...(settings.scorecardUrl ? { baseUrl: settings.scorecardUrl } : {}) }) } : {}),
  };
  const resolverIndex = http ? new PypiIndex({ http, cache, clock, metadataFirst: true, ...indexLocation(settings) }) : null;
  return { ports, offline, resolverIndex, problems, close: async () => void (await Promise.all(closers.map((close) => close()))) };
}

function indexLocation(settings: SourceSettings): { simpleUrl?: string; jsonUrl?: string; auth?: { token: string } } {
  return {
    ...(settings.indexUrl ? { simpleUrl: settings.indexUrl } : {}),
    ...(settings.indexJsonUrl ? { jsonUrl: settings.indexJsonUrl } : {}),
    ...(settings.indexToken ? { auth: { token: settings.indexToken } } : {}),
  };
}

/** The team backend when configured, else OSV's API, else the offline database; never nothing. */
function advisorySource(settings: SourceSettings, http: HttpClient | null, cache: Cache | null, clock: Clock, offline: OfflineAdvisoryDb | null, problems: readonly string[], closers: (() => Promise<void>)[]): AdvisorySource {
  if (http && settings.backendUrl) {
    const client = new BackendClient({ baseUrl: settings.backendUrl, token: settings.backendToken ?? '', proxy: settings.proxy, caBundle: settings.caBundle });
    closers.push(() => client.close());
    return new BackendAdvisorySource(client);
  }
  if (offline) return offline;
  if (http) return new OsvClient({ http, cache, clock, ...(settings.osvUrl ? { baseUrl: settings.osvUrl } : {}) });
  const why = settings.offlineDb ? problems.join('; ') : 'the network is off and no offline database is configured';
  return { name: 'offline-db', advisories: async () => ({ status: 'unavailable', detail: why }) };
}

/** A database folder (meta.json) is opened; an OSV export (all.zip, JSON lines, a folder of records) is read as is. */
async function openOffline(path: string, maxAgeDays: number | null, clock: Clock): Promise<Outcome<OfflineAdvisoryDb>> {
  const opened = await openOfflineDb(path, { clock, maxAgeDays });
  if (opened.status === 'ok') return opened;
  const read = await readRecordsFrom(path);
  if (read.status !== 'ok') return { status: 'unavailable', detail: `${opened.detail}; ${read.detail}` };
  if (read.value.records.length === 0) return { status: 'invalid', detail: 'no OSV records found' };
  return { status: 'ok', value: createOfflineAdvisoryDb(snapshotOf(read.value.records, path, clock.now()), { clock, maxAgeDays }) };
}
