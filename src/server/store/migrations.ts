/**
 * One schema, versioned migrations, applied on start. All pending migrations run in one
 * transaction that first takes a transaction-scoped advisory lock, so replicas starting at once
 * against one PostgreSQL apply each migration exactly once: the others wait, then find nothing
 * left to do. A migration is never edited once released; a change is a new migration.
 */
import type { Queryable, Store } from './store';
import { toNumber } from './store';

/** An arbitrary constant that names "Beachcomber migrations" among advisory locks. */
const MIGRATION_LOCK = 0x6265_6163;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE tokens (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('reader', 'triager', 'admin')),
        hash text NOT NULL UNIQUE,
        created timestamptz NOT NULL,
        revoked timestamptz
      );
      -- One counter per kind of data; every write bumps its counter in the same transaction, so a
      -- process can tell with one cheap query whether its in-memory copies are still current.
      CREATE TABLE state (key text PRIMARY KEY, version bigint NOT NULL);
      INSERT INTO state (key, version) VALUES ('mirror', 0), ('mirror-log', 0), ('decisions', 0), ('health', 0), ('tokens', 0), ('projects', 0);
      CREATE TABLE decisions (
        id text PRIMARY KEY,
        package text NOT NULL,
        action text NOT NULL CHECK (action IN ('fix', 'fork', 'forgo', 'accept')),
        reason text NOT NULL,
        replacement text,
        versions text,
        advisory text,
        expires text,
        justification text,
        author text NOT NULL,
        created timestamptz NOT NULL,
        updated timestamptz NOT NULL,
        updated_by text NOT NULL,
        revision integer NOT NULL,
        deleted timestamptz
      );
      CREATE INDEX decisions_package ON decisions (package);
      CREATE TABLE decision_events (
        seq bigserial PRIMARY KEY,
        decision_id text NOT NULL REFERENCES decisions (id),
        package text NOT NULL,
        event text NOT NULL CHECK (event IN ('created', 'updated', 'deleted')),
        author text NOT NULL,
        at timestamptz NOT NULL,
        snapshot jsonb NOT NULL
      );
      CREATE INDEX decision_events_package ON decision_events (package, seq);
      CREATE TABLE projects (
        id text PRIMARY KEY,
        updated timestamptz NOT NULL,
        updated_by text NOT NULL,
        source text
      );
      CREATE TABLE project_packages (
        project text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name text NOT NULL,
        version text NOT NULL,
        depth integer NOT NULL,
        groups jsonb NOT NULL,
        paths jsonb NOT NULL,
        PRIMARY KEY (project, name, version)
      );
      CREATE INDEX project_packages_name ON project_packages (name);
      CREATE TABLE osv_records (
        id text PRIMARY KEY,
        modified text NOT NULL,
        withdrawn boolean NOT NULL,
        record jsonb NOT NULL
      );
      CREATE TABLE osv_packages (
        name text NOT NULL,
        id text NOT NULL REFERENCES osv_records (id) ON DELETE CASCADE,
        PRIMARY KEY (name, id)
      );
      CREATE TABLE mirror_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('import', 'sync')),
        status text NOT NULL CHECK (status IN ('ok', 'failed')),
        detail text NOT NULL,
        written integer NOT NULL,
        skipped integer NOT NULL,
        source text
      );
      CREATE SEQUENCE package_data_seq;
      CREATE TABLE package_data (
        kind text NOT NULL,
        key text NOT NULL,
        status text NOT NULL,
        value jsonb,
        detail text,
        fetched timestamptz NOT NULL,
        expires timestamptz NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (kind, key)
      );
      CREATE INDEX package_data_seq_index ON package_data (seq);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Applies every pending migration; returns how many were applied by this call. */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL)');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => toNumber(r.version)));
    let applied = 0;
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await runScript(tx, migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, now())', [migration.version, migration.name]);
      applied++;
    }
    return applied;
  });
}

/** How many migrations the database has; 0 when it has none (or cannot say). */
export async function appliedMigrations(store: Queryable): Promise<number> {
  const rows = await store.query<{ n: unknown }>("SELECT count(*)::int AS n FROM schema_migrations");
  return toNumber(rows[0]?.n);
}

/**
 * Runs a migration script statement by statement: an extended-protocol query (which both drivers
 * use for parameters) takes one statement at a time. Scripts are our own, so splitting on `;` at
 * the end of a line is enough; they contain no semicolons inside strings or function bodies.
 */
async function runScript(tx: Queryable, sql: string): Promise<void> {
  const statements = sql.split(/;\s*\n/).map((s) => s.replace(/--[^\n]*\n/g, '\n').trim()).filter((s) => s !== '');
  for (const statement of statements) await tx.query(statement);
}
