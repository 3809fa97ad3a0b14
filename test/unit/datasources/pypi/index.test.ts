import { strict as assert } from 'node:assert';
import type { ProjectInfo, Provenance, ReleaseInfo } from '../../../../src/core/model/package-info';
import type { Outcome } from '../../../../src/core/ports';
import { MemoryCache } from '../../../../src/datasources/cached';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { isNotFound } from '../../../../src/datasources/outcome';
import { PypiIndex, type PypiIndexOptions } from '../../../../src/datasources/pypi';
import { FakePypi } from '../../../helpers/fakes/pypi';

function value<T>(outcome: Outcome<T>): T {
  if (outcome.status !== 'ok') assert.fail(`expected ok, got ${outcome.status}: ${outcome.detail}`);
  return outcome.value;
}

describe('datasources/pypi against the fake PyPI (fixture projects)', () => {
  let pypi: FakePypi;
  let http: HttpClient;
  let now: number;

  before(async () => {
    pypi = await new FakePypi().start();
  });

  after(async () => {
    await pypi.close();
  });

  beforeEach(() => {
    pypi.clearFaults();
    pypi.resetCounts();
    pypi.attestationsDisabled = false;
    now = Date.parse('2026-03-01T12:00:00Z');
    http = createHttpClient({ env: {}, sleep: async () => {}, clock: { now: () => now } });
  });

  afterEach(async () => {
    await http.close();
  });

  function index(options: Partial<PypiIndexOptions> = {}): PypiIndex {
    return new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/`, clock: { now: () => now }, ...options });
  }

  const project = async (name: string, options: Partial<PypiIndexOptions> = {}): Promise<ProjectInfo> => value(await index(options).project(name));
  const release = async (name: string, version: string, options: Partial<PypiIndexOptions> = {}): Promise<ReleaseInfo> => value(await index(options).release(name, version));
  const provenance = async (name: string, version: string): Promise<Provenance> => value(await index().provenance(name, version));

  it('reads a project from the JSON and Simple APIs together', async () => {
    const info = await project('trusted-pub');
    assert.deepEqual(info, {
      name: 'trusted-pub',
      displayName: 'trusted-pub',
      releases: [
        { version: '1.0.0', uploadTime: '2025-01-10T09:00:00.100000Z', yanked: false, yankedReason: null, requiresPython: '>=3.9', hasMetadataFile: true },
        { version: '2.0.0', uploadTime: '2026-02-01T12:00:00.000001Z', yanked: false, yankedReason: null, requiresPython: '>=3.10', hasMetadataFile: true },
      ],
      latest: '2.0.0',
      status: 'active',
      statusReason: null,
      summary: 'Every file published through Trusted Publishing, with PEP 740 provenance',
      license: 'MIT',
      projectUrls: { Source: 'https://github.com/example/trusted-pub', Changelog: 'https://github.com/example/trusted-pub/releases' },
      author: 'Example Maintainers',
      maintainers: ['alice', 'bob'],
    });
    assert.deepEqual([pypi.count('simple'), pypi.count('json-project')], [1, 1]);
  });

  it('counts a release as Trusted Publishing only when every file has provenance, and names the publisher', async () => {
    assert.deepEqual(await provenance('trusted-pub', '1.0.0'), {
      trustedPublishing: true,
      publisher: { kind: 'GitHub', repository: 'example/trusted-pub', workflow: 'release.yml', email: null },
      filesWithProvenance: 2,
      files: 2,
    });
    assert.deepEqual(await provenance('trusted-pub', '2.0.0'), {
      trustedPublishing: true,
      publisher: { kind: 'Google', repository: null, workflow: null, email: 'release@example-project.iam.gserviceaccount.com' },
      filesWithProvenance: 2,
      files: 2,
    });
    assert.deepEqual(await provenance('mixed-prov', '0.3.1'), {
      trustedPublishing: false,
      publisher: { kind: 'GitLab', repository: 'example/group/mixed-prov', workflow: '.gitlab-ci.yml', email: null },
      filesWithProvenance: 1,
      files: 2,
    });
    assert.equal(pypi.count('integrity'), 3, 'one provenance document per release');
    assert.deepEqual(await provenance('no-prov', '5.4'), { trustedPublishing: false, publisher: null, filesWithProvenance: 0, files: 2 });
    assert.equal(pypi.count('integrity'), 3, 'no provenance URL, no request');
  });

  it('says provenance is unknown, not absent, when the Integrity API is switched off (403)', async () => {
    pypi.attestationsDisabled = true;
    const outcome = await index().provenance('trusted-pub', '1.0.0');
    assert.equal(outcome.status, 'unavailable');
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /attestations temporarily disabled \(HTTP 403\)/);
    assert.equal(isNotFound(outcome), false);
  });

  it('treats a 406 from the Integrity API as an invalid answer, and the fake refuses a wrong Accept with 406', async () => {
    pypi.inject('integrity', { kind: 'status', status: 406, body: '{"message": "Request not acceptable"}' });
    const refused = await index().provenance('trusted-pub', '1.0.0');
    assert.equal(refused.status, 'invalid');
    assert.match(refused.status === 'invalid' ? refused.detail : '', /did not accept our Accept header \(HTTP 406\)/);
    pypi.clearFaults();
    const html = value(await http.request({ url: `${pypi.url}/integrity/trusted-pub/1.0.0/trusted_pub-1.0.0.tar.gz/provenance`, headers: { accept: 'text/html' } }));
    assert.deepEqual([html.status, JSON.parse(html.body.toString('utf8'))], [406, { message: 'Request not acceptable' }]);
    const none = value(await http.request({ url: `${pypi.url}/integrity/no-prov/5.4/no-prov-5.4.tar.gz/provenance` }));
    assert.deepEqual([none.status, JSON.parse(none.body.toString('utf8'))], [404, { message: 'No provenance available for no-prov-5.4.tar.gz' }]);
  });

  it('reads PEP 792 status: archived, quarantined (JSON 404, no files), deprecated in the meta variant', async () => {
    assert.equal((await project('archived-proj')).status, 'archived');
    const quarantined = await project('quarantined-proj');
    assert.deepEqual([quarantined.status, quarantined.releases, quarantined.latest, quarantined.summary], ['quarantined', [], null, null]);
    assert.ok(isNotFound(await index().release('quarantined-proj', '0.0.1')));
    const deprecated = await project('deprecated-meta');
    assert.deepEqual([deprecated.status, deprecated.statusReason], ['deprecated', 'use new-thing instead']);
  });

  it('picks the newest final, non-yanked release as latest', async () => {
    const yanked = await project('yanked-latest');
    assert.deepEqual(yanked.releases.map((r) => [r.version, r.yanked, r.yankedReason]), [
      ['1.0', false, null],
      ['1.1', false, null],
      ['1.2', true, null],
      ['2.0', true, 'broken build: missing C extension'],
    ]);
    assert.equal(yanked.latest, '1.1');
    const only = await project('only-pre');
    assert.deepEqual(only.releases.map((r) => [r.version, r.uploadTime]), [['1.0a1', '2025-01-01T00:00:00.000000Z'], ['1.0b2', '2025-02-01T00:00:00.000000Z'], ['1.0rc1', '2025-03-01T00:00:00.000000Z'], ['2.0.dev3', null]]);
    assert.equal(only.latest, null);
    const legacy = await project('legacy-ver');
    assert.deepEqual([legacy.releases.map((r) => r.version), legacy.latest, legacy.license], [['0.7.10p1', '0.8'], '0.8', 'GPL']);
    assert.equal((await release('legacy-ver', '0.7.10p1')).files[0]?.filename, 'legacy-ver-0.7.10p1.tar.gz');
  });

  it('reads a yanked release with its reason', async () => {
    const info = await release('yanked-latest', '2.0');
    assert.deepEqual([info.yanked, info.yankedReason, info.files.map((f) => [f.filename, f.yanked])], [true, 'broken build: missing C extension', [['yanked_latest-2.0.tar.gz', true], ['yanked_latest-2.0-py3-none-any.whl', true]]]);
  });

  it('normalises names, follows the 301 of a non-normalised one, and matches canonical versions', async () => {
    const info = await project('Display_Name.Pkg');
    assert.deepEqual([info.name, info.displayName, info.latest], ['display-name-pkg', 'Display_Name.Pkg', '3.0.0']);
    const direct = value(await http.request({ url: `${pypi.url}/pypi/Display_Name.Pkg/json` }));
    assert.deepEqual([direct.status, direct.url], [200, `${pypi.url}/pypi/display-name-pkg/json`]);
    const simple = value(await http.request({ url: `${pypi.url}/simple/Display_Name.Pkg/`, headers: { accept: 'application/vnd.pypi.simple.v1+json' } }));
    assert.deepEqual([simple.status, simple.url], [200, `${pypi.url}/simple/display-name-pkg/`]);
    const canonical = await release('display-name-pkg', '3.0');
    assert.deepEqual([canonical.version, canonical.files.map((f) => f.filename)], ['3.0.0', ['Display_Name.Pkg-3.0.0.tar.gz', 'display_name_pkg-3.0.0-py3-none-any.whl']]);
  });

  it('reads requires_dist with extras and markers from the JSON API, or from the .metadata file without it', async () => {
    const expected = ['requests[socks]>=2.31', 'tomli>=1.1; python_version < "3.11"', 'pywin32>=306; sys_platform == "win32"', 'rich; extra == "cli"', 'pytest>=8; extra == "test"'];
    const viaJson = await release('demo-extras', '2.0.0');
    assert.deepEqual([viaJson.requiresDist, viaJson.requiresPython, viaJson.license], [expected, '>=3.9', 'Apache-2.0 OR MIT']);
    assert.equal(viaJson.files.find((f) => f.filename.endsWith('.whl'))?.metadataUrl, `${viaJson.files.find((f) => f.filename.endsWith('.whl'))?.url}.metadata`);
    assert.equal(pypi.count('file'), 0);
    const viaMetadata = await release('demo-extras', '2.0.0', { jsonUrl: null });
    assert.deepEqual([viaMetadata.requiresDist, viaMetadata.requiresPython, viaMetadata.license, viaMetadata.author], [expected, '>=3.9', 'Apache-2.0 OR MIT', '"A. Developer" <dev@example.org>']);
    assert.equal(pypi.count('file'), 1, 'one .metadata file, from the wheel');
    assert.equal(pypi.count('json-release'), 1, 'only the first call used the JSON API');
  });

  it('without a JSON API, builds the project from Simple and the latest release\'s metadata', async () => {
    const info = await project('no-prov', { jsonUrl: null });
    assert.deepEqual(info, {
      name: 'no-prov',
      displayName: 'no-prov',
      releases: [{ version: '5.4', uploadTime: '2019-03-03T03:03:03.333333Z', yanked: false, yankedReason: null, requiresPython: null, hasMetadataFile: true }],
      latest: '5.4',
      status: 'active',
      statusReason: null,
      summary: 'Uploaded with twine and an API token: no provenance at all',
      license: 'Apache Software License',
      projectUrls: { Homepage: 'https://no-prov.example.org' },
      author: null,
      maintainers: ['Dana Example'],
    });
    assert.deepEqual([pypi.count('json-project'), pypi.count('simple'), pypi.count('file')], [0, 1, 1]);
    const viaJson = await project('no-prov');
    assert.deepEqual({ ...viaJson, releases: viaJson.releases.map((r) => ({ ...r, requiresPython: null })) }, info, 'both ways agree');
  });

  it('says a package that is not on the index is not found: a finding, not a failure', async () => {
    const missing = await index().project('no-such-package');
    assert.ok(isNotFound(missing));
    assert.equal(missing.status === 'unavailable' ? missing.detail : '', `${new URL(pypi.url).host}: no-such-package is not on the index`);
    assert.ok(isNotFound(await index().release('trusted-pub', '9.9.9')));
    pypi.resetCounts();
    pypi.inject('simple', { kind: 'status', status: 503 });
    const down = await index().project('trusted-pub');
    assert.equal(down.status, 'unavailable');
    assert.equal(isNotFound(down), false, 'a failing index is not "not found"');
    assert.equal(pypi.count('simple'), 4);
  });

  it('revalidates with ETags: a stale entry costs a 304, not a body', async () => {
    const cache = new MemoryCache();
    const first = await project('trusted-pub', { cache });
    now += 2 * 3_600_000;
    pypi.resetCounts();
    const second = await project('trusted-pub', { cache });
    assert.deepEqual(second, first);
    assert.deepEqual(pypi.replies.sort(), ['json-project 304', 'simple 304']);
  });

  it('serves the cached project, marked stale, when the index is down', async () => {
    const cache = new MemoryCache();
    const first = await project('trusted-pub', { cache });
    now += 2 * 3_600_000;
    pypi.inject('*', { kind: 'reset' });
    const outcome = await index({ cache }).project('trusted-pub');
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    assert.deepEqual(outcome.value, first);
    assert.match(outcome.stale ?? '', /^pypi unavailable \(127\.0\.0\.1:\d+: connection reset \(after 4 attempts\)\); cached answer from 2 h ago/);
  });

  it('reports malformed JSON from the JSON API as invalid', async () => {
    pypi.inject('json-project', { kind: 'malformed' });
    const outcome = await index().project('trusted-pub');
    assert.equal(outcome.status, 'invalid');
    assert.match(outcome.status === 'invalid' ? outcome.detail : '', /malformed JSON/);
  });
});
