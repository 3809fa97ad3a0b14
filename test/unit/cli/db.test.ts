import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OsvRecord } from '../../../src/core/model/advisory';
import { runCli } from '../../helpers/cli';
import { describeCorpus } from '../../helpers/corpus';
import { FakeOsv } from '../../helpers/fakes/osv';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'scan', 'vulnerable');

describeCorpus('beachcomber db: the offline database from OSV bulk data', function () {
  this.timeout(60_000);
  let osv: FakeOsv;
  let dir: string;
  before(async () => {
    osv = await new FakeOsv().start();
    dir = join(mkdtempSync(join(tmpdir(), 'bc-db-')), 'osv-db');
  });
  after(async () => {
    await osv.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('imports all.zip from the bucket, answers a scan with no network, and updates from modified_id.csv', async () => {
    const imported = await runCli(['db', 'import', '--from-bucket', '--bulk-url', osv.bulkUrl, '--db', dir]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /2661 records \(10 withdrawn\) from osv bulk all\.zip/);

    const status = await runCli(['db', 'status', '--db', dir, '--max-age', '100000']);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /current as of 20\d\d-/);
    const old = await runCli(['db', 'status', '--db', dir, '--max-age', '1']);
    assert.equal(old.code, 1, 'past its maximum age the database says so');
    assert.match(old.stdout, /offline database is \d+ days old \(max 1\)/);

    const scan = await runCli(['scan', FIXTURE, '--offline-db', dir, '--no-network', '--format', 'json', '--fail-on', 'critical']);
    const packages = (JSON.parse(scan.stdout) as { packages: { name: string; advisories: unknown[] }[] }).packages;
    assert.deepEqual(packages.map((p) => [p.name, p.advisories.length > 0]), [['jinja2', true], ['six', false], ['urllib3', true]]);

    const added: OsvRecord = { id: 'PYSEC-2099-1', modified: '2099-01-01T00:00:00.123456789Z', summary: 'a new advisory for six', affected: [{ package: { ecosystem: 'PyPI', name: 'six' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }] };
    osv.add(added);
    const updated = await runCli(['db', 'update', '--db', dir, '--bulk-url', osv.bulkUrl]);
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /1 changed in OSV, 1 fetched, 2662 records/);
    const again = await runCli(['scan', FIXTURE, '--offline-db', dir, '--no-network', '--format', 'json', '--fail-on', 'critical']);
    const six = (JSON.parse(again.stdout) as { packages: { name: string; advisories: { id: string }[] }[] }).packages.find((p) => p.name === 'six')!;
    assert.deepEqual(six.advisories.map((a) => a.id), ['PYSEC-2099-1']);
  });

  it('a failed update leaves the database as it was', async () => {
    osv.inject('bulk-csv', { kind: 'status', status: 500 });
    const failed = await runCli(['db', 'update', '--db', dir, '--bulk-url', osv.bulkUrl]);
    osv.clearFaults();
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /update failed, the database is unchanged/);
    const status = await runCli(['db', 'status', '--db', dir, '--max-age', '100000']);
    assert.match(status.stdout, /2662 records/);
  });
});
