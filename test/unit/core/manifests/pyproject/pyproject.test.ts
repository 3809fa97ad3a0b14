/**
 * pyproject.toml on hand-written fixtures, one per table that declares dependencies and one per
 * kind of bad input. Each expected record names its exact ranges, and the text at each range is
 * checked against the file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandGroup, parsePyproject, pyprojectFormat } from '../../../../../src/core/manifests/pyproject';
import { parseToml } from '../../../../../src/core/toml';
import type { Dependency, ParsedFile, PackageSource, SkipReason } from '../../../../../src/core/model/dependency';
import { assertAllInside, onLine, sliceRange } from './ranges';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'fixtures', 'pyproject');

function read(name: string): { text: string; parsed: ParsedFile } {
  const path = join(FIXTURES, name);
  const text = readFileSync(path, 'utf8');
  const parsed = parsePyproject(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

interface Expected {
  readonly name: string;
  readonly line: number;
  readonly group: string | null;
  readonly specifier: string;
  /** [line, start, end] of the name and the specifier (0-based). */
  readonly nameAt: [number, number, number];
  readonly specifierAt: [number, number, number];
  /** What the file says at the specifier range (escapes and spaces as written). */
  readonly specifierText?: string;
  readonly skipReason: SkipReason | null;
  readonly marker?: string | null;
  readonly extras?: readonly string[];
  readonly url?: string | null;
  readonly editable?: boolean;
  readonly constraint?: boolean;
  readonly source?: PackageSource | null;
}

/** One record, field by field, with the text under its ranges. */
function checkRecord(text: string, d: Dependency, e: Expected): void {
  const what = `${e.name} (${e.group})`;
  assert.equal(d.line, e.line, `${what}: line`);
  assert.equal(d.specifier, e.specifier, `${what}: specifier`);
  assert.deepEqual(onLine(d.nameRange), e.nameAt, `${what}: nameRange`);
  assert.deepEqual(onLine(d.specifierRange), e.specifierAt, `${what}: specifierRange`);
  assert.equal(sliceRange(text, d.nameRange), d.rawName, `${what}: text at nameRange`);
  assert.equal(sliceRange(text, d.specifierRange), e.specifierText ?? e.specifier, `${what}: text at specifierRange`);
  assert.equal(d.skipReason, e.skipReason, `${what}: skipReason`);
  if (e.marker !== undefined) assert.equal(d.marker, e.marker, `${what}: marker`);
  if (e.extras !== undefined) assert.deepEqual(d.extras, e.extras, `${what}: extras`);
  if (e.url !== undefined) assert.equal(d.url, e.url, `${what}: url`);
  if (e.editable !== undefined) assert.equal(d.editable, e.editable, `${what}: editable`);
  if (e.constraint !== undefined) assert.equal(d.constraint, e.constraint, `${what}: constraint`);
  if (e.source !== undefined) assert.deepEqual(d.source, e.source, `${what}: source`);
}

function checkRecords(fixture: string, expected: readonly Expected[]): void {
  const { text, parsed } = read(fixture);
  assert.deepEqual(
    parsed.dependencies.map((d) => `${d.name}:${d.group}`),
    expected.map((e) => `${e.name}:${e.group}`),
    'records in file order',
  );
  for (const [i, d] of parsed.dependencies.entries()) checkRecord(text, d, expected[i]!);
}

function problemsOf(fixture: string): [number, string][] {
  return read(fixture).parsed.problems.map((p) => [p.line, p.message]);
}

