/**
 * `beachcomber scan` end to end: the real CLI process against real fake servers on 127.0.0.1 fed
 * from the corpus, and against the offline database; answers checked against the golden file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath, describeCorpus } from '../../helpers/corpus';
import { runCli } from '../../helpers/cli';
import { FakeOsv, pypaRecords } from '../../helpers/fakes/osv';
import { recordAffects } from '../../helpers/fakes/osv-evaluator';
import { FakePypi } from '../../helpers/fakes/pypi';
import { fixtureProjects, lockProjects } from '../../helpers/fakes/pypi-data';

interface ScanJson {
  packages: { name: string; version: string; direct: boolean; active: boolean; groups: string[]; level: string; advisories: { id: string; aliases: string[]; severity: string; summary: string; fixed: string[] }[]; signals: { kind: string; level: string; source: string }[]; paths: string[][] }[];
  sources: { name: string; status: string; detail: string }[];
}

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'scan', 'vulnerable');

function golden(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(corpusPath('golden/osv-affected-pypa.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as { name: string; version: string; ids: string[] };
    out.set(`${row.name}@${row.version}`, row.ids);
  }
  return out;
}

/** Each package's advisories against the golden answer, where the golden file has one. */
function checkAgainstGolden(scan: ScanJson, answers: Map<string, string[]>): number {
  let compared = 0;
  for (const p of scan.packages) {
    const ids = answers.get(`${p.name}@${p.version}`);
    if (!ids) continue;
    compared++;
    const shown = new Set(p.advisories.flatMap((a) => [a.id, ...a.aliases]));
    for (const id of ids) assert.ok(shown.has(id), `${p.name} ${p.version}: golden ${id} missing from ${[...shown].join(', ')}`);
    for (const a of p.advisories) assert.ok(ids.includes(a.id), `${p.name} ${p.version}: ${a.id} is not in the golden answer ${ids.join(', ')}`);
  }
  return compared;
}

/**
 * Every package against the fake OSV server's own matcher (a separate implementation, on a
 * different PEP 440 library): the records it finds must be exactly those shown, as advisory ids
 * or as aliases of a record shown in their place. Returns how many packages have advisories.
 */
function checkAgainstIndependentMatcher(scan: ScanJson): number {
  const records = pypaRecords();
  let affected = 0;
  for (const p of scan.packages) {
    const expected = records.filter((r) => recordAffects(r, p.name, p.version)).map((r) => r.id);
    const shown = new Set(p.advisories.flatMap((a) => [a.id, ...a.aliases]));
    for (const id of expected) assert.ok(shown.has(id), `${p.name} ${p.version}: ${id} missing`);
    for (const a of p.advisories) assert.ok(expected.includes(a.id), `${p.name} ${p.version}: ${a.id} shown but the independent matcher disagrees`);
    if (expected.length > 0) affected++;
  }
  return affected;
}

