/**
 * Pipfile.lock: the JSON reader with positions under it, a hand-written lock with each kind of
 * entry, bad input, and pipenv's own lock files from the corpus.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { jsonAt, parseJson } from '../../../../../src/core/json';
import { parsePipfileLock, pipfileLockFormat } from '../../../../../src/core/manifests/pipfile-lock';
import type { ParsedFile } from '../../../../../src/core/model/dependency';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from '../pyproject/ranges';

function read(path: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(path, 'utf8');
  const parsed = parsePipfileLock(text, path);
  assertAllInside(parsed, text);
  return { text, parsed };
}

const fixture = (name: string) => read(join(__dirname, '..', '..', '..', '..', 'fixtures', 'pipfile-lock', name));

describe('JSON with positions', () => {
  it('keeps the offsets of keys and values and decodes as JSON.parse does', () => {
    const text = '{ "a\\u00e9": [1, -2.5e3, true, null, "x\\n"], "b": {} }';
    const parsed = parseJson(text);
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    const entry = parsed.value.kind === 'object' ? parsed.value.entries.get('aé')! : undefined;
    assert.deepEqual([entry?.keyStart, entry?.keyEnd], [2, 11]);
    const array = jsonAt(parsed.value, 'aé');
    assert.equal(array?.kind, 'array');
    assert.deepEqual(array?.kind === 'array' ? array.items.map((i) => [i.kind, 'value' in i ? i.value : undefined, text.slice(i.start, i.end)]) : [], [
      ['number', 1, '1'],
      ['number', -2500, '-2.5e3'],
      ['boolean', true, 'true'],
      ['null', null, 'null'],
      ['string', 'x\n', '"x\\n"'],
    ]);
  });

  it('accepts exactly what JSON.parse accepts, and reports where it stopped', () => {
    const accepts = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(fc.json(), (text) => parseJson(text).ok === true));
    const tokens = ['{', '}', '[', ']', ':', ',', '"a"', '"\\u00"', '1', '-', '0.5', 'e', 'true', 'nul', ' ', '\n', '"\u0001"', '"x'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 12 }), (parts) => assert.equal(parseJson(parts.join('')).ok, accepts(parts.join('')))), { numRuns: 3000 });
    const bad = parseJson('{\n  "a": 1,\n}');
    assert.deepEqual(bad, { ok: false, error: { message: 'Expected a string key', offset: 12 } });
    assert.equal(parseJson('['.repeat(100000)).ok, false);
  });
});

describe('Pipfile.lock: a lock with each kind of entry', () => {
  const { text, parsed } = fixture('Pipfile.lock');

  it('reads default, develop and custom categories, one package per pin', () => {
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.lock!.packages.map((p) => [p.line, p.name, p.version, p.groups, p.marker, p.source.type, onLine(p.nameRange)]),
      [
        [24, 'requests', '2.32.3', ['main'], 'python_version >= "3.8"', 'registry', [23, 9, 17]],
        // The same pin in default and develop is one package both categories pull in.
        [33, 'idna', '3.7', ['main', 'group:dev'], null, 'registry', [32, 9, 13]],
        [38, 'mylib', null, ['main'], null, 'git', [37, 9, 14]],
        [43, 'local-pkg', null, ['main'], null, 'path', [42, 9, 18]],
        [47, 'uvicorn', '0.30.1', ['main'], null, 'registry', [46, 9, 16]],
        [58, 'pytest', '8.3.5', ['group:dev'], 'python_version >= "3.8"', 'registry', [57, 9, 15]],
        [67, 'sphinx', '7.4.7', ['group:docs'], null, 'registry', [66, 9, 15]],
      ],
    );
    assert.equal(sliceRange(text, parsed.lock!.packages[0]!.nameRange), 'Requests');
    assert.equal(parsed.lock!.requiresPython, '==3.12.*');
  });

  it('resolves index names to their URLs and keeps git, path and editable entries', () => {
    const sources = parsed.lock!.packages.map((p) => p.source);
    assert.deepEqual(sources.slice(0, 4), [
      { type: 'registry', url: 'https://pypi.org/simple' },
      { type: 'registry', url: 'https://pypi.internal.example/simple' },
      { type: 'git', url: 'https://github.com/example/mylib.git', rev: '0123abcd0123abcd0123abcd0123abcd0123abcd' },
      { type: 'path', path: './local-pkg', editable: true },
    ]);
  });

  it('gives records their hashes, extras, group and skip reason', () => {
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version, d.group, d.skipReason, d.hashes.length, d.extras, d.editable]), [
      ['requests', '2.32.3', null, null, 2, [], false],
      ['idna', '3.7', null, null, 0, [], false],
      ['mylib', null, null, 'vcs', 0, [], false],
      ['local-pkg', null, null, 'path', 0, [], true],
      ['uvicorn', '0.30.1', null, null, 0, ['standard'], false],
      ['pytest', '8.3.5', 'group:dev', null, 1, [], false],
      ['sphinx', '7.4.7', 'group:docs', null, 0, [], false],
    ]);
  });

  it('is read for files named Pipfile.lock', () => {
    assert.equal(pipfileLockFormat.matches('/p/Pipfile.lock'), true);
    assert.equal(pipfileLockFormat.matches('/p/pipfile.lock'), false);
  });
});

describe('Pipfile.lock: bad input', () => {
  it('reports a pipfile-spec it does not understand at its value, and reads the packages', () => {
    const { text, parsed } = fixture('wrong-spec.Pipfile.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [[3, 'Lock file version pipfile-spec 5 is not understood; this reader understands pipfile-spec 6. What could be read is shown.']]);
    assert.equal(sliceRange(text, parsed.problems[0]!.range), '5');
    assert.deepEqual(parsed.dependencies.map((d) => [d.name, d.version]), [['idna', '3.7']]);
  });

  it('reports invalid JSON where the reader stopped, as Python json does', () => {
    const { parsed } = fixture('invalid.Pipfile.lock');
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.message, onLine(p.range)]), [[8, 'Invalid JSON: Expected a string key', [7, 8, 9]]]);
    assert.deepEqual(parsed.dependencies, []);
  });
});

describeCorpus('Pipfile.lock: the corpus', () => {
  it('pipenv: 110 entries, 105 packages (5 pinned in both categories), every hash', () => {
    const { text, parsed } = read(corpusPath('pipenv/Pipfile.lock'));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.dependencies.length, 105);
    assert.equal(parsed.lock!.packages.filter((p) => p.groups.length === 2).length, 5);
    assert.equal(parsed.dependencies.reduce((n, d) => n + d.hashes.length, 0), 900);
    const exceptiongroup = parsed.dependencies[0]!;
    assert.deepEqual([exceptiongroup.line, exceptiongroup.name, exceptiongroup.version, exceptiongroup.marker, onLine(exceptiongroup.nameRange)], [17, 'exceptiongroup', '1.3.1', 'python_version >= "3.7"', [16, 9, 23]]);
    assert.equal(sliceRange(text, exceptiongroup.nameRange), 'exceptiongroup');
  });

  it('pipenv examples: sources and the Python version', () => {
    const { parsed } = read(corpusPath('pipenv/examples/Pipfile.lock'));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.dependencies.length, 10);
    assert.equal(parsed.lock!.requiresPython, '==3.11.*');
    assert.equal(parsed.lock!.packages.filter((p) => p.source.type === 'registry' && p.source.url === 'https://pypi.org/simple').length, 6);
  });
});
