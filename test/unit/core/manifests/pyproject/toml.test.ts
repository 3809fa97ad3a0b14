/**
 * The TOML layer under the pyproject and lock readers (src/core/toml): tables however they are
 * spelled, positions in UTF-16, string escapes mapped back to the text, syntax errors as places,
 * and the fast reader agreeing with toml-eslint-parser, offsets included.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseTomlTree } from '../../../../../src/core/toml/parser';
import { parseToml, parseTomlWithReference, stringAt, stringRange, tableAt, textAt, keyRange, entryAt, type TomlDocument } from '../../../../../src/core/toml';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { sliceRange } from './ranges';

function doc(text: string): TomlDocument {
  const parsed = parseToml(text);
  if (!parsed.ok) assert.fail(`not TOML: ${parsed.error.message}`);
  return parsed.document;
}

describe('TOML: tables and positions', () => {
  it('finds a table however it is spelled: header, dotted keys, inline table', () => {
    const spellings = ['[tool.poetry.dependencies]\nrequests = "^2"\n', '[tool]\npoetry.dependencies.requests = "^2"\n', 'tool = { poetry = { dependencies = { requests = "^2" } } }\n'];
    for (const text of spellings) assert.equal(textAt(doc(text).root, 'tool', 'poetry', 'dependencies', 'requests'), '^2', text);
  });

  it('numbers the tables of an array of tables and keeps their sub-tables with them', () => {
    const d = doc('[[package]]\nname = "a"\n[package.extras]\nx = 1\n[[package]]\nname = "b"\n');
    const packages = d.root.entries.get('package')!.value;
    assert.equal(packages.kind, 'array');
    assert.deepEqual(packages.kind === 'array' ? packages.items.map((t) => (t.kind === 'table' ? textAt(t, 'name') : '?')) : [], ['a', 'b']);
    assert.ok(packages.kind === 'array' && packages.items[0]!.kind === 'table' && tableAt(packages.items[0], 'extras'));
  });

  it('counts characters in UTF-16, as VS Code does', () => {
    const text = 'a = "😀é" # 😀\nname = "x😀y"\n';
    const d = doc(text);
    const name = stringAt(d.root, 'name')!;
    assert.deepEqual(stringRange(d, name), { start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
    assert.deepEqual(stringRange(d, name, 3, 4), { start: { line: 1, character: 11 }, end: { line: 1, character: 12 } });
    assert.equal(sliceRange(text, stringRange(d, name, 1, 3)), '😀');
  });

  it('maps value offsets past escapes back to the text', () => {
    const text = 'a = "x\\"y\\u00e9z\\U0001F600!"\n';
    const d = doc(text);
    const a = stringAt(d.root, 'a')!;
    assert.equal(a.value, 'x"yéz😀!');
    assert.equal(sliceRange(text, stringRange(d, a, 1, 2)), '\\"');
    assert.equal(sliceRange(text, stringRange(d, a, 3, 5)), '\\u00e9z');
    assert.equal(sliceRange(text, stringRange(d, a, 5, 8)), '\\U0001F600!');
  });

  it('maps multi-line strings: the first newline and line-ending backslashes are not in the value', () => {
    const text = 'b = """\nline1\\\n    more"""\nc = \'\'\'\nraw\\n\'\'\'\n';
    const d = doc(text);
    const b = stringAt(d.root, 'b')!;
    assert.equal(b.value, 'line1more');
    assert.deepEqual(stringRange(d, b, 0, 5), { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    assert.deepEqual(stringRange(d, b, 5, 9), { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    const c = stringAt(d.root, 'c')!;
    assert.equal(c.value, 'raw\\n');
    assert.equal(sliceRange(text, stringRange(d, c)), 'raw\\n');
  });

  it('gives a quoted key its text inside the quotes', () => {
    const text = '[deps]\n"zope.interface" = "1"\n';
    const d = doc(text);
    assert.equal(sliceRange(text, keyRange(d, entryAt(d.root, 'deps', 'zope.interface')!)), 'zope.interface');
  });

  it('reports a syntax error at its line and character, and never throws', () => {
    const bad = parseToml('a = 1\nb = "😀" x\n');
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.error.line, 2);
      assert.deepEqual(bad.error.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } });
      assert.match(bad.error.message, /^Invalid TOML: /);
    }
    for (const text of ['[', ']]', 'a = [' + '['.repeat(20000), 'a = "\u0000"', '\r', 'a = 1\r\nb = 2\r\n[x\r\n']) assert.doesNotThrow(() => parseToml(text));
  });
});

/** Both readers on one text: the fast one may refuse more (then the reference decides), never less. */
function agree(text: string): void {
  let fast: ReturnType<typeof parseTomlTree> | undefined;
  try {
    fast = parseTomlTree(text);
  } catch {
    fast = undefined;
  }
  const reference = parseTomlWithReference(text);
  if (fast === undefined) return;
  assert.ok(reference.ok, `the fast reader accepted what toml-eslint-parser rejects: ${JSON.stringify(text.slice(0, 200))}`);
  if (reference.ok) assert.deepStrictEqual(fast, reference.document.root, `trees differ for ${JSON.stringify(text.slice(0, 200))}`);
}

