/**
 * The mirror kept current from OSV's bulk data, here the faithful fake of the GCS bucket on
 * 127.0.0.1 (all.zip built from the corpus, modified_id.csv with nanoseconds, per-id JSON): the
 * first sync imports all.zip, later ones fetch exactly the records modified_id.csv says changed,
 * and a failed sync writes nothing.
 */
import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { silentLogger } from '../../../../src/core/ports';
import { createHttpClient } from '../../../../src/datasources/http';
import { OsvBulkClient } from '../../../../src/datasources/osv/bulk';
import type { AssessResponse } from '../../../../src/protocol/assessment';
import type { MirrorStatus, SyncReport } from '../../../../src/protocol/mirror';
import { OSV_PARSERS } from '../../../../src/server/mirror/parsers';
import { Mirror } from '../../../../src/server/mirror/service';
import { describeCorpus } from '../../../helpers/corpus';
import { FakeOsv } from '../../../helpers/fakes/osv';
import { testServer, type TestServer } from '../helpers/app';
import { describeStores } from '../helpers/stores';

const MALICIOUS: OsvRecord = {
  id: 'MAL-2030-1',
  modified: '2030-01-02T03:04:05.123456789Z',
  published: '2030-01-02T00:00:00Z',
  summary: 'Malicious code in jinja2 (PyPI)',
  affected: [{ package: { ecosystem: 'PyPI', name: 'jinja2' }, versions: ['2.4.1'] }],
  database_specific: { 'malicious-packages-origins': [{ source: 'test' }] },
};

