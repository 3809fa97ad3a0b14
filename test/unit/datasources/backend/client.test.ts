/**
 * The typed backend client against a real server listening on 127.0.0.1: every call, and every
 * way a call can fail, comes back as an Outcome (a stale write as a `conflict` answer).
 */
import { strict as assert } from 'node:assert';
import { BackendAdvisorySource } from '../../../../src/datasources/backend/advisory-source';
import { BackendClient } from '../../../../src/datasources/backend/client';
import type { Outcome } from '../../../../src/core/ports';
import { createToken } from '../../../../src/server/auth/tokens';
import { startServer, type Server } from '../../../../src/server/server';
import { CORE_RISK_MODEL } from '../../../../src/server/assess/model';
import { OSV_PARSERS } from '../../../../src/server/mirror/parsers';
import { TEST_CONFIG } from '../../server/helpers/app';
import { corpusJsonl } from '../../server/helpers/corpus-mirror';
import { describeStores } from '../../server/helpers/stores';
import { describeCorpus } from '../../../helpers/corpus';

function value<T>(outcome: Outcome<T>): T {
  assert.equal(outcome.status, 'ok', outcome.status === 'ok' ? '' : outcome.detail);
  return (outcome as { value: T }).value;
}

describeCorpus('datasources/backend client', () => {
  describeStores('client against a listening server', (ctx) => {
    let server: Server & { url: string };
    let admin: BackendClient;
    let triager: BackendClient;
    let reader: BackendClient;
    const client = (token: string, url = server.url) => new BackendClient({ baseUrl: url, token, env: {}, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    before(async () => {
      server = await startServer({ ...TEST_CONFIG, port: 0, logLevel: 'silent', rateLimit: { perSecond: 1000, burst: 1000 } }, { model: CORE_RISK_MODEL, parsers: OSV_PARSERS, bulk: null, health: null, store: ctx.store() });
      const now = new Date();
      admin = client((await createToken(ctx.store(), 'ada', 'admin', now)).token);
      triager = client((await createToken(ctx.store(), 'tom', 'triager', now)).token);
      reader = client((await createToken(ctx.store(), 'rita', 'reader', now)).token);
    });
    after(async () => {
      await Promise.all([admin, triager, reader].map((c) => c.close()));
      await server.stop();
    });

    it('reads health, readiness and who it is', async () => {
      assert.deepEqual(value(await reader.health()), { status: 'ok' });
      assert.equal(value(await reader.ready()).status, 'ready');
      assert.deepEqual(value(await triager.whoami()), { name: 'tom', role: 'triager' });
    });

    it('as an AdvisorySource, fails rather than answer "no advisories" while the mirror is empty', async () => {
      const answer = await new BackendAdvisorySource(reader).advisories([{ name: 'jinja2', version: '2.10' }]);
      assert.deepEqual(answer, { status: 'unavailable', detail: 'the backend has no advisory data: its OSV mirror is empty' });
    });

    it('uploads to the mirror, reads its status, and reports a sync that cannot run', async () => {
      const report = value(await admin.importMirror(Buffer.from(corpusJsonl()), 'jsonl'));
      assert.deepEqual([report.status, report.written], ['ok', 2661]);
      const status = value(await reader.mirror());
      assert.deepEqual([status.state, status.records, status.syncUrl], ['ready', 2661, null]);
      const sync = value(await admin.syncMirror());
      assert.deepEqual([sync.status, sync.detail], ['failed', 'sync is off (no mirror URL)']);
    });

    it('assesses packages, and serves as an AdvisorySource with the records themselves', async () => {
      const answer = value(await reader.assess([{ ecosystem: 'PyPI', name: 'jinja2', version: '2.10' }]));
      assert.deepEqual(answer.assessments[0]!.advisories.map((a) => a.id).sort(), ['PYSEC-2019-217', 'PYSEC-2021-66']);
      const source = new BackendAdvisorySource(reader);
      const found = value(await source.advisories([{ name: 'jinja2', version: '2.10' }, { name: 'accesscontrol', version: '4.0' }, { name: 'accesscontrol', version: '4.3' }, { name: '../bad', version: '1' }]));
      assert.equal(found.has('../bad@1'), false, 'a package the backend could not assess is not answered');
      assert.deepEqual(found.get('jinja2@2.10')!.map((r) => r.id).sort(), ['PYSEC-2019-217', 'PYSEC-2021-66']);
      assert.deepEqual(found.get('accesscontrol@4.0')!.map((r) => r.id).sort(), ['PYSEC-2021-335', 'PYSEC-2021-370']);
      assert.deepEqual(found.get('accesscontrol@4.3'), []);
      assert.ok(found.get('jinja2@2.10')!.every((r) => Array.isArray(r.affected)));
    });

    it('creates, reads, updates, refuses a stale update as a conflict, deletes, and lists the history', async () => {
      const created = value(await triager.createDecision({ package: 'Croniter', action: 'forgo', reason: 'archived', replacement: 'python-crontab' }));
      assert.equal(created.author, 'tom');
      assert.deepEqual(value(await reader.decision(created.id)), created);
      assert.equal(value(await reader.decision('no-such-id')), null);
      const updated = value(await admin.updateDecision(created.id, created.etag, { action: 'accept', reason: 'kept for now', expires: '2030-01-01' }));
      assert.equal(updated.kind, 'written');
      const stale = value(await triager.updateDecision(created.id, created.etag, { action: 'fix', reason: 'late' }));
      assert.equal(stale.kind, 'conflict');
      assert.equal(stale.kind === 'conflict' ? stale.current?.reason : null, 'kept for now');
      assert.deepEqual(value(await triager.deleteDecision(created.id, created.etag)), stale.kind === 'conflict' ? { kind: 'conflict', current: stale.current } : null);
      const current = updated.kind === 'written' ? updated.decision : created;
      assert.deepEqual(value(await triager.deleteDecision(created.id, current.etag)), { kind: 'deleted' });
      assert.deepEqual(value(await triager.updateDecision(created.id, current.etag, { action: 'fix', reason: 'gone' })), { kind: 'not-found' });
      assert.deepEqual(value(await reader.packageDecisions('croniter')).decisions, []);
      assert.deepEqual(value(await reader.decisions('croniter')).decisions, []);
      assert.deepEqual(value(await reader.history('croniter')).events.map((e) => `${e.event} by ${e.author}`), ['created by tom', 'updated by ada', 'deleted by tom']);
    });

    it('puts a snapshot, reads it back, and answers which projects use a package', async () => {
      const summary = value(await admin.putSnapshot('team/app', { packages: [{ name: 'jinja2', version: '2.10', depth: 0, groups: [], paths: [['jinja2']] }] }));
      assert.equal(summary.id, 'team/app');
      assert.equal(value(await reader.snapshot('team/app'))?.snapshot.length, 1);
      assert.equal(value(await reader.snapshot('nope')), null);
      assert.deepEqual(value(await reader.projects()).projects.map((p) => p.id), ['team/app']);
      assert.deepEqual(value(await reader.usage('Jinja2')).projects, [{ project: 'team/app', version: '2.10', depth: 0, groups: [] }]);
      assert.equal(value(await reader.inventory('team/app')).rows[0]!.name, 'jinja2');
      assert.match(value(await reader.inventoryText('team/app', 'csv')), /^Name,Author,Version,/);
      assert.equal(JSON.parse(value(await reader.inventoryText(null, 'cyclonedx'))).specVersion, '1.6');
    });

    it('manages tokens as an admin', async () => {
      const created = value(await admin.createToken('ci', 'reader'));
      assert.match(created.token, /^bcs_/);
      const ci = client(created.token);
      assert.equal(value(await ci.whoami()).name, 'ci');
      assert.ok(value(await admin.tokens()).tokens.some((t) => t.id === created.id));
      assert.ok(value(await admin.revokeToken(created.id)).revoked);
      const refused = await ci.whoami();
      assert.equal(refused.status, 'invalid');
      assert.match(refused.status === 'invalid' ? refused.detail : '', /HTTP 401 unauthorized: the token is not valid/);
      await ci.close();
    });

    it('says why when refused: a weak role, an invalid request, a rate limit, a server that is gone', async () => {
      const weak = await reader.createDecision({ package: 'x', action: 'fix', reason: 'r' });
      assert.equal(weak.status, 'invalid');
      assert.match(weak.status === 'invalid' ? weak.detail : '', /HTTP 403 forbidden: this needs the triager role/);
      const bad = await triager.createDecision({ package: 'x', action: 'fix', reason: 'r', versions: 'not a specifier' });
      assert.equal(bad.status, 'invalid');
      assert.match(bad.status === 'invalid' ? bad.detail : '', /HTTP 400 bad-request/);
      const limited = await startServer({ ...TEST_CONFIG, port: 0, logLevel: 'silent', rateLimit: { perSecond: 0.5, burst: 1 } }, { model: CORE_RISK_MODEL, parsers: OSV_PARSERS, bulk: null, health: null, store: ctx.store() });
      const token = (await createToken(ctx.store(), 'burst', 'triager', new Date())).token;
      const hasty = new BackendClient({ baseUrl: limited.url, token, env: {}, retry: { attempts: 1 } });
      try {
        assert.equal((await hasty.whoami()).status, 'ok');
        const refused = await hasty.whoami();
        assert.equal(refused.status, 'rate-limited');
        assert.equal(refused.status === 'rate-limited' ? refused.retryAfterMs : 0, 2000);
        const write = await hasty.createDecision({ package: 'x', action: 'fix', reason: 'r' });
        assert.equal(write.status, 'rate-limited');
      } finally {
        await hasty.close();
        await limited.stop();
      }
      const gone = client('bcs_whatever', 'http://127.0.0.1:9');
      const down = await gone.assess([{ ecosystem: 'PyPI', name: 'x', version: '1' }]);
      assert.equal(down.status, 'unavailable');
      const downWrite = await gone.createDecision({ package: 'x', action: 'fix', reason: 'r' });
      assert.equal(downWrite.status, 'unavailable');
      assert.match(downWrite.status === 'unavailable' ? downWrite.detail : '', /not retried/);
      await gone.close();
    });
  });
});
