/**
 * poetry.lock in each format Poetry has written (1.0 without lock-version, 1.1, 2.x), bad input,
 * and the corpus's five lock files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePoetryLock, poetryLockFormat } from '../../../../../src/core/manifests/poetry-lock';
import type { ParsedFile } from '../../../../../src/core/model/dependency';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from '../pyproject/ranges';

function read(path: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(path, 'utf8');
  const parsed = parsePoetryLock(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

const fixture = (name: string) => read(join(__dirname, '..', '..', '..', '..', 'fixtures', 'poetry-lock', name));

/** One row per package: line, name, version, groups, marker, source type, name range. */
function packagesOf(parsed: ParsedFile): unknown[] {
  return parsed.lock!.packages.map((p) => [p.line, p.name, p.version, p.groups, p.marker, p.source.type, onLine(p.nameRange)]);
}

describe('poetry.lock 1.0 (no lock-version, category, [metadata.hashes])', () => {
  const { parsed } = fixture('v1.0.lock');

  it('reads packages with groups from category and markers from `marker`', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(packagesOf(parsed), [
      [4, 'requests', '2.21.0', ['main'], null, 'registry', [3, 8, 16]],
      [18, 'idna', '2.8', ['main'], null, 'registry', [17, 8, 12]],
      [27, 'pytest', '4.6.3', ['group:dev'], 'python_version >= "3.6"', 'registry', [26, 8, 14]],
    ]);
    assert.equal(parsed.lock!.requiresPython, '^3.6');
  });

  it('takes hashes from [metadata.hashes] as sha256', () => {
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.group, d.hashes.length]), [['requests', null, 2], ['idna', null, 1], ['pytest', 'group:dev', 0]]);
    assert.equal(parsed.dependencies[1]!.hashes[0], 'sha256:c357b3f628cf53ae2c4c05627ecc484553142ca23264e593d327bcde5e9c3407');
  });
});

describe('poetry.lock 1.1 ([metadata.files], optional dependencies of extras)', () => {
  const { parsed } = fixture('v1.1.lock');

  it('reads packages and hashes from [metadata.files]', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.dependencies.map((d) => [d.line, d.name, d.version, d.group, d.hashes.length]), [
      [2, 'attrs', '21.4.0', 'group:dev', 2],
      [10, 'cachecontrol', '0.12.11', null, 0],
      [27, 'lockfile', '0.12.2', null, 1],
    ]);
  });

  it('puts an optional dependency in the extra that lists it', () => {
    const cachecontrol = parsed.lock!.packages.find((p) => p.name === 'cachecontrol')!;
    assert.deepEqual(cachecontrol.dependencies, [
      { name: 'lockfile', extras: [], marker: 'extra == "filecache"', group: 'extra:filecache' },
      { name: 'msgpack', extras: [], marker: null, group: null },
      { name: 'requests', extras: [], marker: null, group: null },
    ]);
  });
});

describe('poetry.lock 2.1 (groups, per-group markers, files, sources)', () => {
  const { text, parsed } = fixture('v2.1.lock');

  it('reads groups, per-group markers joined with or, and directory and git sources', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(packagesOf(parsed), [
      [4, 'colorama', '0.4.6', ['main', 'group:test'], 'platform_system == "Windows" or sys_platform == "win32"', 'registry', [3, 8, 16]],
      [16, 'osv', '0.1.2', ['main'], null, 'path', [15, 8, 11]],
      [37, 'poetry-core', '2.1.3', ['main'], null, 'git', [36, 8, 19]],
      [52, 'pytest', '8.3.5', ['group:test', 'group:dev'], null, 'registry', [51, 8, 14]],
    ]);
    assert.deepEqual(parsed.lock!.packages[1]!.source, { type: 'path', path: '../..', editable: true });
    assert.deepEqual(parsed.lock!.packages[2]!.source, { type: 'git', url: 'https://github.com/python-poetry/poetry-core.git', rev: 'e3998b0e111dc03e4aa721fd054c48e5c7de6fc5' });
    assert.equal(sliceRange(text, parsed.lock!.packages[2]!.nameRange), 'poetry-core');
  });

  it('reads a list of constraints as one edge per environment', () => {
    assert.deepEqual(parsed.lock!.packages[1]!.dependencies.map((e) => [e.name, e.marker]), [
      ['attrs', null],
      ['typing-extensions', 'python_version < "3.15"'],
      ['typing-extensions', 'python_version >= "3.15"'],
    ]);
  });

  it('gives records their skip reason by source and their first group', () => {
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.group, d.skipReason, d.editable, d.hashes.length]), [
      ['colorama', null, null, false, 1],
      ['osv', null, 'path', true, 0],
      ['poetry-core', null, 'vcs', false, 0],
      ['pytest', 'group:test', null, false, 2],
    ]);
    assert.equal(parsed.lock!.packages.some((p) => p.isProject), false);
    assert.deepEqual(parsed.lock!.roots, []);
  });

  it('is read for files named poetry.lock', () => {
    assert.equal(poetryLockFormat.matches('/p/poetry.lock'), true);
    assert.equal(poetryLockFormat.matches('/p/uv.lock'), false);
  });
});

