/**
 * The health data of the database, held in memory and kept current by reading only the rows
 * written since the last read. It answers the risk model's questions as Outcomes: a stored good
 * value is `ok` (marked stale when the last refresh failed), a failure without a good value is
 * that failure, and data never fetched is `unavailable` — never a clean answer.
 */
import type { Outcome } from '../../core/ports';
import { notFound } from '../../datasources/outcome';
import type { Queryable } from '../store/store';
import { readData, type DataKind, type DataRow } from './data';

export const NOT_FETCHED = 'not fetched yet: the server fetches it in the background; ask again shortly';

function rowKey(kind: DataKind, key: string): string {
  return `${kind}\u0000${key}`;
}

/** The package a row is about: its key up to the `@` of `name@version`. Scorecard rows name a repository. */
export function packageOfRow(row: DataRow): string | null {
  if (row.kind === 'scorecard') return null;
  const at = row.key.indexOf('@');
  return at < 0 ? row.key : row.key.slice(0, at);
}

export class PackageData {
  private readonly rows = new Map<string, DataRow>();
  private seq = 0;

  /** Reads the rows written since the last call; returns the packages they are about. */
  async refresh(db: Queryable): Promise<Set<string>> {
    const fresh = await readData(db, this.seq);
    const touched = new Set<string>();
    for (const row of fresh) {
      this.rows.set(rowKey(row.kind, row.key), row);
      this.seq = Math.max(this.seq, row.seq);
      const name = packageOfRow(row);
      if (name != null) touched.add(name);
    }
    return touched;
  }

  get(kind: DataKind, key: string): DataRow | undefined {
    return this.rows.get(rowKey(kind, key));
  }

  /** Whether the row is missing or past its time, so that a refresh should be asked for. */
  due(kind: DataKind, key: string, nowMs: number): boolean {
    const row = this.get(kind, key);
    return !row || Date.parse(row.expires) <= nowMs;
  }

  outcome<T>(kind: DataKind, key: string): Outcome<T> {
    const row = this.get(kind, key);
    if (!row) return { status: 'unavailable', detail: NOT_FETCHED };
    if (row.status === 'not-found') return notFound(row.detail ?? 'not found');
    if (row.status === 'ok' && row.value != null) return { status: 'ok', value: row.value as T };
    if (row.value != null) {
      return { status: 'ok', value: row.value as T, stale: `${row.detail ?? row.status}; answer from ${row.fetched}` };
    }
    return { status: row.status === 'ok' ? 'invalid' : row.status, detail: row.detail ?? row.status };
  }
}
