/** pdm.lock: a hand-written lock with groups, markers, extras entries and sources; bad input; the corpus. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePdmLock, pdmLockFormat } from '../../../../../src/core/manifests/pdm-lock';
import type { ParsedFile } from '../../../../../src/core/model/dependency';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from '../pyproject/ranges';

function read(path: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(path, 'utf8');
  const parsed = parsePdmLock(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

const fixture = (name: string) => read(join(__dirname, '..', '..', '..', '..', 'fixtures', 'pdm-lock', name));

describe('pdm.lock: groups, markers, extras entries and sources', () => {
  const { text, parsed } = fixture('pdm.lock');

  it('reads packages with groups ("default" is main), markers and sources', () => {
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.lock!.requiresPython, '>=3.9');
    assert.deepEqual(
      parsed.lock!.packages.map((p) => [p.line, p.name, p.version, p.groups, p.marker, p.source.type, onLine(p.nameRange)]),
      [
        [14, 'httpx', '0.28.1', ['main', 'group:socks'], null, 'registry', [13, 8, 13]],
        [44, 'anyio', '4.4.0', ['main'], null, 'registry', [43, 8, 13]],
        [56, 'colorama', '0.4.6', ['group:test'], 'sys_platform == "win32"', 'registry', [55, 8, 16]],
        [64, 'mylib', '0.3.0', ['main'], null, 'git', [63, 8, 13]],
        [73, 'sub', '0.1.0', ['group:test'], null, 'path', [72, 8, 11]],
      ],
    );
    assert.equal(sliceRange(text, parsed.lock!.packages[0]!.nameRange), 'httpx');
  });

  it('folds the httpx[socks] entry into httpx as edges of the extra', () => {
    assert.deepEqual(parsed.lock!.packages[0]!.dependencies, [
      { name: 'anyio', extras: [], marker: null, group: null },
      { name: 'idna', extras: [], marker: null, group: null },
      { name: 'socksio', extras: [], marker: null, group: 'extra:socks' },
    ]);
    assert.deepEqual(parsed.lock!.packages[1]!.dependencies.map((e) => [e.name, e.marker]), [['exceptiongroup', 'python_version < "3.11"'], ['idna', null]]);
  });

  it('gives records hashes, groups and skip reasons', () => {
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.group, d.skipReason, d.hashes.length, d.editable]), [
      ['httpx', null, null, 2, false],
      ['anyio', null, null, 0, false],
      ['colorama', 'group:test', null, 0, false],
      ['mylib', null, 'vcs', 0, false],
      ['sub', 'group:test', 'path', 0, true],
    ]);
    assert.deepEqual(parsed.lock!.packages[3]!.source, { type: 'git', url: 'https://github.com/example/mylib.git', rev: '0123abcd0123abcd0123abcd0123abcd0123abcd' });
  });

  it('is read for files named pdm.lock', () => {
    assert.equal(pdmLockFormat.matches('/p/pdm.lock'), true);
    assert.equal(pdmLockFormat.matches('/p/pdm.toml'), false);
  });
});

describe('pdm.lock: bad input', () => {
  it('reports lock_version 3.1 at its value and reads the packages', () => {
    const { text, parsed } = fixture('wrong-version.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[3, 'Lock file version "3.1" is not understood; this reader understands lock_version 4.x. What could be read is shown.']]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '"3.1"');
    assert.deepEqual(parsed.dependencies.map((d) => d.name), ['idna']);
  });

  it('reports invalid TOML at the line of the error', () => {
    const { parsed } = fixture('invalid.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[7, 'Invalid TOML: Defining a key multiple times is invalid']]);
  });
});

describeCorpus('pdm.lock: the corpus', () => {
  it('PDM itself: 100 entries, 4 of them extras entries folded into their packages', () => {
    const { text, parsed } = read(corpusPath('pdm/pdm.lock'));
    assert.deepEqual(parsed.problems, []);
    assert.equal((text.match(/^\[\[package\]\]$/gm) ?? []).length, 100);
    assert.equal(parsed.dependencies.length, 96);
    assert.deepEqual([...new Set(parsed.lock!.packages.flatMap((p) => p.groups))].sort(), ['group:all', 'group:doc', 'group:keyring', 'group:pytest', 'group:test', 'group:tox', 'group:workflow', 'main']);
    const httpx = parsed.lock!.packages.find((p) => p.name === 'httpx')!;
    assert.deepEqual([httpx.line, httpx.version, httpx.groups, onLine(httpx.nameRange)], [703, '0.28.1', ['main', 'group:test'], [702, 8, 13]]);
    assert.deepEqual(httpx.dependencies.filter((e) => e.group != null).map((e) => [e.name, e.group]), [['socksio', 'extra:socks']]);
    assert.equal(parsed.lock!.requiresPython, '>=3.10');
  });

  it('the demo fixture: groups and markers', () => {
    const { parsed } = read(corpusPath('pdm/fixtures/demo/pdm.lock'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.lock!.packages.map((p) => [p.name, p.groups, p.marker]).slice(0, 3), [
      ['certifi', ['group:security'], 'python_version >= "3.6"'],
      ['chardet', ['main'], 'os_name == "nt"'],
      ['charset-normalizer', ['group:security'], 'python_version >= "3.6"'],
    ]);
    assert.equal(parsed.dependencies.length, 10);
  });
});
