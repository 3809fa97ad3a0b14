/**
 * Property tests: no reader throws on any input, and every range it reports lies inside the
 * document. Inputs are arbitrary text, text built from each format's own vocabulary, and real
 * corpus files with random mutations (cut, duplicated, spliced lines).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FORMATS } from '../../../../src/core/manifests/registry';
import type { ManifestFormat } from '../../../../src/core/manifests/format';
import type { ParsedFile } from '../../../../src/core/model/dependency';
import type { SourceRange } from '../../../../src/core/model/range';
import { corpusFound, readCorpus } from '../../../helpers/corpus';

const SAMPLES: Record<string, string[]> = {
  requirements: ['home-assistant/requirements_test.txt', 'warehouse/requirements/main.txt', 'uv-test-requirements/all-kinds.in', 'vectors/uv-requirements-txt/editable.txt'],
  pyproject: ['airflow/pyproject.toml', 'poetry/pyproject.toml', 'pep735/packaging-pyproject.toml', 'pdm/pyproject.toml'],
  'uv-lock': ['spectree/uv.lock'],
  'poetry-lock': ['osv.dev/poetry.lock'],
  pylock: ['comfy-cli/pylock.toml'],
  'pipfile-lock': ['pipenv/Pipfile.lock'],
  'pdm-lock': ['pdm/pdm.lock'],
};

const TOKENS = ['\n', '\r\n', ' ', '\t', '\\', '#', ';', '@', '[', ']', '(', ')', ',', '"', "'", '=', '==', '>=', '~=', '===', '*', '^', '-r ', '-c ', '-e ', '--hash=sha256:', '${HOME}', 'name', 'requests', '1.0', '[project]', 'dependencies = [', '[[package]]', 'version = ', '{', '}', ':', 'é', '😀', '\uFEFF', 'python_version < "3.8"', 'extra == "x"', 'git+https://x/y.git#egg=z'];

function linesOf(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

function assertRangeInside(range: SourceRange, lines: string[], what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < Math.max(lines.length, 1), `${what}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(p.character >= 0 && p.character <= (lines[p.line] ?? '').length, `${what}: character ${p.character} outside line ${p.line} (length ${(lines[p.line] ?? '').length})`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: range ends before it starts`);
}

function checkParsed(parsed: ParsedFile, text: string): void {
  const lines = linesOf(text);
  for (const d of parsed.dependencies) {
    assertRangeInside(d.nameRange, lines, `nameRange of ${d.rawName}`);
    assertRangeInside(d.specifierRange, lines, `specifierRange of ${d.rawName}`);
    assertRangeInside(d.requirementRange, lines, `requirementRange of ${d.rawName}`);
    assert.ok(d.line >= 1 && d.line <= lines.length, `line ${d.line} of ${d.rawName}`);
  }
  for (const p of parsed.problems) {
    assertRangeInside(p.range, lines, `problem '${p.message}'`);
    assert.ok(p.line >= 1 && p.line <= Math.max(lines.length, 1), `problem line ${p.line}`);
  }
}

function parseSafely(format: ManifestFormat, text: string): void {
  let parsed: ParsedFile;
  try {
    parsed = format.parse(text, `/fuzz/${format.kind}`, { env: { HOME: '/home/x' } });
  } catch (e) {
    assert.fail(`${format.kind} threw on ${JSON.stringify(text.slice(0, 200))}: ${(e as Error).stack}`);
  }
  checkParsed(parsed, text);
}

const vocabulary = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));
const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe('every reader, on arbitrary input', () => {
  for (const format of FORMATS) {
    it(`${format.kind}: never throws, ranges inside the text (arbitrary unicode)`, () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => parseSafely(format, text)), { numRuns: runs });
    });
    it(`${format.kind}: never throws, ranges inside the text (format vocabulary)`, () => {
      fc.assert(fc.property(vocabulary, (text) => parseSafely(format, text)), { numRuns: runs });
    });
  }
});

describe('every reader, on mutated corpus files', function () {
  if (!corpusFound) {
    it('skipped: corpus not found', function () {
      this.skip();
    });
    return;
  }
  for (const format of FORMATS) {
    for (const sample of SAMPLES[format.kind] ?? []) {
      it(`${format.kind}: ${sample} cut, spliced and duplicated`, () => {
        const lines = linesOf(readCorpus(sample)).slice(0, 400);
        const mutation = fc.record({
          cut: fc.nat({ max: lines.length }),
          from: fc.nat({ max: lines.length }),
          count: fc.nat({ max: 20 }),
          junk: vocabulary,
          column: fc.nat({ max: 80 }),
        });
        fc.assert(
          fc.property(mutation, ({ cut, from, count, junk, column }) => {
            const copy = [...lines];
            copy.splice(from, 0, ...lines.slice(cut, cut + count));
            const target = copy[cut] ?? '';
            copy[cut] = target.slice(0, column) + junk + target.slice(column);
            parseSafely(format, copy.join('\n'));
          }),
          { numRuns: Math.max(30, Math.floor(runs / 5)) },
        );
      });
    }
  }
});
