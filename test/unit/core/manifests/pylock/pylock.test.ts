/**
 * pylock.toml (PEP 751): a hand-written lock with every kind of source and group marker, bad
 * input, pip-audit's test vectors for broken files, and the corpus's pylock files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePylock, pylockFormat } from '../../../../../src/core/manifests/pylock';
import type { ParsedFile } from '../../../../../src/core/model/dependency';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from '../pyproject/ranges';

function read(path: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(path, 'utf8');
  const parsed = parsePylock(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

const fixture = (name: string) => read(join(__dirname, '..', '..', '..', '..', 'fixtures', 'pylock', name));
const problems = (parsed: ParsedFile) => parsed.problems.map((p) => [p.line, p.severity, p.message]);

describe('pylock.toml: a lock with every source and group marker', () => {
  const { text, parsed } = fixture('pylock.toml');

  it('reads each package: version, source, groups from its marker, the project directory', () => {
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.lock!.requiresPython, '>=3.10');
    assert.deepEqual(
      parsed.lock!.packages.map((p) => [p.line, p.name, p.version, p.groups, p.source.type, p.isProject, onLine(p.nameRange)]),
      [
        // 'default' is listed in default-groups: the main group under another name.
        [10, 'requests', '2.32.3', ['main'], 'registry', false, [9, 8, 16]],
        [22, 'idna', '3.7', ['main'], 'registry', false, [21, 8, 12]],
        [28, 'pytest', '8.2.2', ['group:dev'], 'url', false, [27, 8, 14]],
        [37, 'cryptography', '43.0.0', ['extra:crypto'], 'git', false, [36, 8, 20]],
        [48, 'demo', null, ['main'], 'path', true, [47, 8, 12]],
      ],
    );
    assert.equal(sliceRange(text, parsed.lock!.packages[0]!.nameRange), 'Requests');
  });

  it('keeps markers in canonical form, sources in full and dependencies as edges', () => {
    const [requests, , pytest, cryptography, demo] = parsed.lock!.packages;
    assert.equal(pytest!.marker, '"dev" in dependency_groups and python_version >= "3.8"');
    assert.deepEqual(requests!.source, { type: 'registry', url: 'https://pypi.org/simple' });
    assert.deepEqual(requests!.dependencies, [{ name: 'idna', extras: [], marker: null, group: null }]);
    assert.deepEqual(pytest!.source, { type: 'url', url: 'https://files.example/pytest-8.2.2.tar.gz' });
    assert.deepEqual(cryptography!.source, { type: 'git', url: 'https://github.com/pyca/cryptography.git', rev: '9c3d8f5e0a6b7c2d1e4f8a9b0c3d6e7f1a2b5c8d' });
    assert.deepEqual(demo!.source, { type: 'path', path: '.', editable: true });
  });

  it('gives records their hashes as algorithm:hex and skip reasons by source', () => {
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.group, d.skipReason, d.hashes]), [
      ['requests', null, null, ['sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760', 'sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6']],
      ['idna', null, null, ['sha256:82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0', 'md5:0123456789abcdef0123456789abcdef']],
      ['pytest', 'group:dev', 'url', ['sha256:de4bb8104e201939ccdc688b27a89a7be2079b22e2bd2b07f806b6ba71117977']],
      ['cryptography', 'extra:crypto', 'vcs', []],
      ['demo', null, 'path', []],
    ]);
  });

  it('is read for pylock.toml and pylock.<name>.toml only', () => {
    assert.equal(pylockFormat.matches('/p/pylock.toml'), true);
    assert.equal(pylockFormat.matches('/p/pylock.dev.toml'), true);
    assert.equal(pylockFormat.matches('/p/pylock.a.b.toml'), false);
    assert.equal(pylockFormat.matches('/p/pylock.toml.bak'), false);
    assert.equal(pylockFormat.matches('/p/pyproject.toml'), false);
  });
});

describe('pylock.toml: bad input', () => {
  it('reports lock-version 2.0 at its value and still reads the packages', () => {
    const { text, parsed } = fixture('wrong-version.toml');
    assert.deepEqual(problems(parsed), [[1, 'error', 'Lock file version "2.0" is not understood; this reader understands lock-version 1.0. What could be read is shown.']]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '"2.0"');
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version]), [['idna', '3.7']]);
  });

  it('reports invalid TOML at the line of the error', () => {
    const { parsed } = fixture('invalid.toml');
    assert.deepEqual(problems(parsed), [[5, 'error', 'Invalid TOML: Must be a newline']]);
  });

  it('warns on a newer minor version and reads on', () => {
    const parsed = parsePylock('lock-version = "1.1"\n[[packages]]\nname = "idna"\nversion = "3.7"\n', 'pylock.toml');
    assert.deepEqual(problems(parsed), [[1, 'warning', 'Lock file version "1.1" is not understood; this reader understands lock-version 1.0. What could be read is shown.']]);
    assert.equal(parsed.dependencies.length, 1);
  });
});

describeCorpus("pylock.toml: pip-audit's broken files", () => {
  const vector = (name: string) => read(corpusPath('vectors', 'pylock', 'pip-audit', name));

  it('each gets a problem at the right line, and what can be read is read', () => {
    assert.deepEqual(problems(vector('pylock.invalid.toml').parsed), [[1, 'error', 'Invalid TOML: Expected equal (=) token']]);
    assert.deepEqual(problems(vector('pylock.invalid-version.toml').parsed), [
      [1, 'error', 'Lock file version "666" is not understood; this reader understands lock-version 1.0. What could be read is shown.'],
      [1, 'error', 'pylock.toml has no [[packages]]; PEP 751 requires the key'],
    ]);
    assert.deepEqual(problems(vector('pylock.missing-packages.toml').parsed), [[1, 'error', 'pylock.toml has no [[packages]]; PEP 751 requires the key']]);
    const missingVersion = vector('pylock.missing-version.toml').parsed;
    assert.deepEqual(problems(missingVersion), [[1, 'error', 'pylock.toml has no lock-version; this reader understands lock-version 1.0']]);
    assert.deepEqual(missingVersion.dependencies.map((d) => d.name), ['attrs', 'cattrs', 'numpy']);
    assert.deepEqual(problems(vector('pylock.package-missing-name.toml').parsed), [[6, 'error', 'A [[packages]] entry without a name is skipped (PEP 751 requires one)']]);
  });

  it('a package without a version is kept, unpinned', () => {
    const { parsed } = vector('pylock.skipped.toml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version, d.skipReason]), [['attrs', null, 'unpinned']]);
  });
});

describeCorpus('pylock.toml: the corpus', () => {
  const FILES: [string, number][] = [
    ['comfy-cli/pylock.toml', 48],
    ['pdm/fixtures/demo/pylock.toml', 10],
    ['pipenv/examples/pylock.toml', 5],
    ['vectors/pylock/pylock.spec-example.toml', 3],
    ['vectors/pylock/pip-audit/pylock.basic.toml', 3],
  ];

  it('reads every file with zero problems', () => {
    for (const [file, count] of FILES) {
      const { parsed } = read(corpusPath(file));
      assert.deepEqual(parsed.problems, [], file);
      assert.equal(parsed.dependencies.length, count, file);
    }
  });

  it('comfy-cli (uv export): the project directory, hashes of every file', () => {
    const { text, parsed } = read(corpusPath('comfy-cli/pylock.toml'));
    assert.deepEqual(parsed.lock!.packages.filter((p) => p.isProject).map((p) => [p.name, p.source]), [['comfy-cli', { type: 'path', path: '.', editable: true }]]);
    assert.equal(parsed.dependencies.reduce((n, d) => n + d.hashes.length, 0), 269);
    const anyio = parsed.dependencies[0]!;
    assert.deepEqual([anyio.line, anyio.name, anyio.version, onLine(anyio.nameRange)], [8, 'anyio', '4.10.0', [7, 8, 13]]);
    assert.equal(sliceRange(text, anyio.nameRange), 'anyio');
  });

  it('PDM and pipenv exports: groups and extras from markers', () => {
    const pdm = read(corpusPath('pdm/fixtures/demo/pylock.toml')).parsed;
    assert.deepEqual([...new Set(pdm.lock!.packages.flatMap((p) => p.groups))].sort(), ['extra:security', 'extra:tests', 'main']);
    const pipenv = read(corpusPath('pipenv/examples/pylock.toml')).parsed;
    assert.deepEqual(pipenv.lock!.packages.map((p) => [p.name, p.groups]), [
      ['requests', ['main']],
      ['urllib3', ['main']],
      ['certifi', ['main']],
      ['pytest', ['group:dev', 'group:test']],
      ['cryptography', ['extra:crypto']],
    ]);
  });
});
