import { strict as assert } from 'node:assert';
import { MAX_ASSESSMENT_BATCH } from '../../../../src/protocol/common';
import type { DecisionHistory, DecisionRecord } from '../../../../src/protocol/decisions';
import { ROUTES } from '../../../../src/protocol/routes';
import type { TokenInfo } from '../../../../src/protocol/tokens';
import { testServer, type TestServer } from '../helpers/app';
import { describeStores } from '../helpers/stores';

/** A concrete URL for a route, its parameters filled in. */
function urlOf(url: string): string {
  return url.replace(':id', 'some-id').replace(':name', 'requests');
}

const INJECTIONS = [
  "'; DROP TABLE decisions; --",
  'Robert"); DELETE FROM tokens WHERE ("1"="1',
  '$1 $2 \\x00 %s %n {{7*7}} ${jndi:ldap://x}',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","click")',
  'Ünïcödé — 你好 — مرحبا — 🐍🏖️ — e\u0301 — zero\u200bwidth — \u202eRTL override',
  'line one\nline two\r\n\ttabbed "quoted" \'single\' `tick` \\backslash',
];

describeStores('API: security', (ctx) => {
  let server: TestServer;
  before(async () => {
    server = await testServer(ctx.store(), { bodyLimitBytes: 64 * 1024 });
  });
  after(async () => server.stop());

  it('answers 401 with a Bearer challenge on every protected route without a token, or with a wrong one', async () => {
    const protectedRoutes = ROUTES.filter((r) => r.role != null);
    assert.equal(protectedRoutes.length, 21);
    for (const route of protectedRoutes) {
      for (const token of [null, 'bcs_not-a-real-token', '']) {
        const res = await server.request(route.method, urlOf(route.url), { token });
        assert.equal(res.statusCode, 401, `${route.method} ${route.url} with ${token}`);
        assert.equal(res.json().error, 'unauthorized');
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="beachcomber"');
      }
    }
    const basic = await server.request('GET', '/v1/whoami', { token: null, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    assert.equal(basic.statusCode, 401);
  });

  it('answers 403 when the role is too weak: readers read, triagers decide, admins administer', async () => {
    const needs = (role: string) => ROUTES.filter((r) => r.role === role);
    for (const route of [...needs('triager'), ...needs('admin')]) {
      const res = await server.request(route.method, urlOf(route.url), { token: server.tokens.reader, body: {} });
      assert.equal(res.statusCode, 403, `reader ${route.method} ${route.url}`);
      assert.equal(res.json().error, 'forbidden');
    }
    for (const route of needs('admin')) {
      const res = await server.request(route.method, urlOf(route.url), { token: server.tokens.triager, body: {} });
      assert.equal(res.statusCode, 403, `triager ${route.method} ${route.url}`);
    }
    const write = await server.request('POST', '/v1/decisions', { token: server.tokens.reader, body: { package: 'x', action: 'fix', reason: 'r' } });
    assert.equal(write.statusCode, 403);
    assert.equal((await server.request('GET', '/v1/decisions?package=x', { token: server.tokens.reader })).json().decisions.length, 0);
    assert.equal((await server.request('GET', '/v1/whoami', { token: server.tokens.reader })).json().role, 'reader');
  });

  it('stops accepting a token as soon as it is revoked', async () => {
    const created = await server.request('POST', '/v1/tokens', { body: { name: 'short-lived', role: 'reader' } });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json<{ token: string; id: string }>();
    assert.match(token, /^bcs_[A-Za-z0-9_-]{43}$/);
    assert.equal((await server.request('GET', '/v1/whoami', { token })).json().name, 'short-lived');
    const revoked = await server.request('DELETE', `/v1/tokens/${id}`);
    assert.equal(revoked.statusCode, 200);
    assert.ok(revoked.json<TokenInfo>().revoked);
    assert.equal((await server.request('GET', '/v1/whoami', { token })).statusCode, 401);
    const listed = (await server.request('GET', '/v1/tokens')).json<{ tokens: Record<string, unknown>[] }>().tokens;
    assert.ok(listed.some((t) => t['id'] === id && t['revoked'] != null));
    assert.ok(listed.every((t) => !('token' in t) && !('hash' in t)));
  });

  it('stores only a hash of each token', async () => {
    const rows = await ctx.store().query<{ hash: string }>('SELECT hash FROM tokens');
    for (const token of Object.values(server.tokens)) assert.ok(rows.every((r) => r.hash !== token && !r.hash.includes(token)));
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash)));
  });

  it('answers 413 for a body over the limit, and for more than 5,000 packages in one assessment', async () => {
    const big = await server.request('POST', '/v1/decisions', { body: { package: 'x', action: 'fix', reason: 'x'.repeat(70 * 1024) } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error, 'payload-too-large');
    const roomy = await testServer(ctx.store(), { bodyLimitBytes: 4 * 1024 * 1024 });
    try {
      const packages = (n: number) => Array.from({ length: n }, (_, i) => ({ ecosystem: 'PyPI', name: `p${i}`, version: '1.0' }));
      const over = await roomy.request('POST', '/v1/assessments', { token: roomy.tokens.reader, body: { packages: packages(MAX_ASSESSMENT_BATCH + 1) } });
      assert.equal(over.statusCode, 413, over.body);
      assert.match(over.json().message, /too many packages/);
      const at = await roomy.request('POST', '/v1/assessments', { token: roomy.tokens.reader, body: { packages: packages(MAX_ASSESSMENT_BATCH) } });
      assert.equal(at.statusCode, 200);
      assert.equal(at.json().assessments.length, MAX_ASSESSMENT_BATCH);
    } finally {
      await roomy.stop();
    }
  });

  it('stores and returns injection strings verbatim (SQL, HTML, unicode), in the record and in its history', async () => {
    for (const text of INJECTIONS) {
      const res = await server.request('POST', '/v1/decisions', {
        token: server.tokens.triager,
        body: { package: 'injection-target', action: 'forgo', reason: text, replacement: text.slice(0, 500), advisory: text.slice(0, 200) },
      });
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json<DecisionRecord>();
      const read = (await server.request('GET', `/v1/decisions/${created.id}`)).json<DecisionRecord>();
      assert.equal(read.reason, text);
      assert.equal(read.replacement, text.slice(0, 500));
      assert.equal(read.advisory, text.slice(0, 200));
    }
    const history = (await server.request('GET', '/v1/packages/injection-target/history')).json<DecisionHistory>();
    assert.deepEqual(history.events.map((e) => e.decision.reason), INJECTIONS);
    assert.equal((await ctx.store().query('SELECT count(*)::int AS n FROM tokens'))[0]!['n'] as number > 0, true);
    const project = "'; DROP TABLE projects; -- <b>x</b> 🐍";
    const put = await server.request('PUT', `/v1/projects/${encodeURIComponent(project)}/snapshot`, { body: { packages: [{ name: 'requests', version: '2.31.0', depth: 0 }], source: INJECTIONS[3] } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().id, project);
    const snapshot = await server.request('GET', `/v1/projects/${encodeURIComponent(project)}/snapshot`);
    assert.equal(snapshot.json().id, project);
    assert.equal(snapshot.json().source, INJECTIONS[3]);
    assert.equal(snapshot.headers['content-type'], 'application/json; charset=utf-8');
  });

  it('refuses NUL and lone surrogates, which the database could not keep verbatim', async () => {
    for (const reason of ['a\u0000b', 'lone \ud800 surrogate']) {
      const res = await server.request('POST', '/v1/decisions', { body: { package: 'x', action: 'fix', reason } });
      assert.equal(res.statusCode, 400, res.body);
    }
  });

  it('limits requests per token with 429 and Retry-After, and other tokens are not affected', async () => {
    let now = 1_000_000;
    const limited = await testServer(ctx.store(), { rateLimit: { perSecond: 2, burst: 3 } }, { clock: { now: () => now } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.request('GET', '/v1/whoami', { token: limited.tokens.reader })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 429]);
      const refused = await limited.request('GET', '/v1/whoami', { token: limited.tokens.reader });
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.headers['retry-after'], '1');
      assert.equal(refused.json().error, 'rate-limited');
      assert.equal((await limited.request('GET', '/v1/whoami', { token: limited.tokens.triager })).statusCode, 200);
      now += 500;
      assert.equal((await limited.request('GET', '/v1/whoami', { token: limited.tokens.reader })).statusCode, 200);
      assert.equal((await limited.request('GET', '/v1/whoami', { token: limited.tokens.reader })).statusCode, 429);
    } finally {
      await limited.stop();
    }
  });

  it('never writes a token or an Authorization header to the logs, which are JSON lines', async () => {
    await server.request('GET', '/v1/whoami', { token: server.tokens.admin });
    await server.request('GET', '/v1/whoami', { token: 'bcs_wrong-secret-value' });
    const text = server.logs.join('');
    assert.ok(server.logs.length > 4);
    for (const line of text.trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line), line);
    for (const secret of [...Object.values(server.tokens), 'bcs_wrong-secret-value', 'Bearer']) assert.ok(!text.includes(secret), `log contains ${secret.slice(0, 8)}…`);
    assert.match(text, /"url":"\/v1\/whoami"/);
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const res = await server.request('GET', '/v1/whoami', { headers: { origin: 'https://evil.example' } });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const preflight = await server.request('OPTIONS', '/v1/decisions', { token: null, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    const open = await testServer(ctx.store(), { corsOrigins: ['https://team.example'] });
    try {
      const allowed = await open.request('OPTIONS', '/v1/decisions', { token: null, headers: { origin: 'https://team.example', 'access-control-request-method': 'POST' } });
      assert.equal(allowed.statusCode, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://team.example');
      const other = await open.request('GET', '/v1/whoami', { headers: { origin: 'https://evil.example' } });
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    } finally {
      await open.stop();
    }
  });
});
