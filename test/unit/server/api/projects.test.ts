import { strict as assert } from 'node:assert';
import type { PackageUsage, ProjectList, ProjectSummary, Snapshot } from '../../../../src/protocol/projects';
import { testServer, type TestServer } from '../helpers/app';
import { describeStores } from '../helpers/stores';

describeStores('API: projects', (ctx) => {
  let server: TestServer;
  before(async () => {
    server = await testServer(ctx.store());
  });
  after(async () => server.stop());

  const airflow = {
    source: 'uv.lock at 0006ca82',
    packages: [
      { name: 'croniter', version: '2.0.1', depth: 0, groups: [], paths: [['croniter']] },
      { name: 'python_dateutil', version: '2.9.0', depth: 1, groups: ['extra:celery'], paths: [['croniter', 'python-dateutil']] },
      { name: 'Python-Dateutil', version: '2.9.0', depth: 2, groups: [], paths: [['pendulum', 'x', 'python-dateutil']] },
      { name: 'six', version: '1.16.0', depth: 2, groups: [], paths: [['croniter', 'python-dateutil', 'six']] },
    ],
  };

  it('stores a snapshot (names normalised, duplicates merged at their smallest depth) and reads it back', async () => {
    const put = await server.request('PUT', '/v1/projects/apache%2Fairflow/snapshot', { body: airflow });
    assert.equal(put.statusCode, 200, put.body);
    const summary = put.json<ProjectSummary>();
    assert.equal(summary.id, 'apache/airflow');
    assert.equal(summary.packages, 3);
    assert.equal(summary.direct, 1);
    assert.match(summary.updatedBy, /^admin-/);
    const snapshot = (await server.request('GET', '/v1/projects/apache%2Fairflow/snapshot', { token: server.tokens.reader })).json<Snapshot>();
    assert.equal(snapshot.source, 'uv.lock at 0006ca82');
    assert.deepEqual(snapshot.snapshot, [
      { name: 'croniter', version: '2.0.1', depth: 0, groups: [], paths: [['croniter']] },
      { name: 'python-dateutil', version: '2.9.0', depth: 1, groups: ['extra:celery'], paths: [['croniter', 'python-dateutil'], ['pendulum', 'x', 'python-dateutil']] },
      { name: 'six', version: '1.16.0', depth: 2, groups: [], paths: [['croniter', 'python-dateutil', 'six']] },
    ]);
  });

  it('replaces a snapshot as a whole', async () => {
    await server.request('PUT', '/v1/projects/replace-me/snapshot', { body: airflow });
    const put = await server.request('PUT', '/v1/projects/replace-me/snapshot', { body: { packages: [{ name: 'six', version: '1.17.0', depth: 0 }] } });
    assert.equal(put.json<ProjectSummary>().packages, 1);
    const snapshot = (await server.request('GET', '/v1/projects/replace-me/snapshot')).json<Snapshot>();
    assert.deepEqual(snapshot.snapshot.map((p) => `${p.name}@${p.version}`), ['six@1.17.0']);
    assert.equal(snapshot.source, null);
  });

  it('answers which projects use a package, at which versions', async () => {
    await server.request('PUT', '/v1/projects/home-assistant%2Fcore/snapshot', {
      body: { packages: [{ name: 'croniter', version: '1.4.1', depth: 1, groups: ['group:dev'] }, { name: 'six', version: '1.16.0', depth: 3 }] },
    });
    const usage = (await server.request('GET', '/v1/packages/Croniter/projects', { token: server.tokens.reader })).json<PackageUsage>();
    assert.equal(usage.package, 'croniter');
    assert.deepEqual(usage.projects.filter((p) => p.project !== 'replace-me'), [
      { project: 'apache/airflow', version: '2.0.1', depth: 0, groups: [] },
      { project: 'home-assistant/core', version: '1.4.1', depth: 1, groups: ['group:dev'] },
    ]);
    const none = (await server.request('GET', '/v1/packages/not-used-anywhere/projects')).json<PackageUsage>();
    assert.deepEqual(none.projects, []);
  });

  it('lists projects, deletes one, and answers 404 for one it does not know', async () => {
    await server.request('PUT', '/v1/projects/to-delete/snapshot', { body: { packages: [] } });
    const list = (await server.request('GET', '/v1/projects', { token: server.tokens.reader })).json<ProjectList>();
    assert.ok(list.projects.map((p) => p.id).includes('to-delete'));
    assert.deepEqual(list.projects.map((p) => p.id), [...list.projects.map((p) => p.id)].sort());
    assert.equal((await server.request('DELETE', '/v1/projects/to-delete')).statusCode, 204);
    assert.equal((await server.request('GET', '/v1/projects/to-delete/snapshot')).statusCode, 404);
    assert.equal((await server.request('DELETE', '/v1/projects/to-delete')).statusCode, 404);
  });

  it('stores a snapshot of thousands of packages in one go', async () => {
    const packages = Array.from({ length: 3000 }, (_, i) => ({ name: `pkg-${i}`, version: `1.${i}`, depth: i % 4, groups: ['g'], paths: [['a', `pkg-${i}`]] }));
    const put = await server.request('PUT', '/v1/projects/big/snapshot', { body: { packages } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<ProjectSummary>().packages, 3000);
    assert.equal(put.json<ProjectSummary>().direct, 750);
  });

  it('refuses a snapshot with a bad name, a negative depth or an unknown field', async () => {
    for (const p of [{ name: '../etc', version: '1', depth: 0 }, { name: 'ok', version: '1', depth: -1 }, { name: 'ok', version: '1', depth: 0, direct: true }]) {
      const res = await server.request('PUT', '/v1/projects/bad/snapshot', { body: { packages: [p] } });
      assert.equal(res.statusCode, 400, JSON.stringify(p));
    }
  });
});
