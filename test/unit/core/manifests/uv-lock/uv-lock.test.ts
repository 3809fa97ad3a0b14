/**
 * uv.lock: hand-written fixtures for each part of the format and each bad input, then the
 * corpus's uv.lock files with real counts, known packages with their ranges, groups and timing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUvLock, uvLockFormat } from '../../../../../src/core/manifests/uv-lock';
import type { LockedPackage, ParsedFile } from '../../../../../src/core/model/dependency';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from '../pyproject/ranges';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures', 'uv-lock');

function read(path: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(path, 'utf8');
  const parsed = parseUvLock(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

const fixture = (name: string) => read(join(FIXTURES, name));

/** name@version → groups, in file order. */
function groupsOf(parsed: ParsedFile): [string, readonly string[]][] {
  return parsed.lock!.packages.map((p) => [`${p.name}@${p.version}`, p.groups]);
}

function pkg(parsed: ParsedFile, name: string, version?: string): LockedPackage {
  const found = parsed.lock!.packages.find((p) => p.name === name && (version === undefined || p.version === version));
  assert.ok(found, `${name} ${version ?? ''} not in the lock`);
  return found;
}

describe('uv.lock: a project', () => {
  const { text, parsed } = fixture('project.lock');

  it('reads every package with its version, source and name range', () => {
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.lock!.requiresPython, '>=3.10');
    assert.deepEqual(
      parsed.lock!.packages.map((p) => [p.line, p.name, p.version, p.source.type, onLine(p.nameRange)]),
      [
        [10, 'anyio', '4.4.0', 'registry', [9, 8, 13]],
        [23, 'demo', '0.1.0', 'path', [22, 8, 12]],
        [55, 'exceptiongroup', '1.2.2', 'registry', [54, 8, 22]],
        [63, 'h2', '4.1.0', 'registry', [62, 8, 10]],
        [71, 'httpx', '0.27.0', 'registry', [70, 8, 13]],
        [85, 'idna', '3.7', 'registry', [84, 8, 12]],
        [90, 'iniconfig', '2.0.0', 'registry', [89, 8, 17]],
        [95, 'mylib', '0.3.0', 'git', [94, 8, 13]],
        [100, 'numpy', '1.26.4', 'registry', [99, 8, 13]],
        [108, 'numpy', '2.0.0', 'registry', [107, 8, 13]],
        [116, 'orphan', '1.0', 'registry', [115, 8, 14]],
        [121, 'pytest', '8.2.2', 'registry', [120, 8, 14]],
        [129, 'wheelpkg', '1.0', 'url', [128, 8, 16]],
      ],
    );
    assert.equal(sliceRange(text, pkg(parsed, 'pytest').nameRange), 'Pytest');
  });

  it('reads sources: the project itself, git with its locked commit, a direct URL', () => {
    assert.deepEqual(pkg(parsed, 'demo').source, { type: 'path', path: '.', editable: true });
    assert.equal(pkg(parsed, 'demo').isProject, true);
    assert.deepEqual(pkg(parsed, 'mylib').source, { type: 'git', url: 'https://github.com/example/mylib.git', rev: '0123abcd0123abcd0123abcd0123abcd0123abcd' });
    assert.deepEqual(pkg(parsed, 'wheelpkg').source, { type: 'url', url: 'https://example.com/wheelpkg-1.0-py3-none-any.whl' });
    assert.deepEqual(parsed.lock!.packages.filter((p) => p.isProject).map((p) => p.name), ['demo']);
  });

  it('reads edges with markers, extras, the version a fork picks, and the group of optional and dev edges', () => {
    assert.deepEqual(pkg(parsed, 'demo').dependencies, [
      { name: 'anyio', version: null, extras: [], marker: null, group: null },
      { name: 'mylib', version: null, extras: [], marker: null, group: null },
      { name: 'numpy', version: '1.26.4', extras: [], marker: 'python_full_version < "3.12"', group: null },
      { name: 'numpy', version: '2.0.0', extras: [], marker: 'python_full_version >= "3.12"', group: null },
      { name: 'httpx', version: null, extras: ['http2'], marker: null, group: 'extra:http' },
      { name: 'wheelpkg', version: null, extras: [], marker: null, group: 'extra:http' },
      { name: 'pytest', version: null, extras: [], marker: null, group: 'group:test' },
    ]);
    assert.deepEqual(pkg(parsed, 'httpx').dependencies.map((e) => [e.name, e.group]), [['anyio', null], ['idna', null], ['h2', 'extra:http2']]);
  });

  it('gives each version of a forked package the environments its forks cover', () => {
    assert.deepEqual(parsed.lock!.packages.filter((p) => p.marker != null).map((p) => [p.name, p.version, p.marker]), [
      ['numpy', '1.26.4', 'python_full_version < "3.12"'],
      ['numpy', '2.0.0', 'python_full_version >= "3.12"'],
    ]);
    assert.deepEqual(parsed.dependencies.filter((d) => d.name === 'numpy').map((d) => d.marker), ['python_full_version < "3.12"', 'python_full_version >= "3.12"']);
  });

  it("walks each of the project's groups along the edges, following requested extras", () => {
    assert.deepEqual(groupsOf(parsed), [
      ['anyio@4.4.0', ['main', 'extra:http']],
      ['demo@0.1.0', ['main']],
      ['exceptiongroup@1.2.2', ['main', 'extra:http']],
      // Only httpx[http2] pulls h2 in: the extra of the edge is followed.
      ['h2@4.1.0', ['extra:http']],
      ['httpx@0.27.0', ['extra:http']],
      ['idna@3.7', ['main', 'extra:http']],
      ['iniconfig@2.0.0', ['group:test']],
      ['mylib@0.3.0', ['main']],
      ['numpy@1.26.4', ['main']],
      ['numpy@2.0.0', ['main']],
      ['orphan@1.0', []],
      ['pytest@8.2.2', ['group:test']],
      ['wheelpkg@1.0', ['extra:http']],
    ]);
    assert.deepEqual(parsed.lock!.roots.map((r) => [r.name, r.group]), [['anyio', null], ['mylib', null], ['numpy', null], ['numpy', null], ['httpx', 'extra:http'], ['wheelpkg', 'extra:http'], ['pytest', 'group:test']]);
  });

  it('gives one record per package: exact version, first group, hashes, skip reason by source', () => {
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.name, d.version, d.specifier, d.group, d.skipReason, d.hashes.length, d.editable]),
      [
        ['anyio', '4.4.0', '', null, null, 2, false],
        ['demo', '0.1.0', '', null, 'path', 0, true],
        ['exceptiongroup', '1.2.2', '', null, null, 1, false],
        ['h2', '4.1.0', '', 'extra:http', null, 1, false],
        ['httpx', '0.27.0', '', 'extra:http', null, 0, false],
        ['idna', '3.7', '', null, null, 0, false],
        ['iniconfig', '2.0.0', '', 'group:test', null, 0, false],
        ['mylib', '0.3.0', '', null, 'vcs', 0, false],
        ['numpy', '1.26.4', '', null, null, 0, false],
        ['numpy', '2.0.0', '', null, null, 0, false],
        ['orphan', '1.0', '', null, null, 0, false],
        ['pytest', '8.2.2', '', 'group:test', null, 0, false],
        ['wheelpkg', '1.0', '', 'extra:http', 'url', 1, false],
      ],
    );
    const anyio = parsed.dependencies[0]!;
    assert.deepEqual(anyio.hashes, ['sha256:5aadc6a1bbb7a4f0', 'sha256:c1b2d8f46a8a8127']);
    assert.equal(sliceRange(text, anyio.nameRange), 'anyio');
    assert.deepEqual(anyio.specifierRange, { start: anyio.nameRange.end, end: anyio.nameRange.end });
  });

  it('is read for files named uv.lock', () => {
    assert.equal(uvLockFormat.matches('/w/uv.lock'), true);
    assert.equal(uvLockFormat.matches('/w/poetry.lock'), false);
  });
});

