/**
 * The server's own copy of OSV's PyPI data. An import (all.zip or JSON lines, from the CLI or an
 * upload) and a sync (increments from modified_id.csv, or all.zip while the mirror is empty) each
 * write in one transaction: a failed or interrupted one leaves the mirror as it was. Every attempt
 * is logged, and its outcome is reported by /v1/mirror, /readyz and every assessment answer.
 */
import type { OsvRecord } from '../../core/model/advisory';
import type { Clock, Logger, OsvBulkSource } from '../../core/ports';
import { mapBounded } from '../../datasources/limiter';
import type { MirrorStatus, MirrorSummary, SyncReport } from '../../protocol/mirror';
import type { MirrorConfig } from '../config';
import type { MirrorService } from '../context';
import { bump } from '../state';
import type { Store } from '../store/store';
import { appendLog, mirrorCounts, modifiedById, upsertRecords } from './records';

export interface ParsedRecords {
  readonly records: readonly OsvRecord[];
  /** One line per entry that could not be read (and was skipped). */
  readonly problems: readonly string[];
}

/** Readers of OSV's bulk formats. */
export interface RecordParsers {
  zip(bytes: Uint8Array): ParsedRecords;
  jsonl(text: string): ParsedRecords;
  /** modified_id.csv: `<modified>,<id>` rows, newest first. */
  modifiedIds(csv: string): { readonly id: string; readonly modified: string }[];
  /** Whether timestamp `a` is later than `b` (RFC 3339, up to nanoseconds). */
  isNewer(a: string, b: string): boolean;
}

export interface MirrorDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: MirrorConfig;
  /** Null when sync is off. */
  readonly bulk: OsvBulkSource | null;
  readonly parsers: RecordParsers;
}

/** Detail fetches in flight at once during a sync. */
const FETCH_CONCURRENCY = 16;

export class Mirror implements MirrorService {
  private syncing: Promise<SyncReport> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: MirrorDeps) {}

  async summary(): Promise<MirrorSummary> {
    const { withdrawn: _w, packages: _p, ...summary } = await mirrorCounts(this.deps.store);
    return summary;
  }

  async status(): Promise<MirrorStatus> {
    const counts = await mirrorCounts(this.deps.store);
    const syncUrl = this.deps.bulk ? `${this.deps.config.baseUrl.replace(/\/+$/, '')}/PyPI/modified_id.csv` : null;
    return { ...counts, syncUrl, syncIntervalSeconds: this.deps.bulk ? this.deps.config.syncIntervalSeconds : 0 };
  }

  async importBytes(bytes: Uint8Array, kind: 'zip' | 'jsonl', source: string): Promise<SyncReport> {
    const parsed = kind === 'zip' ? this.deps.parsers.zip(bytes) : this.deps.parsers.jsonl(Buffer.from(bytes).toString('utf8'));
    return this.importRecords(parsed, source);
  }

  /** Writes what was read; an import that found no record at all is a failure, not an empty success. */
  async importRecords(parsed: ParsedRecords, source: string): Promise<SyncReport> {
    if (parsed.records.length === 0) return this.fail('import', `no OSV records found in ${source} (${parsed.problems.length} unreadable entries)`, source, parsed.problems.length);
    return this.write('import', parsed, source, `imported from ${source}`);
  }

  /** One sync at a time in this process; a second caller gets the running one's report. */
  sync(): Promise<SyncReport> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Syncs now and then every interval; a replica skips a run when another one synced recently. */
  start(): void {
    const interval = this.deps.config.syncIntervalSeconds * 1000;
    if (!this.deps.bulk || interval <= 0) return;
    const run = (): void => void this.syncIfDue(interval).catch((e: unknown) => this.deps.logger.error('scheduled mirror sync failed', { error: String(e) }));
    this.timer = setInterval(run, interval);
    this.timer.unref();
    setTimeout(run, 1000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.syncing?.catch(() => {});
  }

  private async syncIfDue(intervalMs: number): Promise<void> {
    const { lastSync } = await this.summary();
    if (lastSync && lastSync.status === 'ok' && this.deps.clock.now() - Date.parse(lastSync.at) < intervalMs * 0.9) return;
    const report = await this.sync();
    this.deps.logger.info('mirror sync', { status: report.status, written: report.written, detail: report.detail });
  }

  private async syncOnce(): Promise<SyncReport> {
    const { bulk, store, parsers } = this.deps;
    const source = this.deps.config.baseUrl;
    if (!bulk) return this.fail('sync', 'sync is off (no mirror URL)', 'none', 0);
    const known = await modifiedById(store);
    if (known.size === 0) {
      const zip = await bulk.allZip();
      if (zip.status !== 'ok') return this.fail('sync', `PyPI/all.zip: ${zip.status}: ${zip.detail}`, source, 0);
      return this.write('sync', parsers.zip(zip.value), source, 'first sync: imported PyPI/all.zip');
    }
    const csv = await bulk.modifiedIds();
    if (csv.status !== 'ok') return this.fail('sync', `PyPI/modified_id.csv: ${csv.status}: ${csv.detail}`, source, 0);
    const wanted = parsers.modifiedIds(csv.value).filter((row) => {
      const stored = known.get(row.id);
      return stored === undefined || parsers.isNewer(row.modified, stored);
    });
    const fetched = await mapBounded(wanted, FETCH_CONCURRENCY, (row) => bulk.record(row.id));
    const failed = fetched.flatMap((outcome, i) => (outcome.status === 'ok' ? [] : [`${wanted[i]!.id}: ${outcome.status}: ${outcome.detail}`]));
    if (failed.length > 0) return this.fail('sync', `${failed.length} of ${wanted.length} changed records could not be fetched, nothing written (first: ${failed[0]})`, source, 0);
    const records = fetched.flatMap((outcome) => (outcome.status === 'ok' ? [outcome.value] : []));
    return this.write('sync', { records, problems: [] }, source, `${wanted.length} changed in modified_id.csv`);
  }

  private async write(kind: SyncReport['kind'], parsed: ParsedRecords, source: string, detail: string): Promise<SyncReport> {
    const at = new Date(this.deps.clock.now()).toISOString();
    for (const problem of parsed.problems.slice(0, 20)) this.deps.logger.warn('skipped an unreadable OSV entry', { problem });
    return this.deps.store.transaction(async (tx) => {
      const written = await upsertRecords(tx, parsed.records);
      const report: SyncReport = { at, kind, status: 'ok', detail: `${detail}: ${parsed.records.length} records read, ${written} new or changed`, written, skipped: parsed.problems.length };
      await appendLog(tx, report, source);
      if (written > 0) await bump(tx, 'mirror');
      await bump(tx, 'mirror-log');
      return report;
    });
  }

  private async fail(kind: SyncReport['kind'], detail: string, source: string, skipped: number): Promise<SyncReport> {
    const report: SyncReport = { at: new Date(this.deps.clock.now()).toISOString(), kind, status: 'failed', detail, written: 0, skipped };
    await this.deps.store.transaction(async (tx) => {
      await appendLog(tx, report, source);
      await bump(tx, 'mirror-log');
    });
    this.deps.logger.warn(`mirror ${kind} failed`, { detail });
    return report;
  }
}