const EDGE_CASES = [
  'a = -0.0\nb = +inf\nc = nan\nd = 0xdead_beef\ne = 0o777\nf = 0b1010\ng = 1e+5\nh = 3.14_15',
  'a = 1979-05-27T00:32:00.999999-07:00\nb = 1979-05-27 07:32:00\nc = 2000-02-29\nd = 07:32\n',
  'a = """""""\nb = \'\'\'x\'\'\'\'\'\nc = """a\\\n\n  b"""\nd = "\\x41\\e"',
  '[a]\n[a.b]\n[a]', '[a.b]\n[a]', '[[a]]\n[[a.b]]\n[[a]]\n[[a.b]]', 'a = [{b=1}]\n[[a]]', 'x.y = 1\n[x.z]', 'x.y = 1\n[x]',
  '[x]\ny.z=1\n[x.y]', '[x.y.w]\n[x]\ny.z=1', '[x.y.w]\n[x]\ny.w.q=1', 'a = {b.c = 1, b.d = 2}', 'a = {b = {c = 1}, b.d = 2}',
  'a = {\n b = 1, # trailing\n}', '"" = 1\n\'\' = 2', 'a = 2001-02-29', 'a = 1979-05-27T24:00:00', 'a = 01', 'a = 1__2', 'ä = 1', '[ a . "b" ]\n[[ c ]]',
];

describe('TOML: the fast reader agrees with toml-eslint-parser', () => {
  it('on edge cases of the grammar and of table definition', () => {
    for (const text of EDGE_CASES) agree(text);
  });

  it('on arbitrary text built from TOML tokens', () => {
    const tokens = ['\n', '\r\n', ' ', '=', '"', "'", '"""', '[', ']', '[[', ']]', '{', '}', ',', '.', '#', 'a', 'b', '1', '0', '1.5', '-', '_', 'e', 'inf', 'true', '1979-05-27', 'T', '07:32:00', 'Z', '\\', '\\n', '\\u00e9', 'é', '😀', 'x = 1', '[a]', '[a.b]', '[[a]]', 'a.b = 1', 'b = {c = 1}', '\r', '\u0001', '0x1F'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 30 }), (parts) => agree(parts.join(''))), { numRuns: 3000 });
  });
});

describeCorpus('TOML: the fast reader agrees with toml-eslint-parser on real files', () => {
  const files = ['airflow/pyproject.toml', 'airflow/uv.lock', 'pydantic-ai/uv.lock', 'poetry/poetry.lock', 'poetry/history/2019-05-2c37180/poetry.lock', 'comfy-cli/pylock.toml', 'vectors/pylock/pylock.spec-example.toml', 'pdm/pdm.lock', 'uv-ecosystem/transformers/pyproject.toml'];
  for (const file of files) {
    it(`${file}: the same tree, offsets included`, () => agree(readFileSync(corpusPath(file), 'utf8')));
  }

  it('mutated files: lines cut, duplicated and spliced', () => {
    for (const file of ['poetry/pyproject.toml', 'pdm/fixtures/demo/pylock.toml', 'osv.dev/poetry.lock']) {
      const lines = readFileSync(corpusPath(file), 'utf8').split('\n').slice(0, 300);
      fc.assert(fc.property(fc.array(fc.nat(lines.length - 1), { minLength: 1, maxLength: 40 }), fc.nat(lines.length), (picks, cut) => agree([...lines.slice(0, cut), ...picks.map((i) => lines[i])].join('\n'))), { numRuns: 300 });
    }
  });
});
