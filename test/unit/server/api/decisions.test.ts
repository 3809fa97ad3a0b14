import { strict as assert } from 'node:assert';
import type { DecisionHistory, DecisionList, DecisionRecord } from '../../../../src/protocol/decisions';
import { testServer, type TestServer } from '../helpers/app';
import { describeStores } from '../helpers/stores';

describeStores('API: decisions', (ctx) => {
  let server: TestServer;
  before(async () => {
    server = await testServer(ctx.store());
  });
  after(async () => server.stop());

  async function create(body: Record<string, unknown>, token = server.tokens.triager): Promise<DecisionRecord> {
    const res = await server.request('POST', '/v1/decisions', { token, body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }

  it('creates a decision with its author, revision 1, an ETag and a Location', async () => {
    const res = await server.request('POST', '/v1/decisions', {
      token: server.tokens.triager,
      body: { package: 'Croniter', action: 'forgo', reason: 'archived upstream', replacement: 'python-crontab', expires: '2027-01-31' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const decision = res.json<DecisionRecord>();
    assert.equal(decision.package, 'croniter');
    assert.equal(decision.action, 'forgo');
    assert.equal(decision.replacement, 'python-crontab');
    assert.equal(decision.expires, '2027-01-31');
    assert.match(decision.author, /^triager-/);
    assert.equal(decision.revision, 1);
    assert.equal(res.headers['etag'], decision.etag);
    assert.equal(decision.etag, `"${decision.id}.1"`);
    assert.equal(res.headers['location'], `/v1/decisions/${decision.id}`);
    const read = await server.request('GET', `/v1/decisions/${decision.id}`, { token: server.tokens.reader });
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), decision);
    assert.equal(read.headers['etag'], decision.etag);
  });

  it('updates with a current If-Match, and refuses a stale one with 412 without writing', async () => {
    const first = await create({ package: 'pyyaml', action: 'fix', reason: 'upgrade to 6' });
    const updated = await server.request('PUT', `/v1/decisions/${first.id}`, {
      token: server.tokens.admin,
      headers: { 'if-match': first.etag },
      body: { action: 'accept', reason: 'safe_load everywhere', expires: '2026-12-31T00:00:00Z', justification: 'code_not_reachable' },
    });
    assert.equal(updated.statusCode, 200, updated.body);
    const second = updated.json<DecisionRecord>();
    assert.equal(second.revision, 2);
    assert.equal(second.action, 'accept');
    assert.equal(second.justification, 'code_not_reachable');
    assert.match(second.updatedBy, /^admin-/);
    assert.match(second.author, /^triager-/);
    assert.equal(updated.headers['etag'], `"${first.id}.2"`);

    const stale = await server.request('PUT', `/v1/decisions/${first.id}`, { headers: { 'if-match': first.etag }, body: { action: 'fork', reason: 'late writer' } });
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal(stale.json().error, 'precondition-failed');
    assert.equal(stale.headers['etag'], second.etag);
    const now = await server.request('GET', `/v1/decisions/${first.id}`);
    assert.equal(now.json<DecisionRecord>().reason, 'safe_load everywhere');
  });

  it('requires If-Match on update and delete (428), and never matches a weak tag', async () => {
    const d = await create({ package: 'requests', action: 'fix', reason: 'bump' });
    const missing = await server.request('PUT', `/v1/decisions/${d.id}`, { body: { action: 'fix', reason: 'again' } });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json().error, 'precondition-required');
    const deleteMissing = await server.request('DELETE', `/v1/decisions/${d.id}`);
    assert.equal(deleteMissing.statusCode, 428);
    const weak = await server.request('PUT', `/v1/decisions/${d.id}`, { headers: { 'if-match': `W/${d.etag}` }, body: { action: 'fix', reason: 'weak' } });
    assert.equal(weak.statusCode, 412);
    const wildcard = await server.request('PUT', `/v1/decisions/${d.id}`, { headers: { 'if-match': '*' }, body: { action: 'fix', reason: 'star' } });
    assert.equal(wildcard.statusCode, 200);
    const listed = await server.request('PUT', `/v1/decisions/${d.id}`, { headers: { 'if-match': `"nope", "${d.id}.2"` }, body: { action: 'fix', reason: 'listed' } });
    assert.equal(listed.statusCode, 200);
  });

  it('of two concurrent writers with the same ETag, exactly one wins', async () => {
    const d = await create({ package: 'urllib3', action: 'fix', reason: 'start' });
    const results = await Promise.all(
      ['alpha', 'beta', 'gamma', 'delta'].map((reason) => server.request('PUT', `/v1/decisions/${d.id}`, { headers: { 'if-match': d.etag }, body: { action: 'fix', reason } })),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json<DecisionRecord>();
    const now = (await server.request('GET', `/v1/decisions/${d.id}`)).json<DecisionRecord>();
    assert.equal(now.reason, winner.reason);
    assert.equal(now.revision, 2);
  });

  it('deletes as a recorded event, and keeps the full history of the package', async () => {
    const d = await create({ package: 'Jinja2', action: 'fix', reason: 'r1' });
    const u = await server.request('PUT', `/v1/decisions/${d.id}`, { headers: { 'if-match': d.etag }, body: { action: 'fork', reason: 'r2', replacement: 'our-jinja' } });
    const stale = await server.request('DELETE', `/v1/decisions/${d.id}`, { headers: { 'if-match': d.etag } });
    assert.equal(stale.statusCode, 412);
    const del = await server.request('DELETE', `/v1/decisions/${d.id}`, { headers: { 'if-match': u.json<DecisionRecord>().etag } });
    assert.equal(del.statusCode, 204);
    assert.equal(del.body, '');
    assert.equal((await server.request('GET', `/v1/decisions/${d.id}`)).statusCode, 404);
    const again = await server.request('DELETE', `/v1/decisions/${d.id}`, { headers: { 'if-match': '*' } });
    assert.equal(again.statusCode, 404);
    const list = (await server.request('GET', '/v1/packages/jinja2/decisions', { token: server.tokens.reader })).json<DecisionList>();
    assert.deepEqual(list.decisions, []);
    const history = (await server.request('GET', '/v1/packages/JINJA2/history', { token: server.tokens.reader })).json<DecisionHistory>();
    assert.equal(history.package, 'jinja2');
    assert.deepEqual(history.events.map((e) => [e.event, e.decision.revision, e.decision.reason]), [
      ['created', 1, 'r1'],
      ['updated', 2, 'r2'],
      ['deleted', 2, 'r2'],
    ]);
    assert.ok(history.events.every((e) => e.decisionId === d.id && /^(triager|admin)-/.test(e.author)));
    assert.ok(history.events[0]!.seq < history.events[1]!.seq && history.events[1]!.seq < history.events[2]!.seq);
  });

  it('lists current decisions, all or per package, oldest first', async () => {
    const a = await create({ package: 'listpkg-a', action: 'fix', reason: 'a' });
    const b = await create({ package: 'listpkg-b', action: 'accept', reason: 'b', advisory: 'GHSA-xxxx-yyyy-zzzz', versions: '<2' });
    const all = (await server.request('GET', '/v1/decisions', { token: server.tokens.reader })).json<DecisionList>();
    const ids = all.decisions.map((d) => d.id);
    assert.ok(ids.indexOf(a.id) >= 0 && ids.indexOf(a.id) < ids.indexOf(b.id));
    const one = (await server.request('GET', '/v1/decisions?package=ListPkg_B', { token: server.tokens.reader })).json<DecisionList>();
    assert.deepEqual(one.decisions, [b]);
  });

  it('refuses what the schema and PEP 440 refuse, with 400 and the reason', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ package: 'x', action: 'delete', reason: 'r' }, /action/],
      [{ package: 'x', action: 'fix', reason: '' }, /reason/],
      [{ package: 'x', action: 'fix' }, /reason/],
      [{ package: '-bad', action: 'fix', reason: 'r' }, /package/],
      [{ package: 'x', action: 'fix', reason: 'r', versions: '>=1.0,<<2' }, /PEP 440/],
      [{ package: 'x', action: 'fix', reason: 'r', expires: '2026-02-30T25:00:00Z' }, /expires/],
      [{ package: 'x', action: 'fix', reason: 'r', justification: 'code_not_present' }, /accept/],
      [{ package: 'x', action: 'fix', reason: 'r', extra: 1 }, /additional/],
      [{ package: 'x', action: 'fix', reason: 'nul\u0000byte' }, /reason/],
    ];
    for (const [body, message] of cases) {
      const res = await server.request('POST', '/v1/decisions', { body });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      assert.equal(res.json().error, 'bad-request');
      assert.match(res.json().message, message, JSON.stringify(body));
    }
  });
});
