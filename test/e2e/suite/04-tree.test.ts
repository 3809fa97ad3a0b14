/**
 * The Dependencies view's data as VS Code asks for it (getChildren / getTreeItem): manifests,
 * direct dependencies, the packages each pulls in down to a transitive finding, risky-only and
 * by-risk views, and the context menu commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/tree-model';
import { api, fakes, range, settled, waitFor, workspaceUri } from '../support/editor';
import { needsCorpus } from '../support/fakes';

async function children(node?: TreeNode): Promise<TreeNode[]> {
  return ((await (await api()).testing.tree.getChildren(node)) ?? []) as TreeNode[];
}

/** `label | description | icon (colour) | context`, what a row shows and offers. */
async function row(node: TreeNode): Promise<string> {
  const item = await (await api()).testing.tree.getTreeItem(node);
  const icon = item.iconPath instanceof vscode.ThemeIcon ? `${item.iconPath.id}${item.iconPath.color ? ` (${item.iconPath.color.id})` : ''}` : '';
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return `${label} | ${String(item.description ?? '')} | ${icon}${item.contextValue ? ` | ${item.contextValue}` : ''}`;
}

async function rows(node?: TreeNode): Promise<string[]> {
  return Promise.all((await children(node)).map(row));
}

async function find(parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  for (const node of await children(parent)) {
    const item = await (await api()).testing.tree.getTreeItem(node);
    if ((typeof item.label === 'string' ? item.label : item.label?.label) === label) return node;
  }
  throw new Error(`no tree row '${label}'`);
}