describe('poetry.lock: bad input', () => {
  it('reports a lock-version it does not understand at its value, and reads the packages', () => {
    const { text, parsed } = fixture('wrong-version.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[11, 'Lock file version "9.0" is not understood; this reader understands lock-version 1.0, 1.1, 2.0, 2.1. What could be read is shown.']]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '"9.0"');
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version]), [['idna', '3.7']]);
  });

  it('reports invalid TOML at the line of the error', () => {
    const { parsed } = fixture('invalid.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[5, 'Invalid TOML: Unexpected character']]);
    assert.deepEqual(parsed.dependencies, []);
  });
});

describeCorpus('poetry.lock: the corpus', () => {
  const FILES: [string, string | null, number, number][] = [
    // file, lock-version, packages, packages in a dev-only group
    // (counted independently with Python's tomllib)
    ['osv.dev/poetry.lock', '2.1', 63, 17],
    ['osv.dev/gcp-website/poetry.lock', '2.1', 74, 8],
    ['poetry/poetry.lock', '2.1', 78, 25],
    ['poetry/history/2022-06-89e3f7b/poetry.lock', '1.1', 77, 36],
    ['poetry/history/2019-05-2c37180/poetry.lock', null, 75, 44],
  ];

  it('reads every file with zero problems, each package with hashes unless it is not from an index', () => {
    for (const [file, version, count, devOnly] of FILES) {
      const { text, parsed } = read(corpusPath(file));
      assert.deepEqual(parsed.problems, [], file);
      assert.equal(/^lock-version = "([\d.]+)"$/m.exec(text)?.[1] ?? null, version, `${file}: lock-version`);
      assert.equal(parsed.dependencies.length, count, file);
      assert.equal(parsed.lock!.packages.filter((p) => !p.groups.includes('main')).length, devOnly, `${file}: dev-only`);
      const withoutHashes = parsed.dependencies.filter((d) => d.hashes.length === 0).map((d) => `${d.name}:${d.skipReason}`);
      assert.ok(withoutHashes.every((d) => d.endsWith(':path') || d.endsWith(':vcs')), `${file}: ${withoutHashes.join(', ')}`);
    }
  });

  it('poetry: known records with their ranges', () => {
    const { text, parsed } = read(corpusPath('poetry/poetry.lock'));
    const dulwich = parsed.dependencies.find((d) => d.name === 'dulwich')!;
    assert.deepEqual([dulwich.line, onLine(dulwich.nameRange), dulwich.version, dulwich.group, dulwich.hashes.length], [614, [613, 8, 15], '1.2.1', null, 42]);
    assert.deepEqual(parsed.lock!.packages.find((p) => p.name === 'dulwich')!.groups, ['main', 'group:test']);
    const core = parsed.dependencies.find((d) => d.name === 'poetry-core')!;
    assert.deepEqual([core.line, core.skipReason, core.url], [1403, 'vcs', 'https://github.com/python-poetry/poetry-core.git']);
    assert.equal(sliceRange(text, core.nameRange), 'poetry-core');
  });

  it('Poetry 1.0: a dotted name keeps its text and is normalised', () => {
    const { text, parsed } = read(corpusPath('poetry/history/2019-05-2c37180/poetry.lock'));
    const aspy = parsed.dependencies.find((d) => d.name === 'aspy-yaml')!;
    assert.deepEqual([aspy.line, aspy.rawName, aspy.group, aspy.hashes.length], [13, 'aspy.yaml', 'group:dev', 2]);
    assert.equal(sliceRange(text, aspy.nameRange), 'aspy.yaml');
  });
});
