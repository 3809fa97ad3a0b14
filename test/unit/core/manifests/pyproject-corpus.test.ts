/**
 * Every pyproject.toml of the shared corpus reads with zero problems, every range lies inside
 * the file and covers the name and specifier it claims, and known records carry exact values.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePyproject } from '../../../../src/core/manifests/pyproject';
import type { ParsedFile } from '../../../../src/core/model/dependency';
import { CORPUS, corpusPath, describeCorpus } from '../../../helpers/corpus';
import { assertAllInside, onLine, sliceRange } from './pyproject/ranges';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name === 'pyproject.toml') out.push(relative(CORPUS, path));
  }
  return out;
}

function read(file: string): { text: string; parsed: ParsedFile } {
  const text = readFileSync(corpusPath(file), 'utf8');
  return { text, parsed: parsePyproject(text, file) };
}

/** Records per file, as read; a change here is a change in what users see. */
const COUNTS: Readonly<Record<string, number>> = {
  'airflow/pyproject.toml': 280,
  'airflow/airflow-core/pyproject.toml': 99,
  'airflow/providers/google/pyproject.toml': 120,
  'comfy-cli/pyproject.toml': 28,
  'osv.dev/pyproject.toml': 21,
  'osv.dev/gcp-website/pyproject.toml': 22,
  'pdm/pyproject.toml': 46,
  'poetry/pyproject.toml': 37,
  'poetry/history/2019-05-2c37180/pyproject.toml': 29,
  'poetry/history/2022-06-89e3f7b/pyproject.toml': 39,
  'pydantic-ai/pyproject.toml': 60,
  'spectree/pyproject.toml': 19,
  'uv-ecosystem/transformers/pyproject.toml': 271,
  'uv-ecosystem/zulip/pyproject.toml': 127,
  'warehouse/pyproject.toml': 0,
};

describeCorpus('pyproject.toml: every file of the corpus', () => {
  const files = walk(CORPUS).concat('pep735/packaging-pyproject.toml');

  it('finds the 85 pyproject.toml files, plus the PEP 735 sample', () => {
    assert.equal(files.length, 86);
  });

  it('reads each with zero problems and ranges that cover the names and specifiers they claim', () => {
    let records = 0;
    for (const file of files) {
      const { text, parsed } = read(file);
      assert.deepEqual(parsed.problems.map((p) => `${p.line}: ${p.message}`), [], file);
      assertAllInside(parsed, text);
      for (const d of parsed.dependencies) {
        assert.equal(sliceRange(text, d.nameRange), d.rawName, `${file}:${d.line} name`);
        assert.equal(sliceRange(text, d.specifierRange).replace(/[\s()]/g, ''), d.specifier.replace(/[()]/g, ''), `${file}:${d.line} specifier`);
      }
      records += parsed.dependencies.length;
    }
    assert.equal(records, 3233);
  });

  it('reads the expected number of records from the named projects', () => {
    for (const [file, count] of Object.entries(COUNTS)) assert.equal(read(file).parsed.dependencies.length, count, file);
  });
});