describeCorpus('beachcomber scan against fake OSV and PyPI servers', function () {
  this.timeout(60_000);
  let osv: FakeOsv;
  let pypi: FakePypi;
  let cache: string;
  before(async () => {
    osv = await new FakeOsv().start();
    pypi = await new FakePypi({ projects: [...fixtureProjects(), ...lockProjects(['pydantic-ai', 'uv.lock'])] }).start();
    cache = mkdtempSync(join(tmpdir(), 'bc-scan-'));
  });
  after(async () => {
    await osv.close();
    await pypi.close();
    rmSync(cache, { recursive: true, force: true });
  });
  beforeEach(() => {
    osv.clearFaults();
    osv.resetCounts();
    pypi.resetCounts();
  });
  const sources = () => ['--osv-url', osv.url, '--pypi-url', pypi.url, '--no-deps-dev', '--no-scorecard', '--cache-dir', cache, '--format', 'json'];

  it("pydantic-ai's uv.lock: exact advisories, one querybatch, health from the index, warm re-scan asks OSV nothing", async () => {
    const first = await runCli(['scan', corpusPath('pydantic-ai'), ...sources(), '--fail-on', 'critical']);
    assert.equal(first.stderr, '');
    const scan = JSON.parse(first.stdout) as ScanJson;
    assert.equal(scan.packages.length, 340, 'every locked index package: 347 minus the 7 workspace members');
    assert.deepEqual(scan.sources.map((s) => [s.name, s.status]), [['osv', 'ok'], ['pypi', 'ok'], ['deps.dev', 'off'], ['scorecard', 'off']]);
    assert.equal(osv.count('querybatch'), 1);
    assert.ok(checkAgainstGolden(scan, golden()) > 0);
    checkAgainstIndependentMatcher(scan);
    const rich = scan.packages.find((p) => p.name === 'mdurl')!;
    assert.deepEqual(rich.paths[0]!.slice(-3), ['rich', 'markdown-it-py', 'mdurl']);
    assert.equal(first.code, 0, 'nothing critical');

    osv.resetCounts();
    const warm = await runCli(['scan', corpusPath('pydantic-ai'), ...sources(), '--fail-on', 'critical']);
    assert.equal(osv.count(), 0, 'answers come from the cache');
    assert.deepEqual((JSON.parse(warm.stdout) as ScanJson).packages, scan.packages);
  });

  it('OSV down: every package unknown, never clean, the source named, exit 2', async () => {
    osv.inject('*', { kind: 'status', status: 503 });
    const result = await runCli(['scan', FIXTURE, ...sources().filter((a) => a !== cache && a !== '--cache-dir'), '--no-cache', '--no-health']);
    const scan = JSON.parse(result.stdout) as ScanJson;
    assert.equal(result.code, 2);
    assert.deepEqual(scan.packages.map((p) => [p.name, p.level]), [['jinja2', 'unknown'], ['six', 'unknown'], ['urllib3', 'unknown']]);
    const source = scan.sources.find((s) => s.name === 'osv')!;
    assert.equal(source.status, 'unavailable');
    assert.match(source.detail, /503/);
    assert.equal(osv.count('querybatch'), 4, 'retries are bounded: one request and three retries');
  });

  it('--fail-on decides exit 1; a level below it exits 0', async () => {
    const base = ['scan', FIXTURE, '--osv-url', osv.url, '--no-health', '--no-cache', '--format', 'json'];
    const failing = await runCli([...base, '--fail-on', 'medium']);
    assert.equal(failing.code, 1);
    const scan = JSON.parse(failing.stdout) as ScanJson;
    assert.deepEqual(scan.packages.map((p) => p.name), ['jinja2', 'six', 'urllib3'], 'the unpinned requirement is not a package version');
    assert.equal(checkAgainstIndependentMatcher(scan), 2, 'jinja2 2.10 and urllib3 1.26.11 have advisories, six 1.16.0 none');
    const jinja = scan.packages.find((p) => p.name === 'jinja2')!;
    assert.ok(jinja.advisories.length > 0 && jinja.advisories.every((a) => a.fixed.length > 0));
    const passing = await runCli([...base, '--fail-on', 'critical']);
    assert.equal(passing.code, 0);
  });

  it('a manifest without a lock that pins nothing is resolved from index metadata, and its transitive packages assessed', async () => {
    const result = await runCli(['scan', join(__dirname, '..', '..', 'fixtures', 'scan', 'unpinned'), ...sources(), '--no-provenance', '--fail-on', 'critical']);
    const scan = JSON.parse(result.stdout) as ScanJson & { projects: { path: string; graph: string }[]; problems: string[] };
    assert.deepEqual(scan.problems, []);
    assert.equal(scan.projects[0]!.graph, 'resolved for CPython 3.13 on linux');
    const mdurl = scan.packages.find((p) => p.name === 'mdurl')!;
    assert.deepEqual(mdurl.paths[0], ['rich', 'markdown-it-py', 'mdurl']);
    assert.equal(mdurl.direct, false);
    assert.ok(scan.packages.every((p) => p.level !== 'unknown'), 'every resolved package was answered');
    const without = JSON.parse((await runCli(['scan', join(__dirname, '..', '..', 'fixtures', 'scan', 'unpinned'), ...sources(), '--no-resolve'])).stdout) as ScanJson & { projects: { graph: string }[] };
    assert.equal(without.projects[0]!.graph, 'as written (no lock file)');
    assert.equal(without.packages.length, 0, 'without resolution nothing has a version to assess');
  });

  it('usage errors exit 2', async () => {
    assert.equal((await runCli(['scan'])).code, 2);
    assert.equal((await runCli(['scan', FIXTURE, '--fail-on', 'severe'])).code, 2);
  });
});

describeCorpus('beachcomber scan on real pinned sets, offline, against the golden answers', function () {
  this.timeout(60_000);
  const offline = ['--offline-db', corpusPath('osv/pypa-advisories.jsonl'), '--no-network', '--format', 'json', '--fail-on', 'critical'];
  for (const [label, path, packages] of [
    ['home-assistant requirements_all.txt (with its includes)', 'home-assistant/requirements_all.txt', 770],
    ['Airflow 2.3.4 constraints', 'airflow/uv-test-requirements/airflow2-constraints.txt', 299],
    ["pydantic-ai's uv.lock", 'pydantic-ai', 340],
  ] as const) {
    it(label, async () => {
      const result = await runCli(['scan', corpusPath(path), ...offline]);
      const scan = JSON.parse(result.stdout) as ScanJson;
      assert.equal(scan.packages.length, packages);
      assert.deepEqual(scan.sources.map((s) => [s.name, s.status]), [['offline-db', 'ok'], ['pypi', 'off'], ['deps.dev', 'off'], ['scorecard', 'off']]);
      const compared = checkAgainstGolden(scan, golden());
      const affected = checkAgainstIndependentMatcher(scan);
      console.log(`      ${label}: ${scan.packages.length} packages, ${affected} with advisories (all checked against the fake's independent matcher), ${compared} also in the golden file`);
    });
  }
});
