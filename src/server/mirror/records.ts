/**
 * The mirror's tables: every OSV record (withdrawn ones too, as OSV exports them) with the PEP 503
 * names of the PyPI packages it is about, and a log of imports and syncs.
 */
import type { OsvRecord } from '../../core/model/advisory';
import { normalizeName } from '../../core/versions';
import type { MirrorSummary, SyncReport } from '../../protocol/mirror';
import type { Queryable } from '../store/store';
import { toIso, toNumber, toStringOrNull } from '../store/store';

/** Records per INSERT statement. */
const CHUNK = 200;

/** The PEP 503 names of the PyPI packages a record is about. */
export function pypiNames(record: OsvRecord): string[] {
  const names = new Set<string>();
  for (const entry of Array.isArray(record.affected) ? record.affected : []) {
    const pkg = entry?.package;
    if (pkg?.ecosystem === 'PyPI' && typeof pkg.name === 'string' && pkg.name !== '') names.add(normalizeName(pkg.name));
  }
  return [...names];
}

/**
 * Writes records whose `modified` is new or different; returns how many were written. Their
 * package names are replaced with the ones the new version of the record names.
 */
export async function upsertRecords(tx: Queryable, records: readonly OsvRecord[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = dedupe(records.slice(start, start + CHUNK));
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      params.push(r.id, r.modified, Boolean(r.withdrawn), JSON.stringify(r));
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO osv_records (id, modified, withdrawn, record) VALUES ${values.join(', ')}
       ON CONFLICT (id) DO UPDATE SET modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn, record = EXCLUDED.record
       WHERE osv_records.modified IS DISTINCT FROM EXCLUDED.modified OR osv_records.withdrawn IS DISTINCT FROM EXCLUDED.withdrawn
       RETURNING id`,
      params,
    );
    const changed = new Set(rows.map((r) => r.id));
    written += changed.size;
    await replaceNames(tx, chunk.filter((r) => changed.has(r.id)));
  }
  return written;
}

/** The last of several records with one id wins, as it would if they were written one by one. */
function dedupe(records: readonly OsvRecord[]): OsvRecord[] {
  return [...new Map(records.map((r) => [r.id, r])).values()];
}

async function replaceNames(tx: Queryable, records: readonly OsvRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.query('DELETE FROM osv_packages WHERE id = ANY($1::text[])', [records.map((r) => r.id)]);
  const pairs = records.flatMap((r) => pypiNames(r).map((name) => [name, r.id] as const));
  for (let start = 0; start < pairs.length; start += CHUNK * 2) {
    const chunk = pairs.slice(start, start + CHUNK * 2);
    const params = chunk.flat();
    const values = chunk.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`);
    await tx.query(`INSERT INTO osv_packages (name, id) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, params);
  }
}

/** Every record that is not withdrawn, for the in-memory index. */
export async function loadActiveRecords(db: Queryable): Promise<OsvRecord[]> {
  const rows = await db.query<{ record: unknown }>('SELECT record FROM osv_records WHERE NOT withdrawn');
  return rows.map((r) => (typeof r.record === 'string' ? JSON.parse(r.record) : r.record) as OsvRecord);
}

/** The `modified` of every record, by id: what a sync compares modified_id.csv against. */
export async function modifiedById(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; modified: string }>('SELECT id, modified FROM osv_records');
  return new Map(rows.map((r) => [r.id, r.modified]));
}

export async function appendLog(tx: Queryable, report: SyncReport, source: string): Promise<void> {
  await tx.query('INSERT INTO mirror_log (at, kind, status, detail, written, skipped, source) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    report.at,
    report.kind,
    report.status,
    report.detail,
    report.written,
    report.skipped,
    source,
  ]);
}

function toReport(row: Record<string, unknown>): SyncReport {
  return {
    at: toIso(row['at']),
    kind: row['kind'] as SyncReport['kind'],
    status: row['status'] as SyncReport['status'],
    detail: String(row['detail']),
    written: toNumber(row['written']),
    skipped: toNumber(row['skipped']),
  };
}

export interface MirrorCounts extends MirrorSummary {
  readonly withdrawn: number;
  readonly packages: number;
}

export async function mirrorCounts(db: Queryable): Promise<MirrorCounts> {
  const [counts] = await db.query(
    `SELECT count(*)::int AS records, count(*) FILTER (WHERE withdrawn)::int AS withdrawn,
       (SELECT count(DISTINCT name)::int FROM osv_packages) AS packages FROM osv_records`,
  );
  const [newest] = await db.query('SELECT modified FROM osv_records ORDER BY modified DESC LIMIT 1');
  const [lastImport] = await db.query("SELECT at FROM mirror_log WHERE kind = 'import' AND status = 'ok' ORDER BY seq DESC LIMIT 1");
  const [lastSync] = await db.query("SELECT at, kind, status, detail, written, skipped FROM mirror_log WHERE kind = 'sync' ORDER BY seq DESC LIMIT 1");
  const records = toNumber(counts?.['records']);
  return {
    state: records > 0 ? 'ready' : 'empty',
    records,
    withdrawn: toNumber(counts?.['withdrawn']),
    packages: toNumber(counts?.['packages']),
    newestModified: toStringOrNull(newest?.['modified']),
    lastImport: lastImport ? toIso(lastImport['at']) : null,
    lastSync: lastSync ? toReport(lastSync) : null,
  };
}
