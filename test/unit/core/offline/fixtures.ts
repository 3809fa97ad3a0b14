/** Small in-memory helpers for the offline-database tests: records, a clock, a bulk source. */
import type { OsvRecord } from '../../../../src/core/model/advisory';
import type { Clock, OsvBulkSource, Outcome } from '../../../../src/core/ports';

export const DAY = 24 * 60 * 60 * 1000;

export function osvRecord(id: string, modified: string, name: string, events: Record<string, string>[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, modified, affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }], ...extra };
}

export function fixedClock(iso: string): Clock {
  const now = Date.parse(iso);
  return { now: () => now };
}

/**
 * OSV's bucket in memory: `records` are served by id and listed newest first in modified_id.csv.
 * `fail` names what answers `unavailable`; `inFlight` records the most record fetches seen at once.
 */
export class MemoryBulk implements OsvBulkSource {
  readonly records = new Map<string, OsvRecord>();
  fail: { list?: boolean; zip?: boolean; ids?: ReadonlySet<string> } = {};
  zip: Uint8Array = new Uint8Array();
  fetches: string[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(records: readonly OsvRecord[] = []) {
    for (const record of records) this.records.set(record.id, record);
  }

  async allZip(): Promise<Outcome<Uint8Array>> {
    return this.fail.zip ? { status: 'unavailable', detail: 'HTTP 503' } : { status: 'ok', value: this.zip };
  }

  async modifiedIds(): Promise<Outcome<string>> {
    if (this.fail.list) return { status: 'unavailable', detail: 'HTTP 503' };
    const rows = [...this.records.values()].sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : a.id < b.id ? -1 : 1));
    return { status: 'ok', value: rows.map((r) => `${r.modified},${r.id}\n`).join('') };
  }

  async record(id: string): Promise<Outcome<OsvRecord>> {
    this.fetches.push(id);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    await Promise.resolve();
    this.inFlight -= 1;
    if (this.fail.ids?.has(id)) return { status: 'unavailable', detail: 'connection reset' };
    const record = this.records.get(id);
    return record ? { status: 'ok', value: record } : { status: 'invalid', detail: 'HTTP 404' };
  }
}
