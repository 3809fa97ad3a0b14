/**
 * Runs a suite against both stores: the embedded PGlite in a temporary directory, and the real
 * PostgreSQL at 127.0.0.1:5432 in a fresh schema that is dropped afterwards. When PostgreSQL is
 * unreachable the PostgreSQL suites FAIL, so CI cannot go green without them, unless
 * BEACHCOMBER_SKIP_POSTGRES=1 says explicitly that they are not wanted here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../../../src/server/store/migrations';
import { openPglite } from '../../../../src/server/store/pglite';
import { openPostgres } from '../../../../src/server/store/postgres';
import type { Store, StoreKind } from '../../../../src/server/store/store';

export const STORE_KINDS: readonly StoreKind[] = ['pglite', 'postgres'];

export const POSTGRES_URL = process.env.BEACHCOMBER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const skipPostgres = process.env.BEACHCOMBER_SKIP_POSTGRES === '1';

/** Where one test store lives, so a test can open it again (e.g. from a server process). */
export interface StoreLocation {
  readonly kind: StoreKind;
  /** The PGlite data directory (pglite only). */
  readonly dataDir: string;
  /** PostgreSQL only. */
  readonly databaseUrl: string | null;
  readonly schema: string | null;
}

export function newLocation(kind: StoreKind): StoreLocation {
  const dataDir = mkdtempSync(join(tmpdir(), 'bc-server-'));
  if (kind === 'pglite') return { kind, dataDir, databaseUrl: null, schema: null };
  const schema = `bc_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return { kind, dataDir, databaseUrl: POSTGRES_URL, schema };
}

export async function openAt(location: StoreLocation): Promise<Store> {
  if (location.kind === 'pglite') return openPglite(location.dataDir);
  return openPostgres({ url: location.databaseUrl ?? POSTGRES_URL, schema: location.schema, maxConnections: 10 });
}

/** Removes the temporary directory and drops the test schema. */
export async function removeLocation(location: StoreLocation): Promise<void> {
  rmSync(location.dataDir, { recursive: true, force: true });
  if (location.kind !== 'postgres' || !location.schema) return;
  const client = new pg.Client({ connectionString: location.databaseUrl ?? POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${location.schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface StoreContext {
  readonly kind: StoreKind;
  /** The migrated store of this suite, open from `before` to `after`. */
  store(): Store;
  location(): StoreLocation;
}

/**
 * `describe(title [kind])` once per store kind, with a freshly migrated store opened before the
 * suite and removed after it.
 */
export function describeStores(title: string, body: (ctx: StoreContext) => void): void {
  for (const kind of STORE_KINDS) {
    describe(`${title} [${kind}]`, function () {
      let store: Store | undefined;
      let location: StoreLocation | undefined;
      before(async function () {
        if (kind === 'postgres') {
          if (skipPostgres) {
            console.log('      skipped: BEACHCOMBER_SKIP_POSTGRES=1');
            this.skip();
          }
          const problem = await postgresReachable();
          if (problem) throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable (${problem}); set BEACHCOMBER_SKIP_POSTGRES=1 to skip these suites on purpose`);
        }
        location = newLocation(kind);
        store = await openAt(location);
        await migrate(store);
      });
      after(async function () {
        await store?.close();
        if (location) await removeLocation(location);
      });
      body({
        kind,
        store: () => {
          if (!store) throw new Error('store not open');
          return store;
        },
        location: () => {
          if (!location) throw new Error('store not open');
          return location;
        },
      });
    });
  }
}
