/**
 * Incremental update from OSV's bulk export (risk-data-apis.md §1.8): read `modified_id.csv`,
 * fetch `<ID>.json` for every record modified since the newest one held, and put them in place.
 * All or nothing: if the list or any record cannot be fetched, the update fails and the caller
 * keeps the database it had.
 */
import type { OsvRecord } from '../model/advisory';
import type { OsvBulkSource, Outcome } from '../ports';
import { checkOsvRecord } from '../advisories/record';
import { changedSince, compareTimestamps, parseModifiedIds, type ModifiedRow } from './modified-ids';
import { applyChanges, type ChangeReport, type ImportProblem, type OfflineSnapshot } from './snapshot';

export interface SyncReport extends ChangeReport {
  /** Rows of modified_id.csv newer than the database. */
  readonly listed: number;
  readonly fetched: number;
  readonly problems: readonly ImportProblem[];
}

export interface SyncOptions {
  /** Records fetched at once; the bucket is a CDN, a handful in flight is polite and fast. */
  readonly concurrency?: number;
}

export async function syncFromBulk(snapshot: OfflineSnapshot, bulk: OsvBulkSource, now: number, options: SyncOptions = {}): Promise<Outcome<{ snapshot: OfflineSnapshot; report: SyncReport }>> {
  const list = await bulk.modifiedIds();
  if (list.status !== 'ok') return { ...list, detail: `modified_id.csv: ${list.detail}` };
  const parsed = parseModifiedIds(list.value);
  const problems: ImportProblem[] = parsed.problems.map((p) => ({ where: `modified_id.csv line ${p.line}`, message: p.message }));
  const wanted = rowsToFetch(snapshot, parsed.rows);
  const fetched = await fetchRecords(bulk, wanted.map((row) => row.id), Math.max(1, options.concurrency ?? 8));
  if (fetched.status !== 'ok') return fetched;
  const updates: OsvRecord[] = [];
  for (const [id, value] of fetched.value) {
    const checked = checkOsvRecord(value);
    if (!checked.ok) problems.push({ where: `${id}.json`, message: checked.problem });
    else if (checked.record.id !== id) problems.push({ where: `${id}.json`, message: `holds record ${checked.record.id}` });
    else updates.push(checked.record);
  }
  const applied = applyChanges(snapshot, updates, now);
  const report = { ...applied.report, listed: wanted.length, fetched: fetched.value.length, problems };
  return { status: 'ok', value: { snapshot: applied.snapshot, report } };
}

/** Rows at or after the watermark whose record is missing here or older than the row says. */
function rowsToFetch(snapshot: OfflineSnapshot, rows: readonly ModifiedRow[]): ModifiedRow[] {
  const held = new Map(snapshot.records.map((record) => [record.id, record.modified]));
  const seen = new Set<string>();
  return changedSince(rows, snapshot.meta.newestModified).filter((row) => {
    if (seen.has(row.id)) return false;
    seen.add(row.id);
    const modified = held.get(row.id);
    return modified == null || compareTimestamps(modified, row.modified) < 0;
  });
}

/** Bounded parallel fetch; the first failure stops the workers and fails the whole fetch. */
async function fetchRecords(bulk: OsvBulkSource, ids: readonly string[], concurrency: number): Promise<Outcome<[string, unknown][]>> {
  const results: [string, unknown][] = [];
  let next = 0;
  let failure: Outcome<never> | null = null;
  async function worker(): Promise<void> {
    while (failure == null && next < ids.length) {
      const id = ids[next++]!;
      const answer = await bulk.record(id);
      if (answer.status !== 'ok') failure = { ...answer, detail: `${id}.json: ${answer.detail}` };
      else results.push([id, answer.value]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return failure ?? { status: 'ok', value: results.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}
