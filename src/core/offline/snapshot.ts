/**
 * The offline advisory database as plain data: every record by id (withdrawn ones kept, so that
 * an update can tell "withdrawn" from "never seen"), and what is known about its freshness.
 * Persisting it is the node adapter's job (src/node/offline-db/).
 */
import type { OsvRecord } from '../model/advisory';
import { compareTimestamps } from './modified-ids';

export interface OfflineMeta {
  /** Where the records came from: a file path, a folder, or the bulk source. */
  readonly source: string;
  /** ISO 8601: when the records were imported. */
  readonly importedAt: string;
  /** ISO 8601: when an update from the bulk source last succeeded, or null. */
  readonly updatedAt: string | null;
  /** The newest `modified` among the records: the data's own clock, and the next update's watermark. */
  readonly newestModified: string | null;
  readonly records: number;
  readonly withdrawn: number;
}

export interface OfflineSnapshot {
  readonly meta: OfflineMeta;
  readonly records: readonly OsvRecord[];
}

/** One bad line, zip entry or file of an import: reported and skipped. */
export interface ImportProblem {
  /** "line 12", "entry PYSEC-2021-9.json", "file a/b.json". */
  readonly where: string;
  readonly message: string;
}

/** A snapshot of freshly imported records; of two records with one id the newer `modified` wins. */
export function snapshotOf(records: readonly OsvRecord[], source: string, now: number): OfflineSnapshot {
  const byId = new Map<string, OsvRecord>();
  for (const record of records) keepNewer(byId, record);
  return withMeta([...byId.values()], { source, importedAt: new Date(now).toISOString(), updatedAt: null });
}

export interface ChangeReport {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  /** Records that are withdrawn now and were not before (or are new and withdrawn). */
  readonly withdrawn: readonly string[];
}

/** The snapshot with updated records put in place, stamped as updated at `now`. */
export function applyChanges(snapshot: OfflineSnapshot, updates: readonly OsvRecord[], now: number): { snapshot: OfflineSnapshot; report: ChangeReport } {
  const byId = new Map(snapshot.records.map((record) => [record.id, record]));
  const added: string[] = [];
  const changed: string[] = [];
  const withdrawn: string[] = [];
  for (const record of updates) {
    const before = byId.get(record.id);
    if (before && compareTimestamps(record.modified, before.modified) < 0) continue;
    if (!before) added.push(record.id);
    else if (before.modified !== record.modified) changed.push(record.id);
    if (record.withdrawn && !before?.withdrawn) withdrawn.push(record.id);
    byId.set(record.id, record);
  }
  const { source, importedAt } = snapshot.meta;
  const next = withMeta([...byId.values()], { source, importedAt, updatedAt: new Date(now).toISOString() });
  return { snapshot: next, report: { added, changed, withdrawn } };
}

function keepNewer(byId: Map<string, OsvRecord>, record: OsvRecord): void {
  const before = byId.get(record.id);
  if (!before || compareTimestamps(record.modified, before.modified) > 0) byId.set(record.id, record);
}

function withMeta(records: OsvRecord[], base: Pick<OfflineMeta, 'source' | 'importedAt' | 'updatedAt'>): OfflineSnapshot {
  const sorted = records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    meta: { ...base, newestModified: newestModified(sorted), records: sorted.length, withdrawn: sorted.filter((r) => r.withdrawn).length },
    records: sorted,
  };
}

export function newestModified(records: readonly OsvRecord[]): string | null {
  let newest: string | null = null;
  for (const record of records) if (newest == null || compareTimestamps(record.modified, newest) > 0) newest = record.modified;
  return newest;
}