describe('uv.lock: a workspace whose root is not a project', () => {
  const { parsed } = fixture('workspace.lock');

  it('marks the members as projects and walks them and the manifest groups', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.lock!.packages.map((p) => [p.name, p.isProject, p.source.type, p.groups]), [
      ['app', true, 'path', ['main']],
      ['lib', true, 'virtual', ['main']],
      ['requests', false, 'registry', ['main']],
      ['ruff', false, 'registry', ['group:dev']],
    ]);
    assert.deepEqual(parsed.lock!.roots.map((r) => [r.name, r.group]), [['app', null], ['lib', null], ['ruff', 'group:dev']]);
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.skipReason]), [['app', 'path'], ['lib', 'path'], ['requests', null], ['ruff', null]]);
  });
});

describe('uv.lock: bad input', () => {
  it('reports a version it does not understand at the version, and still reads the packages', () => {
    const { text, parsed } = fixture('wrong-version.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[1, 'Lock file version 99 is not understood; this reader understands version 1. What could be read is shown.']]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '99');
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version]), [['idna', '3.7']]);
  });

  it('reports invalid TOML at the line of the error', () => {
    const { parsed } = fixture('invalid.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[5, 'Invalid TOML: Unterminated string constant']]);
    assert.deepEqual(parsed.dependencies, []);
    assert.deepEqual(parsed.lock, { packages: [], roots: [], requiresPython: null });
  });

  it('reports a package without a name and reads the others', () => {
    const text = 'version = 1\n\n[[package]]\nversion = "1.0"\n\n[[package]]\nname = "idna"\nversion = "3.7"\n';
    const parsed = parseUvLock(text, 'uv.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[3, 'A [[package]] without a name is skipped']]);
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['idna']);
  });
});

