/**
 * The offline advisory database for the CLI and the server: import it (replacing what was there),
 * bring it up to date from OSV's bulk export, and open it as an AdvisorySource. Every step answers
 * with an Outcome; a failed import or update leaves the database on disk as it was.
 */
import type { Clock, OsvBulkSource, Outcome } from '../../core/ports';
import { createOfflineAdvisoryDb, type OfflineAdvisoryDb } from '../../core/offline/db';
import { snapshotOf, type ImportProblem, type OfflineMeta, type OfflineSnapshot } from '../../core/offline/snapshot';
import { syncFromBulk, type SyncOptions, type SyncReport } from '../../core/offline/sync';
import { readRecordsFrom, type ReadRecords } from './import';
import { loadSnapshot, saveSnapshot } from './store';
import { readAllZip } from './zip';

export interface ImportReport {
  readonly meta: OfflineMeta;
  readonly problems: readonly ImportProblem[];
}

/** Replaces the database in `dir` with the records of `from` (all.zip, JSON lines, JSON, folder). */
export async function importOfflineDb(dir: string, from: string, clock: Clock): Promise<Outcome<ImportReport>> {
  const read = await readRecordsFrom(from);
  if (read.status !== 'ok') return read;
  return store(dir, read.value, clock);
}

/** Replaces the database in `dir` with the bulk source's `all.zip`. */
export async function importFromBulk(dir: string, bulk: OsvBulkSource, clock: Clock): Promise<Outcome<ImportReport>> {
  const zip = await bulk.allZip();
  if (zip.status !== 'ok') return { ...zip, detail: `all.zip: ${zip.detail}` };
  return store(dir, { ...readAllZip(zip.value), source: 'osv bulk all.zip' }, clock);
}

export interface UpdateReport extends SyncReport {
  readonly meta: OfflineMeta;
}

/** Fetches what changed since the newest record held; all or nothing. */
export async function updateOfflineDb(dir: string, bulk: OsvBulkSource, clock: Clock, options: SyncOptions = {}): Promise<Outcome<UpdateReport>> {
  const loaded = await loadSnapshot(dir);
  if (loaded.status !== 'ok') return loaded;
  const synced = await syncFromBulk(loaded.value, bulk, clock.now(), options);
  if (synced.status !== 'ok') return synced;
  const saved = await save(dir, synced.value.snapshot);
  if (saved.status !== 'ok') return saved;
  return { status: 'ok', value: { ...synced.value.report, meta: synced.value.snapshot.meta } };
}

export interface OpenOptions {
  readonly clock: Clock;
  /** Days after which answers are marked stale; null or absent: never. */
  readonly maxAgeDays?: number | null;
}

export async function openOfflineDb(dir: string, options: OpenOptions): Promise<Outcome<OfflineAdvisoryDb>> {
  const loaded = await loadSnapshot(dir);
  if (loaded.status !== 'ok') return loaded;
  return { status: 'ok', value: createOfflineAdvisoryDb(loaded.value, options) };
}

async function store(dir: string, read: ReadRecords, clock: Clock): Promise<Outcome<ImportReport>> {
  // An import that found nothing usable must not replace a working database with an empty one.
  if (read.records.length === 0) return { status: 'invalid', detail: `no OSV records in ${read.source} (${read.problems.length} problems)` };
  const snapshot = snapshotOf(read.records, read.source, clock.now());
  const saved = await save(dir, snapshot);
  if (saved.status !== 'ok') return saved;
  return { status: 'ok', value: { meta: snapshot.meta, problems: read.problems } };
}

async function save(dir: string, snapshot: OfflineSnapshot): Promise<Outcome<true>> {
  try {
    await saveSnapshot(dir, snapshot);
    return { status: 'ok', value: true };
  } catch (error) {
    return { status: 'unavailable', detail: `cannot write the offline database: ${(error as Error).message}` };
  }
}
