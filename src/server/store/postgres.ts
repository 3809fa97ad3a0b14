/**
 * A real PostgreSQL through a pg connection pool. Several stateless server processes can share
 * one database. An optional schema keeps one deployment (or one test run) apart from others in
 * the same database: it is created when missing and put first on every connection's search_path.
 */
import pg from 'pg';
import type { Queryable, Row, Store } from './store';

export interface PostgresOptions {
  readonly url: string;
  readonly schema?: string | null;
  readonly maxConnections?: number;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await client.query<T>(sql, [...params]);
      return result.rows;
    },
  };
}

/** Replicas starting together may race to create the schema; losing that race is fine. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

export async function openPostgres(options: PostgresOptions): Promise<Store> {
  const schema = options.schema ?? null;
  // The schema name goes into a startup parameter, where only plain identifiers are safe.
  if (schema != null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    // Parameters in the startup packet apply to every connection of the pool before its first query.
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)},public` } : {}),
  });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  if (schema) await createSchema(pool, schema);
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    query: direct.query,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let result: T;
      try {
        await client.query('BEGIN');
        result = await fn(wrap(client));
        await client.query('COMMIT');
      } catch (e) {
        // A connection that cannot even roll back is broken: destroy it instead of reusing it.
        const broken = await client.query('ROLLBACK').then(() => undefined, (err: unknown) => err as Error);
        client.release(broken);
        throw e;
      }
      client.release();
      return result;
    },
    close: () => pool.end(),
  };
}
