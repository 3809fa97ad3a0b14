/**
 * What an assessment says, and when the server's in-memory copies are rebuilt: never clean for
 * data it does not have, decisions applied as soon as they are written (through any replica),
 * the mirror's state in every answer.
 */
import { strict as assert } from 'node:assert';
import { zipSync, strToU8 } from 'fflate';
import type { AssessResponse, AssessedPackage } from '../../../../src/protocol/assessment';
import type { DecisionRecord } from '../../../../src/protocol/decisions';
import type { SyncReport } from '../../../../src/protocol/mirror';
import { EMPTY_MIRROR } from '../../../../src/server/assess/engine';
import { describeCorpus } from '../../../helpers/corpus';
import { testServer, type TestServer } from '../helpers/app';
import { corpusRecords } from '../helpers/corpus-mirror';
import { describeStores, openAt } from '../helpers/stores';
import type { Store } from '../../../../src/server/store/store';

const JINJA = { ecosystem: 'PyPI', name: 'Jinja2', version: '2.4.1' };

async function assess(server: TestServer, packages: object[]): Promise<AssessResponse> {
  const res = await server.request('POST', '/v1/assessments', { token: server.tokens.reader, body: { packages } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<AssessResponse>();
}

describeCorpus('assessment engine', () => {
  describeStores('assessments', (ctx) => {
    let a: TestServer;
    let b: TestServer;
    let second: Store | null = null;
    before(async () => {
      a = await testServer(ctx.store());
      // With PostgreSQL the second replica has its own connection pool, as a second process would;
      // the embedded store admits one process, so there both share it.
      second = ctx.kind === 'postgres' ? await openAt(ctx.location()) : null;
      b = await testServer(second ?? ctx.store());
    });
    after(async () => {
      await a.stop();
      await b.stop();
      await second?.close();
    });

    it('answers unknown, never clean, while the mirror has never been imported', async () => {
      const body = await assess(a, [JINJA, { ecosystem: 'PyPI', name: 'surely-clean', version: '1.0' }]);
      assert.equal(body.mirror.state, 'empty');
      for (const item of body.assessments) {
        assert.equal(item.level, 'unknown');
        assert.deepEqual(item.advisories, []);
        assert.ok(item.unknown.some((u) => u.detail === EMPTY_MIRROR), JSON.stringify(item.unknown));
      }
    });

    it('imports an upload (JSON lines and all.zip), skipping unreadable entries, and every replica sees it', async () => {
      const jinja = corpusRecords().filter((r) => r.affected?.some((x) => x.package?.name?.toLowerCase() === 'jinja2'));
      assert.equal(jinja.length, 5);
      const lines = `${jinja.slice(0, 3).map((r) => JSON.stringify(r)).join('\n')}\n{not json\n{"id":"X-1"}\n`;
      const upload = await a.request('POST', '/v1/mirror/import', { payload: lines, headers: { 'content-type': 'application/x-ndjson' } });
      assert.equal(upload.statusCode, 200, upload.body);
      const report = upload.json<SyncReport>();
      assert.deepEqual([report.kind, report.status, report.written, report.skipped], ['import', 'ok', 3, 2]);
      const zip = zipSync(Object.fromEntries([...jinja.map((r) => [`${r.id}.json`, strToU8(JSON.stringify(r))]), ['broken.json', strToU8('{')]]));
      const zipped = await a.request('POST', '/v1/mirror/import', { payload: Buffer.from(zip), headers: { 'content-type': 'application/zip' } });
      assert.equal(zipped.statusCode, 200, zipped.body);
      assert.deepEqual([zipped.json<SyncReport>().written, zipped.json<SyncReport>().skipped], [2, 1]);
      const again = await a.request('POST', '/v1/mirror/import', { payload: Buffer.from(zip), headers: { 'content-type': 'application/zip' } });
      assert.equal(again.json<SyncReport>().written, 0);
      const wrongType = await a.request('POST', '/v1/mirror/import', { payload: 'x', headers: { 'content-type': 'text/plain' } });
      assert.equal(wrongType.statusCode, 415);
      const body = await assess(b, [JINJA]);
      assert.equal(body.mirror.state, 'ready');
      assert.equal(body.mirror.records, 5);
      assert.deepEqual(body.mirror.lastImport != null, true);
      assert.ok(body.assessments[0]!.advisories.length > 0);
      assert.deepEqual(body.assessments[0]!.unknown, []);
    });

    it('answers unknown for another ecosystem and for a name that is not a package name', async () => {
      const body = await assess(a, [{ ecosystem: 'npm', name: 'left-pad', version: '1.0.0' }, { ecosystem: 'PyPI', name: '../etc/passwd', version: '1' }, JINJA]);
      const [npm, bad, jinja] = body.assessments as AssessedPackage[];
      assert.equal(npm!.level, 'unknown');
      assert.match(npm!.unknown[0]!.detail, /PyPI only, not for npm/);
      assert.equal(bad!.level, 'unknown');
      assert.match(bad!.unknown[0]!.detail, /not a valid Python package name/);
      assert.equal(jinja!.name, 'jinja2');
      assert.notEqual(jinja!.level, 'unknown');
    });

    it('applies a decision written through one replica to the next answer of another', async () => {
      const before = (await assess(b, [JINJA])).assessments[0]!;
      assert.equal(before.decision, null);
      assert.ok(before.signals.some((s) => s.kind === 'vulnerable' && !s.accepted));
      const created = await a.request('POST', '/v1/decisions', { token: a.tokens.triager, body: { package: 'jinja2', action: 'accept', reason: 'sandbox not used', expires: '2999-12-31' } });
      assert.equal(created.statusCode, 201);
      const after = (await assess(b, [JINJA])).assessments[0]!;
      assert.equal(after.decision?.action, 'accept');
      assert.equal(after.decision?.reason, 'sandbox not used');
      assert.equal(after.decision?.origin, 'backend');
      assert.match(after.decision?.author ?? '', /^triager-/);
      assert.ok(after.signals.filter((s) => s.kind === 'vulnerable').every((s) => s.accepted === true));
      assert.equal(after.level, 'info');
      const decision = created.json<DecisionRecord>();
      await a.request('DELETE', `/v1/decisions/${decision.id}`, { headers: { 'if-match': decision.etag } });
      const deleted = (await assess(b, [JINJA])).assessments[0]!;
      assert.equal(deleted.decision, null);
      assert.equal(deleted.level, before.level);
    });

    it('shows the most specific decision: one naming an advisory over one about the package', async () => {
      const advisory = (await assess(a, [JINJA])).assessments[0]!.advisories[0]!;
      await a.request('POST', '/v1/decisions', { token: a.tokens.triager, body: { package: 'jinja2', action: 'fix', reason: 'package-wide' } });
      await a.request('POST', '/v1/decisions', { token: a.tokens.triager, body: { package: 'jinja2', action: 'fork', reason: 'this advisory', advisory: advisory.id, replacement: 'our-jinja' } });
      const item = (await assess(b, [JINJA])).assessments[0]!;
      assert.equal(item.decision?.reason, 'this advisory');
      assert.ok(item.actions.includes('fork') && item.actions.includes('fix'));
    });

    it('includes each raw OSV record once when asked, for clients that use the backend as their advisory source', async () => {
      const res = await a.request('POST', '/v1/assessments', { token: a.tokens.reader, body: { packages: [JINJA, { ...JINJA, name: 'jinja2' }], include: ['records'] } });
      const body = res.json<AssessResponse>();
      const ids = Object.keys(body.records ?? {}).sort();
      assert.ok(ids.length >= body.assessments[0]!.advisories.length && ids.length > 0);
      for (const id of ids) assert.equal(body.records![id]!.id, id);
    });
  });
});
