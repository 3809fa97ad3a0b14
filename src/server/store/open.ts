/**
 * Opens the store the configuration names (PostgreSQL when a DATABASE_URL is given, else the
 * embedded PGlite in the data directory) and brings its schema up to date.
 */
import { join } from 'node:path';
import { migrate } from './migrations';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Store } from './store';

export interface StoreConfig {
  readonly databaseUrl: string | null;
  readonly databaseSchema: string | null;
  readonly dataDir: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl, schema: config.databaseSchema })
    : await openPglite(config.dataDir);
  try {
    await migrate(store);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** Describes where the data lives, without credentials, for logs and /readyz. */
export function describeStore(config: StoreConfig): string {
  if (!config.databaseUrl) return `embedded PGlite in ${join(config.dataDir, 'pglite')}`;
  try {
    const url = new URL(config.databaseUrl);
    const schema = config.databaseSchema ? `, schema ${config.databaseSchema}` : '';
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}${schema}`;
  } catch {
    return 'PostgreSQL';
  }
}
