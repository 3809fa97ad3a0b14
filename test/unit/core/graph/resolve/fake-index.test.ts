import { strict as assert } from 'node:assert';
import { basename } from 'node:path';
import { reachability } from '../../../../../src/core/graph/graph';
import { resolve, wantsPrereleases, type ResolveOptions, type ResolveResult } from '../../../../../src/core/graph/resolve';
import { readManifest } from '../../../../../src/core/manifests/registry';
import { MemoryCache } from '../../../../../src/datasources/cached';
import { createHttpClient, type HttpClient } from '../../../../../src/datasources/http';
import { PypiIndex, type PypiIndexOptions } from '../../../../../src/datasources/pypi';
import { diskFileSource } from '../../../../../src/node/file-source';
import { FakePypi } from '../../../../helpers/fakes/pypi';
import { RESOLVER_FIXTURES, resolverProjects } from '../../../../helpers/fakes/resolver-index';

interface Case {
  readonly title: string;
  readonly file: string;
  readonly options?: ResolveOptions;
  /** Every node of the graph: name → version. */
  readonly nodes: Readonly<Record<string, string | null>>;
  /** Problems as `file:line severity message`. */
  readonly problems?: readonly string[];
}

const FASTAPI_ALL = { fastapi: '0.110.0', starlette: '0.36.3', pydantic: '2.6.4', 'typing-extensions': '4.10.0', anyio: '4.3.0', idna: '3.6', sniffio: '1.3.1', 'email-validator': '2.1.1', httpx: '0.27.0' };
const STARLETTE_CONFLICT = 'cannot resolve starlette: fastapi 0.110.0 needs starlette<0.37.0,>=0.36.3';

const CASES: readonly Case[] = [
  { title: 'extras pull in their optional dependencies', file: 'extras.txt', nodes: FASTAPI_ALL },
  { title: 'a marker on the Python version adds a dependency on 3.10', file: 'extras.txt', options: { python: '3.10' }, nodes: { ...FASTAPI_ALL, exceptiongroup: '1.2.0' } },
  { title: 'markers switch dependencies by Python and platform (3.10 on linux)', file: 'markers.txt', options: { python: '3.10', platform: 'linux' }, nodes: { tool: '1.0', tomli: '2.0.1', uvloop: '0.19.0' } },
  { title: 'markers switch dependencies by Python and platform (3.12 on windows)', file: 'markers.txt', options: { python: '3.12', platform: 'windows' }, nodes: { tool: '1.0', colorama: '0.4.6' } },
  { title: 'markers switch dependencies by Python and platform (3.13 on macos)', file: 'markers.txt', options: { python: '3.13', platform: 'macos' }, nodes: { tool: '1.0', uvloop: '0.19.0' } },
  { title: 'a conflict is solved by backtracking to an older release', file: 'backtrack.txt', nodes: { alpha: '1.0', beta: '2.1', gamma: '1.0' } },
  { title: 'a cycle resolves', file: 'cycle.txt', nodes: { 'cyc-a': '1.0', 'cyc-b': '1.0' } },
  { title: 'a yanked release is skipped', file: 'yanked.txt', nodes: { yank: '1.0' } },
  { title: 'a yanked release pinned with == is chosen (PEP 592)', file: 'yanked-pinned.txt', nodes: { yank: '2.0' } },
  { title: 'Requires-Python excludes the newer release on 3.10', file: 'python.txt', options: { python: '3.10' }, nodes: { newpy: '1.0' } },
  { title: 'Requires-Python admits the newer release on 3.13', file: 'python.txt', nodes: { newpy: '2.0' } },
  { title: 'pre-releases only when nothing else exists', file: 'pre.txt', nodes: { prerel: '1.0', onlypre: '0.1a1' } },
  { title: 'pre-releases when asked by the option', file: 'pre.txt', options: { prereleases: true }, nodes: { prerel: '2.0b1', onlypre: '0.1a1' } },
  { title: 'pre-releases when a specifier names one', file: 'pre-named.txt', nodes: { prerel: '2.0b1' } },
  { title: 'pre-releases when the requirements file says --pre', file: 'pre-flag.txt', nodes: { prerel: '2.0b1' } },
  { title: "Poetry's ^ and ~ constraints, translated to PEP 440", file: 'poetry-project/pyproject.toml', nodes: { starlette: '0.36.3', anyio: '4.3.0', idna: '3.6', sniffio: '1.3.1', beta: '1.5' } },
  { title: 'a constraints file narrows and never adds', file: 'with-constraints.txt', nodes: { fastapi: '0.110.0', starlette: '0.36.3', pydantic: '2.6.4', 'typing-extensions': '4.10.0', anyio: '4.2.0', idna: '3.6', sniffio: '1.3.1' } },
  { title: 'uv constraint-dependencies narrow and override-dependencies replace', file: 'uv-project/pyproject.toml', nodes: { alpha: '2.0', beta: '1.5', gamma: '1.0', starlette: '0.38.0', anyio: '4.2.0', idna: '3.6', sniffio: '1.3.1' } },
  {
    title: 'an unsatisfiable set is reported in words at both lines',
    file: 'conflict.txt',
    nodes: {},
    problems: [`conflict.txt:2 error ${STARLETTE_CONFLICT}; you ask for starlette>=0.38`, `conflict.txt:3 error ${STARLETTE_CONFLICT}; you ask for starlette>=0.38`],
  },
  {
    title: 'a conflict with a constraints file names the constraint',
    file: 'conflict-constraint.txt',
    nodes: {},
    problems: [`conflict-constraint.txt:1 error ${STARLETTE_CONFLICT}; your constraints say starlette>=0.38`, `constraints-starlette.txt:1 error ${STARLETTE_CONFLICT}; your constraints say starlette>=0.38`],
  },
  { title: 'a package the index does not have', file: 'missing.txt', nodes: {}, problems: ['missing.txt:1 error cannot resolve nosuch-package: you ask for nosuch-package>=1; nosuch-package is not on the index'] },
  {
    title: 'a requirement on a URL inside metadata is reported, never fetched',
    file: 'url-dependency.txt',
    nodes: { urldep: '1.0' },
    problems: ["url-dependency.txt:1 warning urldep 1.0 needs 'private-thing @ https://example.invalid/private_thing-1.0-py3-none-any.whl', which is not followed: it names a URL, which is never fetched"],
  },
  { title: 'an sdist-only release reads its requirements from the JSON API', file: 'sdist-only.txt', nodes: { oldsdist: '0.9', idna: '3.6' } },
];

