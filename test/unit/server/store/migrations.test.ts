import { strict as assert } from 'node:assert';
import { MIGRATIONS, SCHEMA_VERSION, appliedMigrations, migrate } from '../../../../src/server/store/migrations';
import { openPostgres } from '../../../../src/server/store/postgres';
import { describeStores } from '../helpers/stores';

describeStores('migrations', (ctx) => {
  it('are all applied once, and applying them again does nothing', async () => {
    assert.equal(await appliedMigrations(ctx.store()), SCHEMA_VERSION);
    assert.equal(await migrate(ctx.store()), 0);
    const rows = await ctx.store().query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => [Number(r.version), r.name]), MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('create every table the server uses', async () => {
    const tables = await ctx.store().query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    );
    assert.deepEqual(tables.map((t) => t.name), [
      'decision_events', 'decisions', 'mirror_log', 'osv_packages', 'osv_records', 'package_data', 'project_packages', 'projects', 'schema_migrations', 'state', 'tokens',
    ]);
  });

  it('roll a failed migration back as a whole', async () => {
    const broken = [...MIGRATIONS, { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (x int);\nSELECT * FROM no_such_table;\n' }];
    await assert.rejects(() => migrate(ctx.store(), broken), /no_such_table/);
    const left = await ctx.store().query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'");
    assert.equal(left.length, 0);
    assert.equal(await appliedMigrations(ctx.store()), SCHEMA_VERSION);
  });

  if (ctx.kind === 'postgres') {
    it('are applied exactly once when several replicas start at the same time', async () => {
      const location = ctx.location();
      const schema = `${location.schema}_replicas`;
      const replicas = await Promise.all(Array.from({ length: 6 }, () => openPostgres({ url: location.databaseUrl!, schema, maxConnections: 2 })));
      try {
        const applied = await Promise.all(replicas.map((r) => migrate(r)));
        assert.deepEqual([...applied].sort(), [0, 0, 0, 0, 0, SCHEMA_VERSION]);
        assert.equal(await appliedMigrations(replicas[0]!), SCHEMA_VERSION);
      } finally {
        await replicas[0]!.query(`DROP SCHEMA "${schema}" CASCADE`);
        await Promise.all(replicas.map((r) => r.close()));
      }
    });
  }
});
