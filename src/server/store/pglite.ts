/**
 * The embedded store: PGlite (PostgreSQL compiled to WebAssembly) in a data directory. It runs
 * in this process, one connection, so it is for one server process at a time: a lock file in the
 * data directory keeps a second process out (a crashed one leaves a lock whose process is gone,
 * which is taken over). PGlite writes through to the file system before a query resolves, and
 * `relaxedDurability` stays off, so an acknowledged commit survives the process being killed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { acquireLock, type DirLock } from './lock';
import type { Queryable, Row, Store } from './store';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query<T>(sql, [...params]);
      return result.rows;
    },
  };
}

export async function openPglite(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const lock: DirLock = acquireLock(join(dataDir, 'server.lock'));
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
  } catch (e) {
    lock.release();
    throw e;
  }
  const direct = wrap(db);
  return {
    kind: 'pglite',
    query: direct.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (db.closed) return;
      await db.close();
      lock.release();
    },
  };
}