describeCorpus('mirror sync', () => {
  describeStores('sync from the OSV bulk bucket', (ctx) => {
    let fake: FakeOsv;
    let server: TestServer;
    const http = createHttpClient({ retry: { attempts: 1 } });
    before(async () => {
      fake = await new FakeOsv().start();
      server = await testServer(ctx.store(), { mirror: { baseUrl: 'unused', syncIntervalSeconds: 0 } }, { bulk: new OsvBulkClient({ http, baseUrl: fake.bulkUrl }) });
    });
    after(async () => {
      await server.stop();
      await fake.close();
      await http.close();
    });

    async function sync(): Promise<SyncReport> {
      const res = await server.request('POST', '/v1/mirror/sync');
      assert.equal(res.statusCode, 200, res.body);
      return res.json<SyncReport>();
    }

    it('imports all.zip on the first sync of an empty mirror', async () => {
      const report = await sync();
      assert.deepEqual([report.kind, report.status, report.written, report.skipped], ['sync', 'ok', 2661, 0]);
      assert.match(report.detail, /all\.zip/);
      assert.equal(fake.count('bulk-zip'), 1);
      assert.equal(fake.count('bulk-record'), 0);
      const status = (await server.request('GET', '/v1/mirror', { token: server.tokens.reader })).json<MirrorStatus>();
      assert.equal(status.state, 'ready');
      assert.equal(status.records, 2661);
      assert.equal(status.packages, 664);
      assert.equal(status.withdrawn, 10);
      assert.equal(status.lastSync?.status, 'ok');
    });

    it('then fetches nothing when nothing changed', async () => {
      fake.resetCounts();
      const report = await sync();
      assert.deepEqual([report.status, report.written], ['ok', 0]);
      assert.equal(fake.count('bulk-csv'), 1);
      assert.equal(fake.count('bulk-record'), 0);
      assert.equal(fake.count('bulk-zip'), 0);
    });

    it('fetches exactly the new and changed records, and assessments follow at once', async () => {
      fake.resetCounts();
      fake.add(MALICIOUS);
      fake.touch('PYSEC-2021-335', '2030-01-01T00:00:00.000000001Z');
      const report = await sync();
      assert.deepEqual([report.status, report.written], ['ok', 2]);
      assert.equal(fake.count('bulk-record'), 2);
      assert.deepEqual(fake.log.filter((l) => l.includes('/PyPI/') && l.endsWith('.json')).sort(), [
        'GET /osv-vulnerabilities/PyPI/MAL-2030-1.json',
        'GET /osv-vulnerabilities/PyPI/PYSEC-2021-335.json',
      ]);
      const stored = await ctx.store().query<{ modified: string }>("SELECT modified FROM osv_records WHERE id = 'PYSEC-2021-335'");
      assert.equal(stored[0]!.modified, '2030-01-01T00:00:00.000000001Z');
      const body = (await server.request('POST', '/v1/assessments', { token: server.tokens.reader, body: { packages: [{ ecosystem: 'PyPI', name: 'jinja2', version: '2.4.1' }] } })).json<AssessResponse>();
      const item = body.assessments[0]!;
      assert.equal(item.level, 'critical');
      assert.ok(item.advisories.some((a) => a.id === 'MAL-2030-1' && a.malicious));
      assert.ok(item.actions.includes('forgo'));
    });

    it('drops a record that upstream withdraws', async () => {
      fake.add({ ...MALICIOUS, modified: '2030-02-01T00:00:00Z', withdrawn: '2030-02-01T00:00:00Z' });
      assert.equal((await sync()).written, 1);
      const item = (await server.request('POST', '/v1/assessments', { token: server.tokens.reader, body: { packages: [{ ecosystem: 'PyPI', name: 'jinja2', version: '2.4.1' }] } })).json<AssessResponse>().assessments[0]!;
      assert.ok(!item.advisories.some((a) => a.id === 'MAL-2030-1'));
      assert.equal((await server.request('GET', '/v1/mirror')).json<MirrorStatus>().withdrawn, 11);
    });

    it('writes nothing when a changed record cannot be fetched, and says so everywhere', async () => {
      fake.touch('PYSEC-2021-370', '2030-03-01T00:00:00Z');
      fake.touch('PYSEC-2014-8', '2030-03-01T00:00:00Z');
      fake.inject('bulk-record', { kind: 'status', status: 503 }, 1);
      const report = await sync();
      assert.equal(report.status, 'failed');
      assert.equal(report.written, 0);
      assert.match(report.detail, /1 of 2 changed records could not be fetched, nothing written/);
      const rows = await ctx.store().query<{ id: string; modified: string }>("SELECT id, modified FROM osv_records WHERE id IN ('PYSEC-2021-370', 'PYSEC-2014-8') ORDER BY id");
      assert.ok(rows.every((r) => !r.modified.startsWith('2030')), JSON.stringify(rows));
      const ready = (await server.request('GET', '/readyz', { token: null })).json<{ status: string; mirror: { lastSync: SyncReport } }>();
      assert.equal(ready.status, 'ready');
      assert.equal(ready.mirror.lastSync.status, 'failed');
      const assessed = (await server.request('POST', '/v1/assessments', { token: server.tokens.reader, body: { packages: [{ ecosystem: 'PyPI', name: 'jinja2', version: '2.4.1' }] } })).json<AssessResponse>();
      assert.equal(assessed.mirror.lastSync?.status, 'failed');
      assert.equal(assessed.mirror.state, 'ready');
      const retried = await sync();
      assert.deepEqual([retried.status, retried.written], ['ok', 2]);
    });

    it('reports a bucket that does not answer as a failed sync', async () => {
      fake.inject('bulk-csv', { kind: 'status', status: 500 }, 1);
      const report = await sync();
      assert.equal(report.status, 'failed');
      assert.match(report.detail, /modified_id\.csv: unavailable/);
    });

    it('syncs on schedule by itself shortly after start', async function () {
      this.timeout(10_000);
      const mirror = new Mirror({ store: ctx.store(), clock: { now: () => Date.now() + 7200_000 }, logger: silentLogger, config: { baseUrl: fake.bulkUrl, syncIntervalSeconds: 3600 }, bulk: new OsvBulkClient({ http, baseUrl: fake.bulkUrl }), parsers: OSV_PARSERS });
      fake.resetCounts();
      mirror.start();
      await new Promise((resolve) => setTimeout(resolve, 1600));
      await mirror.stop();
      assert.equal(fake.count('bulk-csv'), 1);
    });
  });
});