describe('pyproject.toml: PEP 621 [project] and [build-system]', () => {
  it('reads every requirement with its group and exact ranges, escapes and multi-line strings included', () => {
    checkRecords('pep621.toml', [
      { name: 'hatchling', line: 2, group: 'build-system', specifier: '>=1.24', nameAt: [1, 13, 22], specifierAt: [1, 22, 28], skipReason: 'unpinned' },
      { name: 'hatch-vcs', line: 2, group: 'build-system', specifier: '', nameAt: [1, 32, 41], specifierAt: [1, 41, 41], skipReason: 'unpinned' },
      { name: 'requests', line: 9, group: null, specifier: '>=2.31,<3', nameAt: [8, 5, 13], specifierAt: [8, 13, 22], skipReason: 'unpinned' },
      { name: 'flask', line: 10, group: null, specifier: '==3.0.2', specifierText: '== 3.0.2', nameAt: [9, 5, 10], specifierAt: [9, 18, 26], skipReason: null, extras: ['async'] },
      { name: 'tomli', line: 11, group: null, specifier: '>=1.1.0', nameAt: [10, 5, 10], specifierAt: [10, 10, 17], skipReason: 'unpinned', marker: 'python_version < "3.11"' },
      { name: 'urllib3', line: 12, group: null, specifier: '>=1.26', specifierText: '(>=1.26)', nameAt: [11, 5, 12], specifierAt: [11, 13, 21], skipReason: 'unpinned', marker: 'sys_platform == "win32"' },
      {
        name: 'pkg', line: 13, group: null, specifier: '', nameAt: [12, 5, 8], specifierAt: [12, 8, 8], skipReason: 'vcs',
        url: 'git+https://github.com/example/pkg.git@v1.2', source: { type: 'git', url: 'https://github.com/example/pkg.git', rev: 'v1.2' },
      },
      // "six\u003E=1.16": the specifier starts at the escape, 11 characters of text for 6 of value.
      { name: 'six', line: 14, group: null, specifier: '>=1.16', specifierText: '\\u003E=1.16', nameAt: [13, 5, 8], specifierAt: [13, 8, 19], skipReason: 'unpinned' },
      { name: 'zope-interface', line: 15, group: null, specifier: '==6.0', nameAt: [14, 5, 19], specifierAt: [14, 19, 24], skipReason: null, marker: 'extra == "x"' },
      { name: 'attrs', line: 15, group: null, specifier: '', nameAt: [14, 45, 50], specifierAt: [14, 50, 50], skipReason: 'unpinned' },
      { name: 'pysocks', line: 19, group: 'extra:socks', specifier: '>=1.5.6,!=1.5.7', specifierText: '>=1.5.6, !=1.5.7', nameAt: [18, 10, 17], specifierAt: [18, 17, 33], skipReason: 'unpinned' },
      // A multi-line basic string: the newline after the opening quotes is not part of the value.
      { name: 'black', line: 22, group: 'extra:dev-tools', specifier: '>=24', nameAt: [21, 0, 5], specifierAt: [21, 5, 9], skipReason: 'unpinned' },
      {
        name: 'local-thing', line: 23, group: 'extra:dev-tools', specifier: '', nameAt: [22, 3, 14], specifierAt: [22, 14, 14], skipReason: 'path',
        source: { type: 'path', path: '/opt/src/local-thing', editable: false },
      },
    ]);
  });

  it('ends the requirement range after the marker, past escaped quotes', () => {
    const { text, parsed } = read('pep621.toml');
    const zope = parsed.dependencies.find((d) => d.name === 'zope-interface')!;
    assert.equal(sliceRange(text, zope.requirementRange), 'zope.interface==6.0 ; extra == \\"x\\"');
  });

  it('names the project and reports no problems', () => {
    const { parsed } = read('pep621.toml');
    assert.equal(parsed.projectName, 'demo-app');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.kind, 'pyproject');
  });

  it('reads only files named pyproject.toml', () => {
    assert.equal(pyprojectFormat.matches('/repo/pyproject.toml'), true);
    assert.equal(pyprojectFormat.matches('/repo/sub/pyproject.toml'), true);
    assert.equal(pyprojectFormat.matches('/repo/pyproject.toml.bak'), false);
    assert.equal(pyprojectFormat.matches('/repo/Pyproject.toml'), false);
  });
});

