import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readiness } from '../../../../src/protocol/health';
import { ROUTES } from '../../../../src/protocol/routes';
import { SCHEMA_VERSION } from '../../../../src/server/store/migrations';
import { testServer, type TestServer } from '../helpers/app';
import { describeStores } from '../helpers/stores';

describeStores('API: health, readiness and the OpenAPI document', (ctx) => {
  let server: TestServer;
  before(async () => {
    server = await testServer(ctx.store());
  });
  after(async () => server.stop());

  it('/healthz answers without a token', async () => {
    const res = await server.request('GET', '/healthz', { token: null });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('/readyz reports the database, the migrations and an empty mirror', async () => {
    const res = await server.request('GET', '/readyz', { token: null });
    assert.equal(res.statusCode, 200, res.body);
    const ready = res.json<Readiness>();
    assert.equal(ready.status, 'ready');
    assert.deepEqual(ready.database, { status: 'ok', kind: ctx.kind, detail: 'reachable' });
    assert.deepEqual(ready.migrations, { applied: SCHEMA_VERSION, expected: SCHEMA_VERSION });
    assert.equal(ready.mirror?.state, 'empty');
    assert.equal(ready.mirror?.records, 0);
  });

  it('/readyz answers 503 when the database cannot be asked', async () => {
    const broken = await testServer(ctx.store());
    const query = broken.ctx.store.query;
    (broken.ctx.store as { query: unknown }).query = async () => {
      throw new Error('connection refused');
    };
    try {
      const res = await broken.request('GET', '/readyz', { token: null });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json<Readiness>().database.status, 'failed');
      assert.equal(res.json<Readiness>().database.detail, 'connection refused');
    } finally {
      (broken.ctx.store as { query: unknown }).query = query;
      await broken.stop();
    }
  });

  it('/openapi.json is OpenAPI 3.1 with every route, its role and the schemas the server validates with', async () => {
    const res = await server.request('GET', '/openapi.json', { token: null });
    assert.equal(res.statusCode, 200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, Record<string, unknown>>>; components: Record<string, unknown> }>();
    assert.equal(doc.openapi, '3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    assert.equal(operations.length, ROUTES.length);
    for (const route of ROUTES) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${path}`);
      assert.equal(op['operationId'], route.id);
      assert.equal(op['x-beachcomber-role'], route.role ?? undefined);
      assert.deepEqual(op['security'], route.role ? [{ bearer: [] }] : []);
    }
    const assess = doc.paths['/v1/assessments']!['post']!;
    assert.deepEqual((assess['requestBody'] as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema, JSON.parse(JSON.stringify(ROUTES.find((r) => r.id === 'assess')!.schema.body)));
    const update = doc.paths['/v1/decisions/{id}']!['put']!;
    assert.deepEqual((update['parameters'] as { name: string; in: string; required: boolean }[]).map((p) => [p.name, p.in, p.required]), [['id', 'path', true], ['If-Match', 'header', true]]);
  });

  it('docs/openapi.json is the document the server serves (regenerate it when routes change)', async () => {
    const res = await server.request('GET', '/openapi.json', { token: null });
    const copy = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'openapi.json'), 'utf8'));
    assert.deepEqual(copy, res.json());
  });

  it('answers an unknown route with 404 in the API error shape', async () => {
    const res = await server.request('GET', '/v1/nothing-here');
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: 'not-found', message: 'no route GET /v1/nothing-here' });
  });
});
