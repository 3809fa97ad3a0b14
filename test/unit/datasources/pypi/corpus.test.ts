import { strict as assert } from 'node:assert';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { mapBounded } from '../../../../src/datasources/limiter';
import { PypiIndex } from '../../../../src/datasources/pypi';
import { isPrerelease, sortVersions } from '../../../../src/core/versions';
import { describeCorpus } from '../../../helpers/corpus';
import { readUvLock } from '../../../helpers/fakes/lock-files';
import { normalize } from '../../../helpers/fakes/osv-evaluator';
import { FakePypi } from '../../../helpers/fakes/pypi';
import { lockProjects } from '../../../helpers/fakes/pypi-data';

describeCorpus('datasources/pypi on real projects from the corpus lock files', () => {
  let pypi: FakePypi;
  let http: HttpClient;
  const locked = () => readUvLock('pydantic-ai', 'uv.lock');

  before(async () => {
    pypi = await new FakePypi({ projects: lockProjects(['pydantic-ai', 'uv.lock'], ['spectree', 'uv.lock'], ['comfy-cli', 'uv.lock']) }).start();
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  after(async () => {
    await http.close();
    await pypi.close();
  });

  it('reads every file of all 340 locked releases of pydantic-ai: names, hashes, upload times', async () => {
    const releases = locked();
    assert.equal(releases.length, 340);
    const index = new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/` });
    const mismatches: string[] = [];
    await mapBounded(releases, 16, async (lock) => {
      const outcome = await index.release(lock.name, lock.version);
      if (outcome.status !== 'ok') return void mismatches.push(`${lock.name}: ${outcome.status}`);
      const got = outcome.value.files.map((file) => [file.filename, file.sha256, file.uploadTime]);
      const want = lock.files.map((file) => [file.filename, file.sha256, file.uploadTime]);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(lock.name);
      if (outcome.value.version !== lock.version || outcome.value.name !== normalize(lock.name)) mismatches.push(`${lock.name} version`);
    });
    assert.deepEqual(mismatches, []);
    assert.equal(pypi.count('json-release'), 340);
    assert.equal(pypi.count('simple'), 340);
  });

  it('lists every version a project has across the three locks, and picks the newest as latest', async () => {
    const index = new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/` });
    const anyio = await index.project('anyio');
    assert.equal(anyio.status, 'ok');
    if (anyio.status !== 'ok') return;
    const versions = [...new Set([...locked(), ...readUvLock('spectree', 'uv.lock'), ...readUvLock('comfy-cli', 'uv.lock')].filter((r) => r.name === 'anyio').map((r) => r.version))];
    assert.deepEqual(anyio.value.releases.map((r) => r.version).sort(), [...versions].sort());
    assert.ok(versions.length >= 2, `anyio versions: ${versions.join(', ')}`);
    assert.equal(anyio.value.latest, sortVersions(versions.filter((v) => !isPrerelease(v))).at(-1));
  });

  it('reads requires_dist from the wheels\' .metadata files when the JSON API is off', async () => {
    const index = new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: null });
    const sample = locked().filter((lock) => lock.files.some((file) => file.filename.endsWith('.whl'))).slice(0, 40);
    for (const lock of sample) {
      const outcome = await index.release(lock.name, lock.version);
      assert.equal(outcome.status, 'ok', lock.name);
      const names = outcome.status === 'ok' ? (outcome.value.requiresDist ?? []).map((requirement) => requirement.split(';')[0]?.trim()) : [];
      assert.deepEqual(names, lock.dependencies.map((dep) => dep.name), lock.name);
    }
  });
});