describe('the Dependencies tree', () => {
  before(async function () {
    needsCorpus(this); // every test here asserts on the corpus's advisories
    await fakes();
    await settled();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('beachcomber.tree.showAll');
    await vscode.commands.executeCommand('beachcomber.tree.groupByManifest');
  });

  it('workspace → manifests, each with its graph and the number of risky packages in it', async () => {
    assert.deepEqual(await rows(), [
      'poetry-app/pyproject.toml | locked in poetry.lock · 2 risky | file | project',
      'requirements-dev.txt | as written (no lock file) · 2 risky | file | project',
      'requirements.txt | as written (no lock file) · 3 risky | file | project',
      'service/pyproject.toml | locked in uv.lock · 4 risky | file | project',
    ]);
  });

  it('a manifest → its direct dependencies, riskiest first, with versions, icons and what is risky beneath', async () => {
    const service = await find(undefined, 'service/pyproject.toml');
    assert.deepEqual(await rows(service), [
      'aiohttp | 3.9.1 · 1 risky beneath | error (problemsErrorIcon.foreground) | package;fix;fork;forgo;record;advisory;accept;',
      'fastapi | 0.109.0 · 1 risky beneath | error (problemsErrorIcon.foreground) | package;fix;fork;forgo;record;advisory;accept;',
      'pyyaml | 5.3 | warning (problemsWarningIcon.foreground) | package;fix;fork;forgo;record;advisory;accept;',
      'pytest | 8.0.0 | pass (testing.iconPassed) | package;fork;forgo;record;',
    ]);
    const requirements = await find(undefined, 'requirements.txt');
    assert.deepEqual((await rows(requirements)).map((r) => r.split(' | ').slice(0, 3).join(' | ')), [
      'idna | 3.6 | error (problemsErrorIcon.foreground)',
      'pycrypto | 2.6.1 | error (problemsErrorIcon.foreground)',
      'pyyaml | 5.3 | warning (problemsWarningIcon.foreground)',
      'attrs | 24.2.0 | pass (testing.iconPassed)',
      'flask | 3.0.3 | pass (testing.iconPassed)',
      'pywin32 | 306 · inactive | circle-slash (disabledForeground)',
    ]);
  });

  it('a transitive path down to the finding: fastapi → starlette → anyio → idna, lazily, from the lock file', async () => {
    const service = await find(undefined, 'service/pyproject.toml');
    const fastapi = await find(service, 'fastapi');
    assert.deepEqual(await rows(fastapi), ['starlette | 0.35.1 · 1 risky beneath | info (problemsInfoIcon.foreground) | package;accept;', 'typing-extensions | 4.9.0 | info (problemsInfoIcon.foreground) | package;accept;']);
    const anyio = await find(await find(fastapi, 'starlette'), 'anyio');
    assert.deepEqual(await rows(anyio), ['idna | 3.6 | error (problemsErrorIcon.foreground) | package;fix;advisory;accept;', 'sniffio | 1.3.0 | info (problemsInfoIcon.foreground) | package;accept;']);
    const idna = await find(anyio, 'idna');
    assert.deepEqual(await children(idna), []);
    const item = await (await api()).testing.tree.getTreeItem(idna);
    assert.match((item.tooltip as vscode.MarkdownString).value, /\*\*Introduced through\*\*\n\n- fastapi → starlette → anyio → idna/);
  });

  it('risky only: rows without a risky package beneath them go', async () => {
    await vscode.commands.executeCommand('beachcomber.tree.showRiskyOnly');
    const service = await find(undefined, 'service/pyproject.toml');
    assert.deepEqual((await rows(service)).map((r) => r.split(' | ')[0]), ['aiohttp', 'fastapi', 'pyyaml']);
    assert.deepEqual((await rows(await find(service, 'fastapi'))).map((r) => r.split(' | ')[0]), ['starlette']);
  });

  it('grouped by risk: each level with its packages, each once, with the path that brings it in', async () => {
    await vscode.commands.executeCommand('beachcomber.tree.groupByRisk');
    const levels = await rows();
    assert.deepEqual(levels.slice(0, 2), ['high | 5 packages | error (problemsErrorIcon.foreground)', 'medium | 2 packages | warning (problemsWarningIcon.foreground)']);
    const high = await find(undefined, 'high');
    assert.deepEqual((await rows(high)).map((r) => r.split(' | ').slice(0, 2).join(' | ')), ['aiohttp | 3.9.1', 'fastapi | 0.109.0', 'idna | 3.6', 'pycrypto | 2.6.1', 'requests | 2.32.0']);
    await vscode.commands.executeCommand('beachcomber.tree.showRiskyOnly');
    assert.deepEqual((await rows()).map((r) => r.split(' | ')[0]), ['high', 'medium']);
  });

  it('the context menu: reveal in manifest, open on PyPI, open advisory', async () => {
    const beachcomber = await api();
    const service = await find(undefined, 'service/pyproject.toml');
    await vscode.commands.executeCommand('beachcomber.revealInManifest', await find(service, 'aiohttp'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri('service/pyproject.toml').toString());
    assert.equal(range(vscode.window.activeTextEditor!.selection), '6:5-6:20');
    const idna = await find(await find(await find(await find(service, 'fastapi'), 'starlette'), 'anyio'), 'idna');
    await vscode.commands.executeCommand('beachcomber.revealInManifest', idna);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), workspaceUri('service/uv.lock').toString());
    assert.equal(range(vscode.window.activeTextEditor!.selection), '88:8-88:12');
    const asked = beachcomber.testing.scriptPrompts([]);
    try {
      await vscode.commands.executeCommand('beachcomber.openOnPypi', idna);
      await vscode.commands.executeCommand('beachcomber.openAdvisory', idna);
    } finally {
      beachcomber.testing.unscriptPrompts();
    }
    assert.deepEqual(asked.map((a) => `${a.kind} ${a.text}`), ['open https://pypi.org/project/idna/', 'open https://osv.dev/vulnerability/PYSEC-2024-60']);
  });

  it('"Show in tree" (from a hover) reveals and selects the package on its path', async () => {
    const beachcomber = await api();
    const service = workspaceUri('service/pyproject.toml').path;
    await vscode.commands.executeCommand('beachcomber.showInTree', { projectId: service, name: 'idna', version: '3.6', file: workspaceUri('service/uv.lock').path, line: 88, through: ['fastapi', 'starlette', 'anyio', 'idna'], advisoryId: null });
    const selected = await waitFor('a selection in the tree', () => beachcomber.testing.treeSelection()[0]);
    assert.equal(selected.kind === 'package' && selected.path.join(' → '), 'fastapi → starlette → anyio → idna');
  });
});