describe('pyproject.toml: PEP 735 [dependency-groups]', () => {
  it('keeps each record under its own group, names normalised', () => {
    checkRecords('pep735.toml', [
      { name: 'pytest', line: 6, group: 'group:test', specifier: '>=8', nameAt: [5, 9, 15], specifierAt: [5, 15, 18], skipReason: 'unpinned' },
      { name: 'coverage', line: 6, group: 'group:test', specifier: '', nameAt: [5, 22, 30], specifierAt: [5, 36, 36], skipReason: 'unpinned', extras: ['toml'] },
      { name: 'sphinx', line: 7, group: 'group:docs', specifier: '', nameAt: [6, 9, 15], specifierAt: [6, 15, 15], skipReason: 'unpinned' },
      { name: 'tox', line: 8, group: 'group:all', specifier: '', nameAt: [7, 60, 63], specifierAt: [7, 63, 63], skipReason: 'unpinned' },
      { name: 'ruff', line: 11, group: 'group:broken', specifier: '', nameAt: [10, 40, 44], specifierAt: [10, 44, 44], skipReason: 'unpinned' },
    ]);
  });

  it('reports an include cycle and an unknown group at the include, and reads the rest', () => {
    const { text, parsed } = read('pep735.toml');
    assert.deepEqual(problemsOf('pep735.toml'), [
      [10, 'Dependency group include cycle: loop-a → loop-b → loop-a'],
      [11, "Dependency group 'missing' is not defined in [dependency-groups]"],
    ]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), 'loop-a');
    assert.equal(sliceRange(text, parsed.problems[1]!.range), 'missing');
  });

  it('expands a group into the groups it includes, once each, cycles and unknown names included', () => {
    const document = parseToml(readFileSync(join(FIXTURES, 'pep735.toml'), 'utf8'));
    assert.ok(document.ok);
    if (!document.ok) return;
    assert.deepEqual(expandGroup(document.document.root, 'all'), ['all', 'test', 'docs']);
    assert.deepEqual(expandGroup(document.document.root, 'Loop_A'), ['loop-a', 'loop-b']);
    assert.deepEqual(expandGroup(document.document.root, 'broken'), ['broken']);
    assert.deepEqual(expandGroup(document.document.root, 'nope'), []);
  });
});

