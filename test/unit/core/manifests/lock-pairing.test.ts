/**
 * Manifests and their lock files together: every manifest and lock file of the corpus reads with
 * zero problems; a pyproject.toml is paired with the lock file its tool writes beside it; and
 * every direct dependency the pyproject declares is a package of that lock file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { formatFor, lockFileFor } from '../../../../src/core/manifests/registry';
import type { ParsedFile } from '../../../../src/core/model/dependency';
import { normalizeName } from '../../../../src/core/versions';
import { CORPUS, corpusPath, describeCorpus } from '../../../helpers/corpus';
import { assertAllInside } from './pyproject/ranges';

const NAMES = /^(pyproject\.toml|uv\.lock|poetry\.lock|pylock(\.[^.]+)?\.toml|Pipfile\.lock|pdm\.lock)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (NAMES.test(name)) out.push(path);
  }
  return out;
}

function read(path: string): ParsedFile {
  const format = formatFor(path);
  assert.ok(format, `no format reads ${path}`);
  const text = readFileSync(path, 'utf8');
  const parsed = format.parse(text, path, { env: {} });
  assertAllInside(parsed, text);
  return parsed;
}

describe('pairing a manifest with its lock file', () => {
  const files = ['/w/a/pyproject.toml', '/w/a/uv.lock', '/w/b/pyproject.toml', '/w/b/poetry.lock', '/w/c/pyproject.toml', '/w/c/pdm.lock', '/w/c/pylock.toml', '/w/d/pyproject.toml', '/w/d/pylock.toml', '/w/e/pyproject.toml', '/w/f/Pipfile', '/w/f/Pipfile.lock', '/w/uv.lock'];

  it('pairs each pyproject.toml with the lock file beside it, the tool-specific one first', () => {
    assert.equal(lockFileFor('/w/a/pyproject.toml', files), '/w/a/uv.lock');
    assert.equal(lockFileFor('/w/b/pyproject.toml', files), '/w/b/poetry.lock');
    assert.equal(lockFileFor('/w/c/pyproject.toml', files), '/w/c/pdm.lock');
    assert.equal(lockFileFor('/w/d/pyproject.toml', files), '/w/d/pylock.toml');
    assert.equal(lockFileFor('/w/e/pyproject.toml', files), undefined);
    assert.equal(lockFileFor('/w/f/Pipfile', files), '/w/f/Pipfile.lock');
  });
});

/** pip-audit's deliberately broken pylock files: each must report its problem, not read clean. */
const BROKEN = new Map([
  ['vectors/pylock/pip-audit/pylock.invalid.toml', 1],
  ['vectors/pylock/pip-audit/pylock.invalid-version.toml', 2],
  ['vectors/pylock/pip-audit/pylock.missing-packages.toml', 1],
  ['vectors/pylock/pip-audit/pylock.missing-version.toml', 1],
  ['vectors/pylock/pip-audit/pylock.package-missing-name.toml', 1],
]);

