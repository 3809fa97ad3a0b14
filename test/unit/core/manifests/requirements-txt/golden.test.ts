/**
 * Every requirements file with a golden answer (golden/requirements/**.json, made by pip 23.2.1
 * with cwd = the file's folder) reads exactly as pip reads it: name, specifier set, extras,
 * marker, URL, editable, constraint, line, file and hashes of every requirement, includes followed
 * through the registry; where pip failed on a line, we report an error at that line.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readManifest } from '../../../../../src/core/manifests/registry';
import type { RequirementsParseOptions } from '../../../../../src/core/manifests/requirements-txt';
import type { Dependency, ParsedFile } from '../../../../../src/core/model/dependency';
import { CORPUS, corpusPath, describeCorpus, readCorpus } from '../../../../helpers/corpus';
import { diskFiles } from '../../../../helpers/files';

interface GoldenRequirement {
  readonly name: string | null;
  readonly specifier: string;
  readonly extras: readonly string[];
  readonly marker: string | null;
  readonly url: string | null;
  readonly editable: boolean;
  readonly line: number;
  readonly file: string;
  readonly constraint: boolean;
  readonly hashes: readonly string[];
  readonly raw: string;
  readonly error?: string;
}

interface Golden {
  readonly source: string;
  readonly requirements: readonly GoldenRequirement[];
}

function goldenFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? goldenFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

/** pip looks at the disk to tell local paths and editables from requirement names; so do we, here. */
const options: RequirementsParseOptions = {
  env: {},
  probe: (path) => {
    try {
      const st = statSync(path);
      return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : null;
    } catch {
      return null;
    }
  },
};

const specifierSet = (text: string): string[] => [...new Set(text.split(',').filter((s) => s !== ''))].sort();

/** The fields pip's golden records, from our record, in the golden's terms. */
function ours(d: Dependency): Record<string, unknown> {
  return {
    name: d.name === '' ? null : d.name,
    specifier: specifierSet(d.specifier),
    extras: [...d.extras].sort(),
    marker: d.marker,
    url: d.url,
    editable: d.editable,
    line: d.line,
    file: relative(CORPUS, d.file),
    constraint: d.constraint,
    hashes: d.hashes,
  };
}

function theirs(g: GoldenRequirement): Record<string, unknown> {
  return {
    name: g.name,
    specifier: specifierSet(g.specifier),
    extras: [...g.extras].sort(),
    marker: g.marker,
    url: g.url?.replace('{CORPUS}', CORPUS) ?? null,
    editable: g.editable,
    line: g.line,
    file: g.file,
    constraint: g.constraint,
    hashes: g.hashes,
  };
}

/** pip reads a file once per include; the registry reads it once. The golden repeats must be identical. */
function onePass(records: readonly GoldenRequirement[], count: number): readonly GoldenRequirement[] {
  if (count === 0 || records.length === count) return records;
  assert.equal(records.length % count, 0, `${records[0]?.file}: ${records.length} golden records for ${count} of ours`);
  const first = records.slice(0, count);
  for (let i = count; i < records.length; i += count) assert.deepEqual(records.slice(i, i + count), first);
  return first;
}

function errorLines(file: ParsedFile): number[] {
  return [...new Set(file.problems.filter((p) => p.severity === 'error').map((p) => p.line))].sort((a, b) => a - b);
}

describeCorpus('requirements files read exactly as pip 23.2.1 reads them (golden)', () => {
  const goldens = goldenFiles(corpusPath('golden', 'requirements')).sort();
  let agreed = 0;
  let total = 0;

  it('has the 83 requirements goldens', () => assert.equal(goldens.length, 83));

  for (const path of goldens) {
    const golden = JSON.parse(readCorpus(relative(CORPUS, path))) as Golden;
    it(golden.source, async () => {
      const files = await readManifest(corpusPath(golden.source), diskFiles, options);
      const byFile = new Map<string, GoldenRequirement[]>();
      for (const g of golden.requirements) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
      for (const file of files) {
        const name = relative(CORPUS, file.path);
        const expected = onePass(byFile.get(name) ?? [], file.dependencies.length);
        byFile.delete(name);
        assert.equal(file.dependencies.length, expected.length, `${name}: record count`);
        expected.forEach((g, i) => {
          const d = file.dependencies[i]!;
          total++;
          if (g.error !== undefined) {
            assert.equal(d.skipReason, 'invalid', `${name}:${g.line} pip failed (${g.error.split('\n')[0]}), we must mark the record invalid`);
            assert.equal(d.line, g.line);
          } else {
            assert.deepEqual(ours(d), theirs(g), `${name}:${g.line} ${g.raw}`);
            assert.notEqual(d.skipReason, 'invalid');
          }
          agreed++;
        });
        assert.deepEqual(errorLines(file), [...new Set(expected.filter((g) => g.error !== undefined).map((g) => g.line))], `${name}: lines with errors`);
      }
      assert.deepEqual([...byFile.keys()], [], 'golden files we did not read');
    });
  }

  it('agrees on every golden requirement', () => {
    console.log(`      requirements goldens: ${agreed}/${total} golden requirements agree (${goldens.length} files)`);
    assert.equal(total, 5093 - duplicatesReadOnce());
    assert.equal(agreed, total);
  });
});

/** Golden records of files that pip read twice and the registry reads once (home-assistant's constraints). */
function duplicatesReadOnce(): number {
  return 105;
}
