/**
 * `beachcomber db import|update|status`: the offline (air-gapped) advisory database. Import OSV's
 * PyPI `all.zip` (or a JSON-lines file, or a folder of records), bring it up to date from
 * `modified_id.csv` of OSV's bucket or a mirror of it, and see how old it is.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseAge, staleNote } from '../core/offline/age';
import { createHttpClient } from '../datasources/http';
import { OsvBulkClient } from '../datasources/osv/bulk';
import { importFromBulk, importOfflineDb, updateOfflineDb } from '../node/offline-db/database';
import { loadSnapshot } from '../node/offline-db/store';
import { defaultCacheDir } from '../node/sources';

export const DB_USAGE = `usage: beachcomber db import <all.zip|file.jsonl|folder|--from-bucket> [--db DIR] [--bulk-url U]
       beachcomber db update [--db DIR] [--bulk-url U]
       beachcomber db status [--db DIR] [--max-age DAYS]
  DIR defaults to ${join('$XDG_CACHE_HOME', 'beachcomber', 'osv-db')}; scan with --offline-db DIR.
`;

export function defaultDbDir(): string {
  return join(defaultCacheDir(), 'osv-db');
}

export async function db(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { db: { type: 'string' }, 'bulk-url': { type: 'string' }, 'max-age': { type: 'string', default: '30' }, 'from-bucket': { type: 'boolean', default: false } } });
  } catch (e) {
    process.stderr.write(`beachcomber db: ${(e as Error).message}\n${DB_USAGE}`);
    return 2;
  }
  const [action, source] = parsed.positionals;
  const dir = parsed.values.db ?? defaultDbDir();
  const clock = Date;
  if (action === 'status') return status(dir, Number(parsed.values['max-age']));
  if (action !== 'import' && action !== 'update') {
    process.stderr.write(DB_USAGE);
    return 2;
  }
  const http = createHttpClient();
  try {
    const bulk = new OsvBulkClient({ http, ...(parsed.values['bulk-url'] ? { baseUrl: parsed.values['bulk-url'] } : {}) });
    if (action === 'update') {
      const updated = await updateOfflineDb(dir, bulk, clock);
      if (updated.status !== 'ok') return fail(`update failed, the database is unchanged: ${updated.detail}`);
      const r = updated.value;
      process.stdout.write(`${dir}: ${r.listed} changed in OSV, ${r.fetched} fetched, ${r.meta.records} records (${r.meta.withdrawn} withdrawn)\n`);
      for (const p of r.problems) process.stdout.write(`  skipped ${p.where}: ${p.message}\n`);
      return 0;
    }
    if (!source && !parsed.values['from-bucket']) {
      process.stderr.write(DB_USAGE);
      return 2;
    }
    const imported = source ? await importOfflineDb(dir, source, clock) : await importFromBulk(dir, bulk, clock);
    if (imported.status !== 'ok') return fail(`import failed, the database is unchanged: ${imported.detail}`);
    const { meta, problems } = imported.value;
    process.stdout.write(`${dir}: ${meta.records} records (${meta.withdrawn} withdrawn) from ${meta.source}, newest modified ${meta.newestModified ?? 'unknown'}\n`);
    for (const p of problems) process.stdout.write(`  skipped ${p.where}: ${p.message}\n`);
    return 0;
  } finally {
    await http.close();
  }
}

async function status(dir: string, maxAgeDays: number): Promise<number> {
  const loaded = await loadSnapshot(dir);
  if (loaded.status !== 'ok') return fail(`${dir}: ${loaded.detail}`);
  const { meta } = loaded.value;
  const age = databaseAge(meta, Date.now());
  const stale = staleNote(meta, Date.now(), maxAgeDays);
  process.stdout.write(`${dir}: ${meta.records} records (${meta.withdrawn} withdrawn) from ${meta.source}\n`);
  process.stdout.write(`  current as of ${age.asOf} (${age.days} days), imported ${meta.importedAt}, last update ${meta.updatedAt ?? 'never'}\n`);
  if (stale) process.stdout.write(`  ${stale}: run \`beachcomber db update\`\n`);
  return stale ? 1 : 0;
}

function fail(message: string): number {
  process.stderr.write(`beachcomber db: ${message}\n`);
  return 2;
}
