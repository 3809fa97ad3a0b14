import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tree } from '../../../src/cli/tree';
import { corpusPath, describeCorpus } from '../../helpers/corpus';
import { FakePypi } from '../../helpers/fakes/pypi';
import { RESOLVER_FIXTURES, resolverProjects } from '../../helpers/fakes/resolver-index';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await tree(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const fixture = (name: string): string => join(RESOLVER_FIXTURES, name);

describe('cli: beachcomber tree', () => {
  let pypi: FakePypi;
  let cacheDir: string;

  before(async () => {
    pypi = await new FakePypi({ projects: resolverProjects() }).start();
  });

  after(async () => {
    await pypi.close();
  });

  beforeEach(() => {
    pypi.resetCounts();
    pypi.clearFaults();
    cacheDir = mkdtempSync(join(tmpdir(), 'beachcomber-tree-'));
  });

  afterEach(() => {
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const index = (): string[] => ['--index-url', `${pypi.url}/simple/`, '--cache-dir', cacheDir];

  it('resolves a manifest without a lock file and prints the JSON shape', async () => {
    const result = await run([fixture('markers.txt'), '--python', '3.12', '--platform', 'windows', '--format', 'json', ...index()]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      origin: 'resolved',
      label: 'resolved for CPython 3.12 on windows',
      direct: [
        { name: 'tool', version: '1.0', group: null, active: true },
        { name: 'colorama', version: '0.4.6', group: null, active: true },
      ],
      nodes: [
        { name: 'colorama', version: '0.4.6', dependencies: [] },
        { name: 'tool', version: '1.0', dependencies: [{ name: 'colorama', version: '0.4.6', marker: 'sys_platform == "win32"', active: true }] },
      ],
      problems: [],
    });
  });

  it('prints an indented table, marking what was shown above and the extras that pulled packages in', async () => {
    const result = await run([fixture('extras.txt'), ...index()]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'resolved for CPython 3.13 on linux: 1 direct, 9 packages',
        'fastapi 0.110.0',
        '  starlette 0.36.3',
        '    anyio 4.3.0',
        '      idna 3.6',
        '      sniffio 1.3.1',
        '  pydantic 2.6.4',
        '    typing-extensions 4.10.0',
        '  email-validator 2.1.1  [extra:all]',
        '    idna 3.6',
        '  httpx 0.27.0  [extra:all]',
        '    anyio 4.3.0 (see above)',
        '    idna 3.6',
        '    sniffio 1.3.1',
        '',
      ].join('\n'),
    );
  });

  it('answers a second run from its disk cache without asking the index', async () => {
    await run([fixture('extras.txt'), ...index()]);
    assert.equal(pypi.count(), 18);
    pypi.resetCounts();
    const again = await run([fixture('extras.txt'), ...index()]);
    assert.equal(again.code, 0);
    assert.equal(pypi.count(), 0);
  });

  it('exits 1 with the conflict in words at the requirement lines', async () => {
    const result = await run([fixture('conflict.txt'), '--format', 'json', ...index()]);
    assert.equal(result.code, 1);
    const message = 'cannot resolve starlette: fastapi 0.110.0 needs starlette<0.37.0,>=0.36.3; you ask for starlette>=0.38';
    assert.deepEqual(JSON.parse(result.stdout).problems, [
      { file: fixture('conflict.txt'), line: 2, severity: 'error', message },
      { file: fixture('conflict.txt'), line: 3, severity: 'error', message },
    ]);
  });

  it('exits 2 and says so when the index does not answer', async () => {
    pypi.inject('simple', { kind: 'status', status: 503 });
    const result = await run([fixture('cycle.txt'), '--index-url', `${pypi.url}/simple/`, '--no-cache']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^beachcomber tree: the index did not answer \(1 question\(s\) to 127\.0\.0\.1:\d+ failed; first: cyc-a: unavailable: .*\); the graph is incomplete\n$/);
    assert.match(result.stdout, /^resolved for CPython 3\.13 on linux: 1 direct, 1 packages\ncyc-a \(version unknown\)\n/);
  });

  it('exits 2 and says why when the file cannot be read', async () => {
    for (const [file, said] of [[fixture('no-such-file.txt'), /^beachcomber tree: ENOENT/], [RESOLVER_FIXTURES, /^beachcomber tree: .* is a folder; name one manifest or lock file in it\n$/]] as const) {
      const result = await run([file]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, said);
    }
  });

  for (const args of [[], ['a.txt', 'b.txt'], [fixture('cycle.txt'), '--platform', 'solaris'], [fixture('cycle.txt'), '--format', 'xml'], [fixture('cycle.txt'), '--python', 'three'], [fixture('cycle.txt'), '--bogus']]) {
    it(`exits 2 on a usage error: ${args.map((a) => a.replace(RESOLVER_FIXTURES, '…')).join(' ') || '(no file)'}`, async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /usage: beachcomber tree <file>/);
      assert.equal(result.stdout, '');
      assert.equal(pypi.count(), 0);
    });
  }
});

describeCorpus('cli: beachcomber tree on a project with a lock file', () => {
  it('prints the locked graph and asks no index', async () => {
    const result = await run([corpusPath('spectree', 'pyproject.toml'), '--format', 'json', '--index-url', 'http://127.0.0.1:1/simple/', '--no-cache']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { origin: string; label: string; direct: { name: string; version: string; group: string }[]; nodes: unknown[]; problems: unknown[] };
    assert.deepEqual([json.origin, json.label, json.direct.length, json.nodes.length, json.problems], ['lock', 'locked in uv.lock', 18, 83, []]);
    assert.deepEqual(json.direct[0], { name: 'pydantic', version: '2.13.4', group: 'extra:pydantic', active: true });
  });

  it('prints the table of the locked graph', async () => {
    const result = await run([corpusPath('spectree', 'pyproject.toml')]);
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.split('\n').slice(0, 3), ['locked in uv.lock: 18 direct, 83 packages', 'pydantic 2.13.4  [extra:pydantic]', '  annotated-types 0.7.0']);
  });
});
