/** The server's subcommands, run in-process on a fresh store of each kind. */
import { strict as assert } from 'node:assert';
import { configFrom, parse } from '../../../src/server/commands/args';
import { migrateCommand, mirrorCommand, openApiCommand, tokenCommand } from '../../../src/server/commands/commands';
import { CORE_RISK_MODEL } from '../../../src/server/assess/model';
import { DEFAULT_CONFIG, type ServerConfig } from '../../../src/server/config';
import { OSV_PARSERS } from '../../../src/server/mirror/parsers';
import { corpusPath, describeCorpus } from '../../helpers/corpus';
import { describeStores, newLocation, removeLocation, type StoreLocation } from './helpers/stores';

function output(): { write: (text: string) => boolean; text: () => string } {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text) > 0, text: () => chunks.join('') };
}

function configAt(location: StoreLocation): ServerConfig {
  return { ...DEFAULT_CONFIG, dataDir: location.dataDir, databaseUrl: location.databaseUrl, databaseSchema: location.schema };
}

describe('server command line', () => {
  it('reads flags before environment variables before defaults', () => {
    const { command, values } = parse(['token', 'create', '--role', 'admin', '--name', 'ops', '--port', '9000', '--deps-dev-url', 'off', '--cors-origin', 'https://a', '--cors-origin', 'https://b']);
    assert.deepEqual(command, ['token', 'create']);
    const config = configFrom(values, { BEACHCOMBER_PORT: '7000', DATABASE_URL: 'postgres://db/x', BEACHCOMBER_SYNC_INTERVAL: '60', BEACHCOMBER_NO_HEALTH: '1' });
    assert.equal(config.port, 9000);
    assert.equal(config.databaseUrl, 'postgres://db/x');
    assert.equal(config.mirror.syncIntervalSeconds, 60);
    assert.equal(config.health.enabled, false);
    assert.equal(config.health.depsDevUrl, null);
    assert.equal(config.health.scorecardUrl, 'https://api.scorecard.dev');
    assert.deepEqual(config.corsOrigins, ['https://a', 'https://b']);
    assert.deepEqual(configFrom({}, {}).corsOrigins, []);
    assert.equal(configFrom({}, {}).host, '127.0.0.1');
    assert.equal(configFrom({ 'no-sync': true }, {}).mirror.syncIntervalSeconds, 0);
    assert.throws(() => configFrom({ port: 'eighty' }, {}), /--port must be a non-negative number/);
    assert.throws(() => configFrom({ 'log-level': 'loud' }, {}), /--log-level/);
    assert.throws(() => parse(['--no-such-flag']), /Unknown option/);
  });

  it('prints the OpenAPI document', () => {
    const out = output();
    assert.equal(openApiCommand(out), 0);
    assert.equal(JSON.parse(out.text()).openapi, '3.1.0');
  });
});

describeCorpus('server subcommands', () => {
  describeStores('subcommands', (ctx) => {
    let location: StoreLocation;
    beforeEach(() => {
      location = newLocation(ctx.kind);
    });
    afterEach(async () => removeLocation(location));

    it('migrate, then create, list and revoke tokens', async () => {
      const config = configAt(location);
      const out = output();
      assert.equal(await migrateCommand(config, out), 0);
      assert.match(out.text(), /schema at migration 1/);
      const created = output();
      assert.equal(await tokenCommand(config, ['create'], { role: 'triager', name: 'Grace' }, created), 0);
      const [secret, note] = created.text().split('\n');
      assert.match(secret!, /^bcs_[A-Za-z0-9_-]{43}$/);
      const id = /token ([0-9a-f-]{36}) for Grace \(triager\); shown once/.exec(note!)?.[1];
      assert.ok(id, note);
      const listed = output();
      await tokenCommand(config, ['list'], {}, listed);
      assert.match(listed.text(), new RegExp(`^${id}\\ttriager\\tGrace\\tcreated `));
      assert.ok(!listed.text().includes(secret!));
      const revoked = output();
      await tokenCommand(config, ['revoke', id!], {}, revoked);
      assert.equal(revoked.text(), `revoked ${id} (Grace)\n`);
      await assert.rejects(() => tokenCommand(config, ['create'], { role: 'root', name: 'x' }, output()), /--role reader\|triager\|admin/);
      await assert.rejects(() => tokenCommand(config, ['revoke', 'nope'], {}, output()), /no token nope/);
    });

    it('imports the corpus into the mirror and shows its status', async () => {
      const config = configAt(location);
      const deps = { model: CORE_RISK_MODEL, parsers: OSV_PARSERS, bulk: null, health: null };
      const out = output();
      assert.equal(await mirrorCommand(config, deps, ['import', corpusPath('osv', 'pypa-advisories.jsonl')], out), 0);
      assert.match(out.text(), /^import ok: imported from json-lines .*pypa-advisories\.jsonl: 2661 records read, 2661 new or changed\n$/);
      const status = output();
      await mirrorCommand(config, deps, ['status'], status);
      assert.deepEqual([JSON.parse(status.text()).records, JSON.parse(status.text()).state], [2661, 'ready']);
      const sync = output();
      assert.equal(await mirrorCommand(config, deps, ['sync'], sync), 1);
      assert.equal(sync.text(), 'warning: mirror sync failed {"detail":"sync is off (no mirror URL)"}\nsync failed: sync is off (no mirror URL)\n');
    });
  });
});