describeCorpus('every manifest and lock file of the corpus', () => {
  const files = walk(CORPUS);
  const kinds = (kind: string) => files.filter((f) => formatFor(f)?.kind === kind).length;

  it('finds them all by name: 85 pyproject.toml and 25 lock files (8 of them PEP 751 test vectors)', () => {
    assert.equal(files.length, 110);
    assert.deepEqual(
      ['pyproject', 'uv-lock', 'poetry-lock', 'pylock', 'pipfile-lock', 'pdm-lock'].map((k) => [k, kinds(k)]),
      [['pyproject', 85], ['uv-lock', 5], ['poetry-lock', 5], ['pylock', 11], ['pipfile-lock', 2], ['pdm-lock', 2]],
    );
  });

  it('reads each with zero problems; the broken test vectors each with their problems', () => {
    for (const file of files) {
      const parsed = read(file);
      const expected = BROKEN.get(relative(CORPUS, file)) ?? 0;
      assert.equal(parsed.problems.length, expected, `${relative(CORPUS, file)}: ${parsed.problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
    }
  });
});

/**
 * A direct dependency that a lock file need not hold: build requirements (not locked by uv,
 * Poetry or PDM), uv constraints and overrides (they only shape what is locked), and the project
 * naming itself with extras (`pdm[pytest]`).
 */
function isLockable(record: ParsedFile['dependencies'][number], projectName: string | null): boolean {
  if (record.group === 'build-system' || record.group?.startsWith('uv:')) return false;
  return projectName == null || record.name !== normalizeName(projectName);
}

describeCorpus('every direct dependency of a corpus pyproject is in its lock file', () => {
  const PAIRS: [string, string, number][] = [
    // manifest, its lock file, direct dependencies the lock must hold
    // Airflow: 271 lockable records, less its two self-references (apache-airflow[...]).
    ['airflow/pyproject.toml', 'airflow/uv.lock', 269],
    ['comfy-cli/pyproject.toml', 'comfy-cli/uv.lock', 27],
    ['pydantic-ai/pyproject.toml', 'pydantic-ai/uv.lock', 31],
    ['spectree/pyproject.toml', 'spectree/uv.lock', 18],
    ['uv/scripts-benchmark/pyproject.toml', 'uv/scripts-benchmark/uv.lock', 7],
    ['osv.dev/pyproject.toml', 'osv.dev/poetry.lock', 20],
    ['osv.dev/gcp-website/pyproject.toml', 'osv.dev/gcp-website/poetry.lock', 21],
    ['poetry/pyproject.toml', 'poetry/poetry.lock', 36],
    ['poetry/history/2022-06-89e3f7b/pyproject.toml', 'poetry/history/2022-06-89e3f7b/poetry.lock', 38],
    ['poetry/history/2019-05-2c37180/pyproject.toml', 'poetry/history/2019-05-2c37180/poetry.lock', 29],
    // PDM: 44 lockable records, less three self-references and the two extras it does not lock.
    ['pdm/pyproject.toml', 'pdm/pdm.lock', 39],
    ['pdm/fixtures/demo/pyproject.toml', 'pdm/fixtures/demo/pdm.lock', 4],
  ];
  const all = walk(CORPUS);

  it('pairs each of the 12 pyprojects that have one with its lock file', () => {
    const paired = all.filter((f) => basename(f) === 'pyproject.toml' && lockFileFor(f, all) !== undefined);
    assert.deepEqual(paired.map((f) => [relative(CORPUS, f), relative(CORPUS, lockFileFor(f, all)!)]).sort(), PAIRS.map(([m, l]) => [m, l]).sort());
  });

  for (const [manifestFile, lockFile, count] of PAIRS) {
    it(`${manifestFile} → ${basename(lockFile)}: ${count} direct dependencies, all locked`, () => {
      const manifest = read(corpusPath(manifestFile));
      const lock = read(corpusPath(lockFile));
      const locked = new Set(lock.lock!.packages.map((p) => p.name));
      // PDM locks only the groups listed in its [metadata]; extras left out of it are not locked.
      const lockedGroups = new Set(lock.lock!.packages.flatMap((p) => p.groups).map((g) => g.replace(/^(group|extra):/, '')));
      const direct = manifest.dependencies.filter((d) => isLockable(d, manifest.projectName));
      const unlockedGroup = direct.filter((d) => lock.kind === 'pdm-lock' && d.group != null && !lockedGroups.has(d.group.replace(/^(group|extra):/, '')));
      const checked = direct.filter((d) => !unlockedGroup.includes(d));
      assert.equal(checked.length, count);
      assert.deepEqual(checked.filter((d) => !locked.has(d.name)).map((d) => `${d.line}: ${d.name}`), []);
      if (manifestFile === 'pdm/pyproject.toml') assert.deepEqual(unlockedGroup.map((d) => [d.name, d.group]), [['copier', 'extra:copier'], ['cookiecutter', 'extra:cookiecutter']]);
      else assert.deepEqual(unlockedGroup, []);
    });
  }

  it('uv.lock: each direct dependency is reached through its own group', () => {
    for (const [manifestFile, lockFile] of PAIRS.filter(([, l]) => l.endsWith('uv.lock'))) {
      const manifest = read(corpusPath(manifestFile));
      const groups = new Map<string, string[]>();
      for (const p of read(corpusPath(lockFile)).lock!.packages) groups.set(p.name, [...(groups.get(p.name) ?? []), ...p.groups]);
      const wrong = manifest.dependencies.filter((d) => isLockable(d, manifest.projectName) && !(groups.get(d.name) ?? []).includes(d.group ?? 'main'));
      assert.deepEqual(wrong.map((d) => `${d.name} ${d.group}`), [], manifestFile);
    }
  });
});
