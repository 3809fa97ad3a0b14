/** `beachcomber deps`: the JSON shape other tools rely on, and the exit codes. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { corpusPath, describeCorpus } from '../../helpers/corpus';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const KEYS = ['file', 'line', 'name', 'rawName', 'specifier', 'extras', 'marker', 'url', 'editable', 'constraint', 'version', 'group', 'hashes', 'nameRange', 'specifierRange', 'skipReason'];

interface DepsJson {
  files: { path: string; kind: string; dependencies: Record<string, unknown>[]; problems: { line: number; message: string }[] }[];
}

describe('beachcomber deps', function () {
  this.timeout(30_000);

  it('prints exactly the documented record shape, one entry per file read, and exits 0 on clean input', async () => {
    const result = await runCli(['deps', join(FIXTURES, 'scan', 'vulnerable', 'requirements.txt'), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as DepsJson;
    assert.equal(json.files.length, 1);
    const [file] = json.files;
    assert.equal(file!.kind, 'requirements');
    assert.deepEqual(Object.keys(file!), ['path', 'kind', 'dependencies', 'problems']);
    for (const d of file!.dependencies) assert.deepEqual(Object.keys(d), KEYS);
    assert.deepEqual(file!.dependencies[0], {
      file: file!.path,
      line: 2,
      name: 'jinja2',
      rawName: 'jinja2',
      specifier: '==2.10',
      extras: [],
      marker: null,
      url: null,
      editable: false,
      constraint: false,
      version: null,
      group: null,
      hashes: [],
      nameRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } },
      specifierRange: { start: { line: 1, character: 6 }, end: { line: 1, character: 12 } },
      skipReason: null,
    });
    assert.equal(file!.dependencies[3]!.skipReason, 'unpinned');
  });

  it('exits 1 when an input has problems, and says where', async () => {
    const result = await runCli(['deps', join(FIXTURES, 'requirements', 'bad.txt'), '--format', 'json']);
    assert.equal(result.code, 1);
    const json = JSON.parse(result.stdout) as DepsJson;
    assert.ok(json.files[0]!.problems.length > 0);
    assert.ok(json.files[0]!.problems.every((p) => p.line >= 1 && p.message.length > 0));
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await runCli(['deps'])).code, 2);
    assert.equal((await runCli(['deps', FIXTURES, '--format', 'xml'])).code, 2);
    assert.equal((await runCli(['frobnicate'])).code, 2);
  });
});

describeCorpus('beachcomber deps on the corpus', function () {
  this.timeout(30_000);
  it('a folder: every manifest and lock file, includes as their own entries, 0 problems', async () => {
    const result = await runCli(['deps', corpusPath('pydantic-ai'), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as DepsJson;
    assert.deepEqual(json.files.map((f) => [f.path.split('/').pop(), f.kind, f.dependencies.length]), [['pyproject.toml', 'pyproject', 60], ['uv.lock', 'uv-lock', 347]]);
    const includes = JSON.parse((await runCli(['deps', corpusPath('home-assistant/requirements_test.txt'), '--format', 'json'])).stdout) as DepsJson;
    assert.deepEqual(includes.files.map((f) => f.path.split('/').slice(-2).join('/')), ['home-assistant/requirements_test.txt', 'homeassistant/package_constraints.txt', 'home-assistant/requirements_test_pre_commit.txt']);
    assert.ok(includes.files[1]!.dependencies.every((d) => d['constraint'] === true), 'records read through -c are constraints');
  });
});
