import { strict as assert } from 'node:assert';
import { MemoryCache } from '../../../../src/datasources/cached';
import { DepsDevClient } from '../../../../src/datasources/depsdev/client';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { isNotFound } from '../../../../src/datasources/outcome';
import { FakeDepsDev } from '../../../helpers/fakes/depsdev';

// aiohttp 3.12.15 follows the third-party recording quoted in risk-data-apis.md §3.2.
const versions = [
  {
    name: 'aiohttp',
    version: '3.12.15',
    licenses: ['Apache-2.0 AND MIT'],
    advisoryIds: ['GHSA-9548-qrrj-x5pj'],
    links: [{ label: 'SOURCE_REPO', url: 'https://github.com/aio-libs/aiohttp' }, { label: 'ISSUE_TRACKER', url: 'https://github.com/aio-libs/aiohttp/issues' }],
    attestations: [{ type: 'https://docs.pypi.org/attestations/publish/v1', verified: true, sourceRepository: 'https://github.com/aio-libs/aiohttp', commit: 'fbe830fe7d0cf45b476f4c986553c050bcecd669' }],
    relatedProjects: [{ id: 'github.com/aio-libs/aiohttp', relationProvenance: 'PYPI_PUBLISH_ATTESTATION', relationType: 'SOURCE_REPO' }],
    projectStatus: { status: 'active', reason: '' },
  },
  { name: 'idna', version: '3.10.0', licenses: ['BSD-3-Clause'], links: [{ label: 'SOURCE_REPO', url: 'https://github.com/kjd/idna.git' }] },
  { name: 'lonely', version: '1.0.0', licenses: [] },
  { name: 'archived-proj', version: '1.2.0', projectStatus: { status: 'archived', reason: '' }, relatedProjects: [{ id: 'github.com/example/archived-proj', relationProvenance: 'UNVERIFIED_METADATA', relationType: 'SOURCE_REPO' }] },
];
const projects = [
  {
    id: 'github.com/aio-libs/aiohttp',
    starsCount: 15800,
    openIssuesCount: 254,
    scorecard: {
      date: '2026-08-10T00:00:00Z',
      repository: { name: 'github.com/aio-libs/aiohttp', commit: 'f'.repeat(40) },
      scorecard: { version: 'v5.2.1', commit: 'a'.repeat(40) },
      checks: [
        { name: 'Maintained', documentation: { shortDescription: 'Determines if the project is "actively maintained".', url: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained' }, score: 10, reason: '30 commit(s) and 12 issue activity found in the last 90 days -- score normalized to 10', details: [] },
        { name: 'Signed-Releases', documentation: { shortDescription: '', url: '' }, score: -1, reason: 'no releases found', details: [] },
        { name: 'Code-Review', documentation: { shortDescription: '', url: '' }, score: 8, reason: 'Found 24/30 approved changesets -- score normalized to 8', details: [] },
      ],
      overallScore: 7.9,
      metadata: [],
    },
  },
  { id: 'github.com/example/archived-proj', starsCount: 3, openIssuesCount: 0 },
];

describe('datasources/depsdev against the fake deps.dev', () => {
  let depsdev: FakeDepsDev;
  let http: HttpClient;

  before(async () => {
    depsdev = await new FakeDepsDev(versions, projects).start();
  });

  after(async () => {
    await depsdev.close();
  });

  beforeEach(() => {
    depsdev.clearFaults();
    depsdev.resetCounts();
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  afterEach(async () => {
    await http.close();
  });

  const client = (cache: MemoryCache | null = null): DepsDevClient => new DepsDevClient({ http, baseUrl: depsdev.url, cache });

  it('joins GetVersion and GetProject, with the project id percent-encoded in one segment', async () => {
    const outcome = await client().version('AIOHTTP', '3.12.15');
    assert.deepEqual(outcome, {
      status: 'ok',
      value: {
        licenses: ['Apache-2.0 AND MIT'],
        sourceRepository: 'github.com/aio-libs/aiohttp',
        attestations: [{ type: 'https://docs.pypi.org/attestations/publish/v1', verified: true, sourceRepository: 'https://github.com/aio-libs/aiohttp' }],
        advisoryIds: ['GHSA-9548-qrrj-x5pj'],
        projectStatus: 'active',
        stars: 15800,
        openIssues: 254,
        scorecard: {
          repository: 'github.com/aio-libs/aiohttp',
          date: '2026-08-10T00:00:00.000Z',
          score: 7.9,
          checks: [
            { name: 'Maintained', score: 10, reason: '30 commit(s) and 12 issue activity found in the last 90 days -- score normalized to 10' },
            { name: 'Code-Review', score: 8, reason: 'Found 24/30 approved changesets -- score normalized to 8' },
          ],
        },
      },
    });
    assert.deepEqual(depsdev.log, ['GET /v3/systems/pypi/packages/aiohttp/versions/3.12.15', 'GET /v3/projects/github.com%2Faio-libs%2Faiohttp']);
  });

  it('matches canonicalised versions by PEP 440 equality (3.10 is 3.10.0), and reads the SOURCE_REPO link', async () => {
    const outcome = await client().version('idna', '3.10');
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    assert.deepEqual([outcome.value.licenses, outcome.value.sourceRepository, outcome.value.stars, outcome.value.scorecard], [['BSD-3-Clause'], 'github.com/kjd/idna', null, null]);
    assert.deepEqual(depsdev.replies, ['version 200', 'project 404']);
  });

  it('asks no project when there is no source repository, and reads the PEP 792 status', async () => {
    const lonely = await client().version('lonely', '1.0');
    assert.deepEqual(lonely.status === 'ok' ? [lonely.value.sourceRepository, lonely.value.licenses] : null, [null, []]);
    assert.equal(depsdev.count('project'), 0);
    const archived = await client().version('archived-proj', '1.2.0');
    assert.deepEqual(archived.status === 'ok' ? [archived.value.projectStatus, archived.value.stars, archived.value.scorecard] : null, ['archived', 3, null]);
  });

  it('says "not indexed" for an unknown package or version: a finding, not a failure', async () => {
    const unknown = await client().version('nope-not-real', '1.0');
    assert.ok(isNotFound(unknown));
    assert.equal(unknown.status === 'unavailable' ? unknown.detail : '', 'deps.dev: pypi nope-not-real 1.0 is not indexed');
    assert.ok(isNotFound(await client().version('aiohttp', '0.0.1')));
  });

  it('backs off on a 429 burst and then answers; a persistent one is rate-limited', async () => {
    depsdev.inject('version', { kind: 'status', status: 429 }, 2);
    assert.equal((await client().version('aiohttp', '3.12.15')).status, 'ok');
    assert.equal(depsdev.count('version'), 3);
    depsdev.inject('project', { kind: 'status', status: 429 });
    const limited = await client().version('aiohttp', '3.12.15');
    assert.equal(limited.status, 'rate-limited');
    assert.equal(depsdev.count('project'), 1 + 4);
  });

  it('caches answers for hours and serves them stale when deps.dev is down', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const cache = new MemoryCache();
    const cached = (): DepsDevClient => new DepsDevClient({ http, baseUrl: depsdev.url, cache, clock: { now: () => now } });
    const first = await cached().version('aiohttp', '3.12.15');
    now += 11 * 3_600_000;
    await cached().version('aiohttp', '3.12.15');
    assert.equal(depsdev.count(), 2, 'fresh for 12 hours');
    now += 2 * 3_600_000;
    depsdev.inject('*', { kind: 'status', status: 500 });
    const stale = await cached().version('aiohttp', '3.12.15');
    assert.equal(stale.status, 'ok');
    assert.deepEqual(stale.status === 'ok' ? stale.value : null, first.status === 'ok' ? first.value : undefined);
    assert.match(stale.status === 'ok' ? (stale.stale ?? '') : '', /^deps\.dev unavailable \(.*HTTP 500 after 4 attempts\); cached answer from 13 h ago$/);
  });
});