describeCorpus('pyproject.toml: Airflow root (88 KB, 132 extras)', () => {
  const { text, parsed } = read('airflow/pyproject.toml');
  const byGroup = (prefix: string) => parsed.dependencies.filter((d) => (d.group ?? 'main').startsWith(prefix));

  it('reads 132 extras, the build requirements, groups, and uv constraints and overrides', () => {
    assert.equal(parsed.projectName, 'apache-airflow');
    assert.equal(new Set(byGroup('extra:').map((d) => d.group)).size, 132);
    assert.equal(byGroup('extra:').length, 240);
    assert.equal(byGroup('build-system').length, 7);
    assert.equal(byGroup('main').length, 2);
    assert.equal(byGroup('group:dev').length, 26);
    assert.deepEqual(byGroup('uv:').map((d) => [d.group, d.name, d.specifier, d.constraint]), [
      ['uv:override', 'openai', '>=2.47.0,<3', false],
      ['uv:constraint', 'azure-ai-projects', '<2.5', true],
    ]);
  });

  it('marks workspace members from [tool.uv.sources] as local paths', () => {
    const sdk = parsed.dependencies.find((d) => d.name === 'apache-airflow-task-sdk' && d.group == null)!;
    assert.deepEqual([sdk.line, onLine(sdk.nameRange), onLine(sdk.specifierRange), sdk.specifier, sdk.skipReason], [63, [62, 5, 28], [62, 28, 42], '<1.5.0,>=1.4.0', 'path']);
    assert.deepEqual(sdk.source, { type: 'path', path: '', editable: true });
    assert.equal(parsed.dependencies.filter((d) => d.skipReason === 'path').length, 264);
  });

  it('keeps build requirements with their markers', () => {
    const tomli = parsed.dependencies.find((d) => d.name === 'tomli' && d.group === 'build-system')!;
    assert.deepEqual([tomli.line, onLine(tomli.nameRange), tomli.specifier, tomli.marker, tomli.skipReason], [24, [23, 5, 10], '==2.4.1', 'python_version < "3.11"', null]);
    assert.equal(sliceRange(text, tomli.requirementRange), "tomli==2.4.1; python_version < '3.11'");
  });

  it('reads in a few milliseconds', () => {
    const start = performance.now();
    parsePyproject(text, 'airflow/pyproject.toml');
    const ms = performance.now() - start;
    console.log(`      Airflow pyproject.toml (${text.length} chars): ${ms.toFixed(1)} ms`);
    assert.ok(ms < 250, `${ms} ms`);
  });
});

describeCorpus('pyproject.toml: Poetry, PDM and PEP 735 in real projects', () => {
  it('keeps Poetry 1.2 constraints as written, parentheses and all', () => {
    const { parsed } = read('poetry/history/2022-06-89e3f7b/pyproject.toml');
    const virtualenv = parsed.dependencies.find((d) => d.name === 'virtualenv')!;
    assert.deepEqual([virtualenv.line, onLine(virtualenv.nameRange), onLine(virtualenv.specifierRange), virtualenv.specifier], [68, [67, 0, 10], [67, 14, 44], '(>=20.4.3,<20.4.5||>=20.4.7)']);
    const importlib = parsed.dependencies.find((d) => d.name === 'importlib-metadata')!;
    assert.deepEqual([importlib.specifier, importlib.marker], ['>=1.6.0', 'python_version < "3.8"']);
  });

  it('turns Poetry 1.0 python constraints into markers', () => {
    const { parsed } = read('poetry/history/2019-05-2c37180/pyproject.toml');
    const typing = parsed.dependencies.find((d) => d.name === 'typing')!;
    assert.deepEqual([typing.line, typing.specifier, typing.marker], [40, '^3.6', '(python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.4" and python_version < "3.5")']);
    assert.equal(parsed.dependencies.filter((d) => d.group === 'group:dev').length, 12);
  });

  it('lends the Poetry path source to the PEP 621 record of the same name', () => {
    const { parsed } = read('osv.dev/gcp-website/pyproject.toml');
    const osv = parsed.dependencies.filter((d) => d.name === 'osv');
    assert.equal(osv.length, 1);
    assert.deepEqual([osv[0]!.line, osv[0]!.skipReason, osv[0]!.editable, osv[0]!.source], [22, 'path', true, { type: 'path', path: '../../', editable: true }]);
  });

  it('reads PDM self-references with extras in groups and extras', () => {
    const { parsed } = read('pdm/pyproject.toml');
    const self = parsed.dependencies.filter((d) => d.name === 'pdm').map((d) => [d.line, d.group, d.extras]);
    assert.deepEqual(self, [
      [70, 'extra:template', ['copier', 'cookiecutter']],
      [73, 'extra:all', ['keyring', 'template']],
      [81, 'group:test', ['pytest']],
    ]);
  });

  it('reads include-group entries without records of their own', () => {
    const { parsed } = read('uv-ecosystem/zulip/pyproject.toml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.dependencies.filter((d) => d.group === 'group:dev').length, 43);
  });
});
