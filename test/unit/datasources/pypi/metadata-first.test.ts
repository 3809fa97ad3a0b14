import { strict as assert } from 'node:assert';
import type { Outcome } from '../../../../src/core/ports';
import { MemoryCache } from '../../../../src/datasources/cached';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { PypiIndex, type PypiIndexOptions } from '../../../../src/datasources/pypi';
import { FakePypi } from '../../../helpers/fakes/pypi';
import { fixtureProjects } from '../../../helpers/fakes/pypi-data';
import { resolverProjects } from '../../../helpers/fakes/resolver-index';

function value<T>(outcome: Outcome<T>): T {
  if (outcome.status !== 'ok') assert.fail(`expected ok, got ${outcome.status}: ${outcome.detail}`);
  return outcome.value;
}

const DEMO_REQUIRES = ['requests[socks]>=2.31', 'tomli>=1.1; python_version < "3.11"', 'pywin32>=306; sys_platform == "win32"', 'rich; extra == "cli"', 'pytest>=8; extra == "test"'];

describe('datasources/pypi with metadataFirst (a resolver\'s index)', () => {
  let pypi: FakePypi;
  let http: HttpClient;

  before(async () => {
    pypi = await new FakePypi({ projects: [...fixtureProjects(), ...resolverProjects()] }).start();
  });

  after(async () => {
    await pypi.close();
  });

  beforeEach(() => {
    pypi.clearFaults();
    pypi.resetCounts();
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  afterEach(async () => {
    await http.close();
  });

  function index(options: Partial<PypiIndexOptions> = {}): PypiIndex {
    return new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/`, cache: new MemoryCache(), metadataFirst: true, ...options });
  }

  it('reads a project from its Simple page alone', async () => {
    const info = value(await index().project('demo-extras'));
    assert.deepEqual(info.releases, [{ version: '2.0.0', uploadTime: '2026-05-05T05:05:05.555555Z', yanked: false, yankedReason: null, requiresPython: '>=3.9', hasMetadataFile: true }]);
    assert.deepEqual([info.latest, info.license, info.summary], ['2.0.0', null, null]);
    assert.deepEqual([pypi.count('simple'), pypi.count('json-project'), pypi.count('file')], [1, 0, 0]);
  });

  it('reads a release\'s requirements from its .metadata file, not the JSON API', async () => {
    const pypiIndex = index();
    value(await pypiIndex.project('demo-extras'));
    const release = value(await pypiIndex.release('demo-extras', '2.0.0'));
    assert.deepEqual([release.requiresDist, release.requiresPython, release.license], [DEMO_REQUIRES, '>=3.9', 'Apache-2.0 OR MIT']);
    assert.deepEqual([pypi.count('simple'), pypi.count('file'), pypi.count('json-release')], [1, 1, 0]);
    assert.match(pypi.log.find((l) => l.endsWith('.metadata'))!, /demo_extras-2\.0\.0-py3-none-any\.whl\.metadata$/);
  });

  it('asks the JSON API only for a release that has no .metadata file', async () => {
    const release = value(await index().release('oldsdist', '0.9'));
    assert.deepEqual(release.requiresDist, ['idna']);
    assert.deepEqual([pypi.count('file'), pypi.count('json-release')], [0, 1]);
  });

  it('falls back to the JSON API when the offered .metadata file is not there', async () => {
    pypi.inject('file', { kind: 'status', status: 404 }, 1);
    const release = value(await index().release('demo-extras', '2.0.0'));
    assert.deepEqual(release.requiresDist, DEMO_REQUIRES);
    assert.deepEqual([pypi.count('file'), pypi.count('json-release')], [1, 1]);
  });

  it('says nothing of requirements (null, unknown) for an sdist-only release on an index without the JSON API', async () => {
    const release = value(await index({ jsonUrl: null }).release('oldsdist', '0.9'));
    assert.equal(release.requiresDist, null);
    assert.deepEqual([pypi.count('file'), pypi.count('json-release'), pypi.count('json-project')], [0, 0, 0]);
  });

  it('reports a .metadata file that fails, rather than answering from elsewhere', async () => {
    pypi.inject('file', { kind: 'status', status: 500 });
    const outcome = await index({ http: createHttpClient({ env: {}, sleep: async () => {}, retry: { attempts: 1 } }) }).release('demo-extras', '2.0.0');
    assert.equal(outcome.status, 'unavailable');
    assert.equal(pypi.count('json-release'), 0);
  });

  it('keeps the default (JSON first) when the option is off', async () => {
    const release = value(await index({ metadataFirst: false }).release('demo-extras', '2.0.0'));
    assert.deepEqual(release.requiresDist, DEMO_REQUIRES);
    assert.deepEqual([pypi.count('file'), pypi.count('json-release')], [0, 1]);
  });

  it('answers again from the cache without a request', async () => {
    const cache = new MemoryCache();
    value(await index({ cache }).release('demo-extras', '2.0.0'));
    pypi.resetCounts();
    const again = value(await index({ cache }).release('demo-extras', '2.0.0'));
    assert.deepEqual(again.requiresDist, DEMO_REQUIRES);
    assert.equal(pypi.count(), 0);
  });
});