describe('pyproject.toml: Poetry', () => {
  const poetry = (name: string, line: number, specifier: string, extra: Partial<Expected> & Pick<Expected, 'nameAt' | 'specifierAt' | 'skipReason'>): Expected => ({ name, line, group: null, specifier, ...extra });

  it('reads strings, tables and lists of constraints, groups, extras and sources', () => {
    checkRecords('poetry.toml', [
      poetry('requests', 7, '^2.31', { nameAt: [6, 0, 8], specifierAt: [6, 12, 17], skipReason: 'unpinned' }),
      poetry('tomlkit', 8, '~0.12.1', { nameAt: [7, 0, 7], specifierAt: [7, 11, 18], skipReason: 'unpinned' }),
      poetry('attrs', 9, '==23.1.0', { nameAt: [8, 0, 5], specifierAt: [8, 9, 17], skipReason: null }),
      poetry('six', 10, '1.16.0', { nameAt: [9, 0, 3], specifierAt: [9, 7, 13], skipReason: null }),
      poetry('anything', 11, '*', { nameAt: [10, 0, 8], specifierAt: [10, 12, 13], skipReason: 'unpinned' }),
      poetry('either', 12, '>=1.0,<1.5||^2.0', { specifierText: '>=1.0,<1.5 || ^2.0', nameAt: [11, 0, 6], specifierAt: [11, 10, 28], skipReason: 'unpinned' }),
      poetry('pendulum', 13, '^3.0', { nameAt: [12, 0, 8], specifierAt: [12, 24, 28], skipReason: 'unpinned', marker: 'sys_platform == "linux" and python_version < "3.12"' }),
      poetry('uvloop', 14, '^0.19', { group: 'extra:speed', nameAt: [13, 0, 6], specifierAt: [13, 22, 27], skipReason: 'unpinned', marker: 'sys_platform == "linux"' }),
      poetry('mylib', 15, '', { nameAt: [14, 0, 5], specifierAt: [14, 5, 5], skipReason: 'vcs', url: 'https://github.com/example/mylib.git', source: { type: 'git', url: 'https://github.com/example/mylib.git', rev: 'v1.0' } }),
      poetry('local', 16, '', { nameAt: [15, 0, 5], specifierAt: [15, 5, 5], skipReason: 'path', editable: true, source: { type: 'path', path: '../local', editable: true } }),
      poetry('wheel-pkg', 17, '', { nameAt: [16, 0, 9], specifierAt: [16, 9, 9], skipReason: 'url', source: { type: 'url', url: 'https://example.com/wheel_pkg-1.0-py3-none-any.whl' } }),
      poetry('private', 18, '^1.0', { nameAt: [17, 0, 7], specifierAt: [17, 23, 27], skipReason: 'unpinned', source: { type: 'registry', url: 'https://pypi.internal.example/simple' } }),
      poetry('multi', 19, '<=1.9', { nameAt: [18, 0, 5], specifierAt: [19, 17, 22], skipReason: 'unpinned', marker: 'python_version >= "3.6" and python_version < "3.8"' }),
      poetry('multi', 19, '^2.0', { nameAt: [18, 0, 5], specifierAt: [20, 17, 21], skipReason: 'unpinned', marker: 'python_version >= "3.8"' }),
      poetry('cachecontrol', 23, '^0.13', { nameAt: [22, 0, 12], specifierAt: [22, 28, 33], skipReason: 'unpinned', extras: ['filecache'] }),
      poetry('broken', 24, '^^1', { nameAt: [23, 0, 6], specifierAt: [23, 10, 13], skipReason: 'invalid' }),
      // A quoted key: the name range is inside the quotes.
      poetry('zope-interface', 25, '>=5.0,<7', { specifierText: '>= 5.0, < 7', nameAt: [24, 1, 15], specifierAt: [24, 20, 31], skipReason: 'unpinned' }),
      poetry('pytest', 31, '^8.0', { group: 'group:test', nameAt: [30, 0, 6], specifierAt: [30, 10, 14], skipReason: 'unpinned' }),
      poetry('black', 34, '^24.1', { group: 'group:dev', nameAt: [33, 0, 5], specifierAt: [33, 9, 14], skipReason: 'unpinned' }),
    ]);
  });

  it('skips python, and reports an invalid constraint at its text', () => {
    const { text, parsed } = read('poetry.toml');
    assert.equal(parsed.dependencies.some((d) => d.name === 'python'), false);
    assert.deepEqual(problemsOf('poetry.toml'), [[24, "Invalid Poetry version constraint for 'broken': '^^1'"]]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '^^1');
    assert.equal(parsed.projectName, 'poetry-demo');
  });

  it('spans key through value in the requirement range', () => {
    const { text, parsed } = read('poetry.toml');
    const pendulum = parsed.dependencies.find((d) => d.name === 'pendulum')!;
    assert.equal(sliceRange(text, pendulum.requirementRange), `pendulum = { version = "^3.0", python = "<3.12", markers = "sys_platform == 'linux'" }`);
  });
});

