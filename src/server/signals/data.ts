/**
 * Cached answers of PyPI, deps.dev and Scorecard, one row per kind and key, with when they were
 * fetched and until when they are trusted. A failed refresh keeps the last good value (the row
 * says it failed and why), so a source outage never erases what the server knew.
 */
import type { Queryable } from '../store/store';
import { toIso, toNumber, toStringOrNull } from '../store/store';

export type DataKind = 'pypi-project' | 'pypi-release' | 'provenance' | 'depsdev' | 'scorecard';

/** `not-found` is an answer, not a failure: the index does not know the package (or version). */
export type DataStatus = 'ok' | 'not-found' | 'unavailable' | 'rate-limited' | 'invalid';

export interface DataRow {
  readonly kind: DataKind;
  readonly key: string;
  readonly status: DataStatus;
  /** The last good value, kept when a later refresh failed; null when there never was one. */
  readonly value: unknown;
  readonly detail: string | null;
  readonly fetched: string;
  readonly expires: string;
  readonly seq: number;
}

export interface DataWrite {
  readonly kind: DataKind;
  readonly key: string;
  readonly status: DataStatus;
  readonly value: unknown;
  readonly detail: string | null;
  readonly fetched: Date;
  readonly expires: Date;
}

/** A failed write keeps the stored value; a successful answer replaces it, and "not found" clears it. */
export async function writeData(tx: Queryable, rows: readonly DataWrite[]): Promise<void> {
  for (const row of rows) {
    await tx.query(
      `INSERT INTO package_data (kind, key, status, value, detail, fetched, expires, seq)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, nextval('package_data_seq'))
       ON CONFLICT (kind, key) DO UPDATE SET status = EXCLUDED.status,
         value = CASE WHEN EXCLUDED.status IN ('ok', 'not-found') THEN EXCLUDED.value ELSE package_data.value END,
         detail = EXCLUDED.detail, fetched = EXCLUDED.fetched, expires = EXCLUDED.expires, seq = EXCLUDED.seq`,
      [row.kind, row.key, row.status, row.value == null ? null : JSON.stringify(row.value), row.detail, row.fetched.toISOString(), row.expires.toISOString()],
    );
  }
}

/** Rows written after `sinceSeq` (all of them for 0), oldest first. */
export async function readData(db: Queryable, sinceSeq: number): Promise<DataRow[]> {
  const rows = await db.query('SELECT kind, key, status, value, detail, fetched, expires, seq FROM package_data WHERE seq > $1 ORDER BY seq', [sinceSeq]);
  return rows.map((r) => ({
    kind: r['kind'] as DataKind,
    key: String(r['key']),
    status: r['status'] as DataStatus,
    value: typeof r['value'] === 'string' ? JSON.parse(r['value']) : (r['value'] ?? null),
    detail: toStringOrNull(r['detail']),
    fetched: toIso(r['fetched']),
    expires: toIso(r['expires']),
    seq: toNumber(r['seq']),
  }));
}