describeCorpus('uv.lock: the corpus', () => {
  const COUNTS: [string, number, number][] = [
    // file, [[package]] entries, workspace projects
    ['airflow/uv.lock', 995, 140],
    ['pydantic-ai/uv.lock', 347, 6],
    ['comfy-cli/uv.lock', 74, 1],
    ['spectree/uv.lock', 83, 1],
    ['uv/scripts-benchmark/uv.lock', 77, 1],
  ];

  it('reads every file with zero problems and every package once', () => {
    for (const [file, packages, projects] of COUNTS) {
      const { text, parsed } = read(corpusPath(file));
      assert.deepEqual(parsed.problems, [], file);
      assert.equal((text.match(/^\[\[package\]\]$/gm) ?? []).length, packages, `${file}: [[package]] in the text`);
      assert.equal(parsed.lock!.packages.length, packages, file);
      assert.equal(parsed.dependencies.length, packages, file);
      assert.equal(parsed.lock!.packages.filter((p) => p.isProject).length, projects, file);
      for (const p of parsed.lock!.packages) assert.equal(normalize(sliceRange(text, p.nameRange)), p.name, `${file}: ${p.name}`);
    }
  });

  it('Airflow: known packages with their lines, ranges, sources and groups', () => {
    const { text, parsed } = read(corpusPath('airflow/uv.lock'));
    const requests = pkg(parsed, 'requests');
    assert.deepEqual([requests.line, onLine(requests.nameRange), requests.version, requests.source], [22898, [22897, 8, 16], '2.34.2', { type: 'registry', url: 'https://pypi.org/simple' }]);
    assert.equal(sliceRange(text, requests.nameRange), 'requests');
    const root = pkg(parsed, 'apache-airflow');
    assert.deepEqual([root.line, root.isProject, root.source, root.dependencies.length], [1036, true, { type: 'path', path: '.', editable: true }, 303]);
    const theme = pkg(parsed, 'sphinx-airflow-theme');
    assert.deepEqual([theme.source, theme.groups], [{ type: 'url', url: 'https://airflow.apache.org/sphinx-airflow-theme/sphinx_airflow_theme-0.3.14-py3-none-any.whl' }, ['group:ci-image', 'group:docs']]);
    assert.deepEqual(pkg(parsed, 'plyvel').groups, ['group:ci-image', 'group:leveldb']);
    assert.deepEqual(pkg(parsed, 'openai').groups, ['extra:all', 'extra:google', 'extra:microsoft-azure', 'extra:openai', 'group:ci-image', 'group:dev']);
    assert.equal(parsed.lock!.roots.length, 303);
    assert.equal(parsed.lock!.requiresPython, '>=3.10');
    assert.equal(parsed.dependencies.reduce((n, d) => n + d.hashes.length, 0), 8525);
  });

  it('Airflow: three versions of sphinx, each reached through edges that name it', () => {
    const { parsed } = read(corpusPath('airflow/uv.lock'));
    const sphinx = parsed.lock!.packages.filter((p) => p.name === 'sphinx');
    assert.equal(sphinx.length, 3);
    const pinned = parsed.lock!.packages.flatMap((p) => p.dependencies).filter((e) => e.name === 'sphinx' && e.version != null);
    assert.deepEqual([...new Set(pinned.map((e) => e.version))].sort(), sphinx.map((p) => p.version).sort());
    assert.equal(parsed.lock!.packages.filter((p) => p.marker != null).length, 43);
    const filelock = parsed.lock!.packages.filter((p) => p.name === 'filelock').map((p) => [p.version, p.marker]);
    assert.deepEqual(filelock[1], ['4.0.1', 'python_full_version >= "3.15" and sys_platform == "win32"']);
  });

  it('pydantic-ai: a git source keeps its commit', () => {
    const { parsed } = read(corpusPath('pydantic-ai/uv.lock'));
    const git = parsed.lock!.packages.filter((p) => p.source.type === 'git');
    assert.deepEqual(git.map((p) => [p.name, p.source]), [['strict-no-cover', { type: 'git', url: 'https://github.com/pydantic/strict-no-cover.git', rev: '7fc59da2c4dff919db2095a0f0e47101b657131d' }]]);
    assert.deepEqual(parsed.dependencies.find((d) => d.name === 'strict-no-cover')!.skipReason, 'vcs');
  });

  it('Airflow: reads the 3.3 MB lock well under a second', () => {
    const text = readFileSync(corpusPath('airflow/uv.lock'), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      parseUvLock(text, 'airflow/uv.lock');
      times.push(performance.now() - start);
    }
    console.log(`      Airflow uv.lock (${(text.length / 1e6).toFixed(1)} MB, 995 packages): ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
    assert.ok(Math.min(...times) < 500, `${Math.min(...times)} ms`);
  });
});

function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