describe('pyproject.toml: uv', () => {
  it('reads dev, constraint and override dependencies and applies [tool.uv.sources]', () => {
    checkRecords('uv.toml', [
      { name: 'httpx', line: 3, group: null, specifier: '>=0.27', nameAt: [2, 17, 22], specifierAt: [2, 22, 28], skipReason: 'unpinned', source: null },
      { name: 'mylib', line: 3, group: null, specifier: '', nameAt: [2, 32, 37], specifierAt: [2, 37, 37], skipReason: 'vcs', url: 'https://github.com/example/mylib', source: { type: 'git', url: 'https://github.com/example/mylib', rev: 'abc123' } },
      { name: 'localpkg', line: 3, group: null, specifier: '', nameAt: [2, 41, 49], specifierAt: [2, 49, 49], skipReason: 'path', editable: true, source: { type: 'path', path: '../localpkg', editable: true } },
      { name: 'member', line: 3, group: null, specifier: '', nameAt: [2, 53, 59], specifierAt: [2, 59, 59], skipReason: 'path', editable: true, source: { type: 'path', path: '', editable: true } },
      // An index source keeps the record evaluable: its release comes from that index.
      { name: 'torch', line: 3, group: null, specifier: '==2.3.0', nameAt: [2, 63, 68], specifierAt: [2, 68, 75], skipReason: null, source: { type: 'registry', url: 'https://download.pytorch.org/whl/cpu' } },
      { name: 'plain', line: 3, group: null, specifier: '==1.0', nameAt: [2, 79, 84], specifierAt: [2, 84, 89], skipReason: null, source: null },
      { name: 'pytest', line: 6, group: 'group:dev', specifier: '>=8', nameAt: [5, 21, 27], specifierAt: [5, 27, 30], skipReason: 'unpinned', constraint: false },
      { name: 'urllib3', line: 7, group: 'uv:constraint', specifier: '<2', nameAt: [6, 28, 35], specifierAt: [6, 35, 37], skipReason: 'unpinned', constraint: true },
      { name: 'pydantic', line: 8, group: 'uv:override', specifier: '>=2', nameAt: [7, 26, 34], specifierAt: [7, 34, 37], skipReason: 'unpinned', constraint: false },
    ]);
    assert.deepEqual(problemsOf('uv.toml'), []);
  });
});

describe('pyproject.toml: PDM', () => {
  it('reads [tool.pdm.dev-dependencies], editable entries included', () => {
    checkRecords('pdm.toml', [
      { name: 'pytest', line: 6, group: 'group:test', specifier: '>=8', nameAt: [5, 9, 15], specifierAt: [5, 15, 18], skipReason: 'unpinned' },
      { name: 'sub', line: 6, group: 'group:test', specifier: '', nameAt: [5, 57, 60], specifierAt: [5, 60, 60], skipReason: 'path', editable: true, source: { type: 'path', path: '/${PROJECT_ROOT}/sub', editable: true } },
      { name: 'ruff', line: 7, group: 'group:lint', specifier: '', nameAt: [6, 9, 13], specifierAt: [6, 13, 13], skipReason: 'unpinned' },
    ]);
  });
});

describe('pyproject.toml: bad input', () => {
  it('reports invalid TOML at the line of the error and reads nothing else', () => {
    const { parsed } = read('invalid.toml');
    assert.deepEqual(problemsOf('invalid.toml'), [[4, 'Invalid TOML: Defining a key multiple times is invalid']]);
    assert.deepEqual(parsed.problems[0]!.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } });
    assert.deepEqual(parsed.dependencies, []);
  });

  it('reports a bad requirement at its place, keeps it as invalid, and reads the rest', () => {
    const { text, parsed } = read('bad-requirement.toml');
    const problems = problemsOf('bad-requirement.toml');
    assert.equal(problems.length, 2);
    assert.equal(problems[0]![0], 4);
    assert.match(problems[0]![1], /^Invalid requirement 'requests >= 2 !': /);
    assert.deepEqual(problems[1], [6, 'project.dependencies must hold requirement strings']);
    assert.equal(sliceRange(text, parsed.problems[1]!.range), '42');
    assert.deepEqual(
      parsed.dependencies.map((d) => [d.line, d.name, d.specifier, d.skipReason]),
      [
        [4, 'requests', '', 'invalid'],
        [5, 'flask', '>=3', 'unpinned'],
      ],
    );
    assert.equal(sliceRange(text, parsed.dependencies[0]!.requirementRange), 'requests >= 2 !');
  });

  it('never throws on text that is not TOML at all', () => {
    for (const text of ['', '\u0000', '[project\n', 'dependencies = [', '[[project]]\n[project]', '\uFEFF[project]', 'a = """', '{'.repeat(5000)]) {
      const parsed = parsePyproject(text, 'x/pyproject.toml');
      assertAllInside(parsed, text);
    }
  });
});
