import assert from 'node:assert/strict';
import { buildProjects, type ManifestRead } from '../../../../src/core/graph/projects';
import { reachability, type DependencyGraph } from '../../../../src/core/graph/graph';
import { lockGraph, manifestGraph, pinnedVersion } from '../../../../src/core/graph/build';
import { readManifest, formatFor } from '../../../../src/core/manifests/registry';
import { DEFAULT_TARGET, environmentFor } from '../../../../src/core/pep508/markers';
import { corpusPath, describeCorpus } from '../../../helpers/corpus';
import { diskFiles, memoryFiles } from '../../../helpers/files';

async function readAll(paths: readonly string[], files = diskFiles): Promise<ManifestRead[]> {
  return Promise.all(paths.map(async (root) => ({ root, files: await readManifest(root, files) })));
}

function reachOf(graph: DependencyGraph, name: string) {
  const entry = [...reachability(graph)].find(([id]) => graph.nodes.get(id)!.name === name);
  assert.ok(entry, `${name} is not reached`);
  return entry[1];
}

describeCorpus('graphs of real projects', () => {
  it('pydantic-ai: its pyproject paired with its uv.lock', async () => {
    const [project, ...rest] = buildProjects(await readAll([corpusPath('pydantic-ai/pyproject.toml'), corpusPath('pydantic-ai/uv.lock')]), DEFAULT_TARGET);
    assert.equal(rest.length, 0, 'the lock file belongs to the pyproject, not a project of its own');
    const graph = project!.graph;
    assert.equal(graph.origin, 'lock');
    assert.equal(graph.label, 'locked in uv.lock');
    assert.equal(graph.nodes.size, 347);
    assert.equal(graph.direct.length, 31);
    assert.ok(graph.direct.every((d) => d.record != null && d.node != null), 'every direct dependency has its manifest record and its locked node');
    const mdurl = reachOf(graph, 'mdurl');
    assert.equal(mdurl.depth, 3);
    assert.deepEqual(mdurl.paths[0], ['pydocket', 'rich', 'markdown-it-py', 'mdurl']);
    assert.equal(new Set(mdurl.paths.map((p) => p.join('>'))).size, mdurl.paths.length, 'paths are distinct');
    assert.deepEqual(reachOf(graph, 'starlette').paths, [['fastmcp', 'fastmcp-slim', 'starlette']]);
  });

  it("Airflow: 995 locked packages, 271 direct entries, workspace members on the path", async () => {
    const [project] = buildProjects(await readAll([corpusPath('airflow/pyproject.toml'), corpusPath('airflow/uv.lock')]), DEFAULT_TARGET);
    const graph = project!.graph;
    assert.equal(graph.nodes.size, 995);
    assert.equal(graph.direct.length, 271);
    assert.equal(reachability(graph).size, 955);
    const croniter = reachOf(graph, 'croniter');
    assert.equal(croniter.depth, 1);
    assert.deepEqual(croniter.paths[0], ['apache-airflow-core', 'croniter']);
    assert.ok(croniter.through.includes('apache-airflow-core'));
    assert.deepEqual(reachOf(graph, 'mdurl').paths[0]!.slice(-3), ['rich', 'markdown-it-py', 'mdurl']);
  });

  it('warehouse main.txt: a compiled requirements file, edges from its # via comments', async () => {
    const [project] = buildProjects(await readAll([corpusPath('warehouse/requirements/main.txt')]), DEFAULT_TARGET);
    const graph = project!.graph;
    assert.equal(graph.origin, 'manifest');
    assert.equal(graph.nodes.size, 184);
    // The 79 packages main.in asks for are direct even when something else pulls them in too.
    const mainIn = (await readManifest(corpusPath('warehouse/requirements/main.in'), diskFiles))[0]!;
    assert.equal(graph.direct.length, mainIn.dependencies.length);
    assert.deepEqual(new Set(graph.direct.map((d) => d.name)), new Set(mainIn.dependencies.map((d) => d.name)));
    assert.deepEqual(reachOf(graph, 'mdurl').paths[0], ['pypi-attestations', 'sigstore', 'rich', 'markdown-it-py', 'mdurl']);
    assert.equal(reachOf(graph, 'alembic').depth, 0);
  });
});