describe('core/graph/resolve against the fake index (Simple API with .metadata files, JSON API)', () => {
  let pypi: FakePypi;
  let http: HttpClient;

  before(async () => {
    pypi = await new FakePypi({ projects: resolverProjects() }).start();
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  after(async () => {
    await http.close();
    await pypi.close();
  });

  beforeEach(() => {
    pypi.resetCounts();
    pypi.clearFaults();
  });

  function index(options: Partial<PypiIndexOptions> = {}): PypiIndex {
    return new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/`, cache: new MemoryCache(), metadataFirst: true, ...options });
  }

  async function run(file: string, options: ResolveOptions = {}, indexOptions: Partial<PypiIndexOptions> = {}): Promise<ResolveResult> {
    const files = await readManifest(`${RESOLVER_FIXTURES}/${file}`, diskFileSource);
    return resolve(files.flatMap((f) => f.dependencies), { index: index(indexOptions) }, { prereleases: wantsPrereleases(files), ...options });
  }

  function nodesOf(result: ResolveResult): Record<string, string | null> {
    return Object.fromEntries([...result.graph.nodes.values()].map((n) => [n.name, n.version]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  }

  function problemsOf(result: ResolveResult): string[] {
    return result.problems.map((p) => `${basename(p.file)}:${p.line} ${p.severity} ${p.message}`);
  }

  /** One check for every case: the exact node set, the exact problems, and each (package, version) asked once. */
  async function check(c: Case): Promise<void> {
    const result = await run(c.file, c.options);
    const expected = Object.fromEntries(Object.entries(c.nodes).sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(nodesOf(result), expected);
    assert.deepEqual(problemsOf(result), c.problems ?? []);
    assert.equal(result.graph.origin, 'resolved');
    const metadata = pypi.log.filter((line) => line.endsWith('.metadata'));
    assert.equal(new Set(metadata).size, metadata.length, 'a .metadata file was fetched twice');
    assert.equal(pypi.count('file') + pypi.count('json-release'), result.stats.metadataRequests);
    assert.equal(pypi.count('simple'), result.stats.projectRequests);
    assert.equal(pypi.count('json-project'), 0);
  }

  for (const c of CASES) it(c.title, () => check(c));

  it('labels the graph with the target and records where the packages come from', async () => {
    const result = await run('extras.txt', { python: '3.12', platform: 'windows' });
    assert.equal(result.graph.label, 'resolved for CPython 3.12 on windows');
    const fastapi = result.graph.nodes.get('fastapi@0.110.0')!;
    assert.deepEqual(fastapi.source, { type: 'registry', url: null });
    assert.deepEqual(
      fastapi.children.map((e) => [e.to, e.group, e.active]),
      [['starlette@0.36.3', null, true], ['pydantic@2.6.4', null, true], ['email-validator@2.1.1', 'extra:all', true], ['httpx@0.27.0', 'extra:all', true]],
    );
  });

  it('keeps a direct dependency whose marker is false as inactive, unresolved', async () => {
    const result = await run('markers.txt', { python: '3.13', platform: 'linux' });
    assert.deepEqual(result.graph.direct.map((d) => [d.name, d.node, d.active, d.record?.line]), [['tool', 'tool@1.0', true, 1], ['colorama', null, false, 2]]);
  });

  it('keeps an inactive edge to a package that is in the graph anyway', async () => {
    const result = await run('markers.txt', { python: '3.12', platform: 'windows' });
    assert.deepEqual(result.graph.nodes.get('tool@1.0')!.children.map((e) => [e.to, e.active]), [['colorama@0.4.6', true]]);
  });

  it('gives every node its introduced-through paths, cycles included', async () => {
    const cycle = reachability((await run('cycle.txt')).graph);
    assert.deepEqual(cycle.get('cyc-b@1.0'), { depth: 1, paths: [['cyc-a', 'cyc-b']], through: ['cyc-a'], groups: ['main'] });
    const extras = reachability((await run('extras.txt')).graph);
    assert.deepEqual(extras.get('sniffio@1.3.1'), { depth: 2, paths: [['fastapi', 'httpx', 'sniffio']], through: ['fastapi'], groups: ['main'] });
  });

  it('asks the index in one wave per depth level', async () => {
    const result = await run('extras.txt');
    const depths = [...reachability(result.graph).values()].map((r) => r.depth);
    assert.equal(result.stats.waves, Math.max(...depths) + 1);
    assert.deepEqual(result.stats, { rounds: 11, backtracks: 0, metadataRequests: 9, projectRequests: 9, waves: 3 });
  });

  it('counts the backtracking and asks each release once while doing it', async () => {
    const result = await run('backtrack.txt');
    assert.deepEqual(result.stats, { rounds: 6, backtracks: 1, metadataRequests: 4, projectRequests: 3, waves: 3 });
    assert.deepEqual(pypi.log.filter((l) => l.endsWith('.metadata')).map((l) => l.split('/').pop()).sort(), [
      'alpha-1.0-py3-none-any.whl.metadata',
      'alpha-2.0-py3-none-any.whl.metadata',
      'beta-2.1-py3-none-any.whl.metadata',
      'gamma-1.0-py3-none-any.whl.metadata',
    ]);
  });

  it('reads the .metadata file first and the JSON API only for a release without one', async () => {
    await run('sdist-only.txt');
    assert.deepEqual([pypi.count('file'), pypi.count('json-release')], [1, 1]);
    assert.ok(pypi.log.includes('GET /pypi/oldsdist/0.9/json'));
  });

  it('says "dependencies unknown" for an sdist-only release on an index without the JSON API', async () => {
    const result = await run('sdist-only.txt', {}, { jsonUrl: null });
    assert.deepEqual(nodesOf(result), { oldsdist: '0.9' });
    assert.deepEqual(problemsOf(result), [
      'sdist-only.txt:1 warning oldsdist 0.9: dependencies unknown (no wheel metadata (PEP 658) and no requires_dist from the JSON API); nothing is built or run to find them, so what it needs is missing from this graph',
    ]);
  });

  it('reports an index that does not answer as a failure, never as a clean graph', async () => {
    pypi.inject('simple', { kind: 'status', status: 503 });
    const result = await run('cycle.txt');
    assert.deepEqual(nodesOf(result), { 'cyc-a': null });
    assert.equal(result.failures.length, 1);
    assert.match(result.failures[0]!, /^cyc-a: unavailable: /);
    assert.deepEqual(problemsOf(result).map((p) => p.replace(/ \(unavailable: .*\)/, '')), ['cycle.txt:1 warning the index did not answer for cyc-a; its version and dependencies are unknown']);
  });

  it('gives up after its bound of rounds and says so at the line it was working on', async () => {
    const result = await run('extras.txt', { maxRounds: 3 });
    assert.equal(result.graph.nodes.size, 0);
    assert.deepEqual(problemsOf(result), ['extras.txt:1 error resolution too complex: no answer after 3 rounds and 0 backtracks; pin some versions to narrow the search']);
  });
});