describe('graphs from hand-written lock files', () => {
  const pyproject = '[project]\nname = "app"\nversion = "1"\ndependencies = ["a", "win-only; sys_platform == \'win32\'"]\n';
  const lock = `version = 1
requires-python = ">=3.9"

[[package]]
name = "app"
version = "1"
source = { editable = "." }
dependencies = [{ name = "a" }, { name = "win-only", marker = "sys_platform == 'win32'" }]

[[package]]
name = "a"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "b" }, { name = "c", marker = "python_full_version < '3.10'" }]

[[package]]
name = "b"
version = "2.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "a" }]

[[package]]
name = "c"
version = "3.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "win-only"
version = "1.0"
source = { registry = "https://pypi.org/simple" }
`;
  async function graphFor(target = DEFAULT_TARGET): Promise<DependencyGraph> {
    const files = memoryFiles({ '/w/pyproject.toml': pyproject, '/w/uv.lock': lock });
    return buildProjects(await readAll(['/w/pyproject.toml', '/w/uv.lock'], files), target)[0]!.graph;
  }

  it('marks edges and direct dependencies whose markers fail for the target as inactive', async () => {
    const graph = await graphFor({ ...DEFAULT_TARGET, env: environmentFor('3.12', 'linux') });
    assert.deepEqual(graph.direct.map((d) => [d.name, d.active]), [['a', true], ['win-only', false]]);
    const reach = reachability(graph);
    assert.deepEqual([...reach.keys()].sort(), ['a@1.0', 'b@2.0']);
    const old = await graphFor({ ...DEFAULT_TARGET, env: environmentFor('3.9', 'windows') });
    assert.deepEqual([...reachability(old).keys()].sort(), ['a@1.0', 'b@2.0', 'c@3.0', 'win-only@1.0']);
  });

  it('walks a cycle once and keeps shortest paths', async () => {
    const reach = reachability(await graphFor());
    assert.deepEqual(reach.get('a@1.0'), { depth: 0, paths: [['a']], through: ['a'], groups: ['main'] });
    assert.deepEqual(reach.get('b@2.0'), { depth: 1, paths: [['a', 'b']], through: ['a'], groups: ['main'] });
  });

  it('an edit beside a kept lock read keeps its nodes and reach while the roots stay, and not once they change', async () => {
    const lockRead = (await readAll(['/w/uv.lock'], memoryFiles({ '/w/uv.lock': lock })))[0]!;
    const graphWith = async (text: string, target = DEFAULT_TARGET) =>
      buildProjects([(await readAll(['/w/pyproject.toml'], memoryFiles({ '/w/pyproject.toml': text })))[0]!, lockRead], target)[0]!.graph;
    const before = await graphWith(pyproject);
    const retyped = await graphWith(pyproject.replace('"a"', '"a>=1"'));
    assert.notEqual(retyped, before);
    assert.equal(retyped.nodes, before.nodes, 'the same lock read and target give the same nodes');
    assert.equal(reachability(retyped), reachability(before), 'the same roots reach the same way');

    const withoutA = await graphWith(pyproject.replace('"a", ', ''));
    assert.equal(withoutA.nodes, before.nodes);
    assert.deepEqual([...reachability(withoutA).keys()], [], 'win-only is inactive on Linux and a is gone: nothing is reached');
    assert.deepEqual([...reachability(before).keys()].sort(), ['a@1.0', 'b@2.0']);

    const onWindows = await graphWith(pyproject, { ...DEFAULT_TARGET, env: environmentFor('3.12', 'windows') });
    assert.notEqual(onWindows.nodes, before.nodes, 'another target evaluates the markers again');
    assert.deepEqual([...reachability(onWindows).keys()].sort(), ['a@1.0', 'b@2.0', 'win-only@1.0']);
  });

  it('reads a lock file alone: the project package gives the roots', async () => {
    const parsed = formatFor('/w/uv.lock')!.parse(lock, '/w/uv.lock', { env: {} });
    const graph = lockGraph(parsed, null, DEFAULT_TARGET);
    assert.deepEqual(graph.direct.map((d) => d.name).sort(), ['a', 'win-only']);
  });

  it('takes pinned versions from a manifest without a lock', async () => {
    const reads = await readAll(['/r/requirements.txt'], memoryFiles({ '/r/requirements.txt': 'a==1.0\nb>=2\nc===weird\n' }));
    const graph = manifestGraph(reads[0]!.files, DEFAULT_TARGET);
    assert.deepEqual([...graph.nodes.keys()], ['a@1.0', 'b', 'c@weird']);
    assert.equal(pinnedVersion('==1.*'), null);
    assert.equal(pinnedVersion('>=1,==1.2'), '1.2');
  });
});
