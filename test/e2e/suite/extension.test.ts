/**
 * Beachcomber inside a real VS Code extension host (code-server's, or a desktop build through
 * scripts/vscode-test-electron.mjs), on a copy of test/e2e/fixtures/workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BeachcomberApi } from '../../../src/extension/api';
import { readManifest } from '../../../src/core/manifests/registry';

const EXTENSION_ID = 'beachcomber.beachcomber';

function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'beachcomber');
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

async function replaceLine(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.lineAt(line).range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}

async function insertLine(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), `${text}\n`);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}

async function revert(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(document.isDirty, false);
}

/** The diagnostic's place and kind, in a form assert can compare and print. */
function shape(d: vscode.Diagnostic): { line: number; range: string; severity: string; source?: string; code: unknown } {
  const r = d.range;
  return {
    line: r.start.line,
    range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`,
    severity: vscode.DiagnosticSeverity[d.severity],
    source: d.source,
    code: d.code,
  };
}

/** "1.139.1" >= "1.138.0", for the engines check. */
function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

describe('Beachcomber in a real VS Code', () => {
  let api: BeachcomberApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<BeachcomberApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
  });

  it('activates in the VS Code build it was packaged for', () => {
    const extension = vscode.extensions.getExtension<BeachcomberApi>(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    assert.equal(typeof api.idle, 'function');
    const engine = String(extension.packageJSON.engines.vscode).replace(/^[\^~>=]+/, '');
    assert.ok(atLeast(vscode.version, engine), `VS Code ${vscode.version} is older than engines.vscode ${engine}`);
    // The harness says which build it started; the test-electron launcher sets neither.
    if (process.env.BEACHCOMBER_E2E_EXPECT_VERSION) assert.equal(vscode.version, process.env.BEACHCOMBER_E2E_EXPECT_VERSION);
    if (process.env.BEACHCOMBER_E2E_EXPECT_APP) assert.equal(vscode.env.appName, process.env.BEACHCOMBER_E2E_EXPECT_APP);
    console.log(`host: ${vscode.env.appName} ${vscode.version}, remote ${vscode.env.remoteName ?? 'none'}, uiKind ${vscode.env.uiKind}, node ${process.version}`);
  });

  it('reports the bad line of requirements.txt as a parse problem at that line', async () => {
    const document = await open('requirements.txt');
    assert.equal(document.lineAt(2).text, 'requests==');
    await api.idle();
    const diagnostics = ours(document.uri);
    assert.deepEqual(diagnostics.map(shape).map(({ line, severity, source, code }) => ({ line, severity, source, code })), [
      { line: 2, severity: 'Error', source: 'beachcomber', code: 'parse-problem' },
    ]);
    const [only] = diagnostics;
    assert.ok(only && only.range.end.line === 2 && only.range.end.character <= 'requests=='.length, `range ${shape(only!).range} leaves line 3`);
    // Exactly what the core reports for this text: same places, messages and severities.
    const path = document.uri.path;
    const [parsed] = await readManifest(path, { read: async (p) => (p === path ? document.getText() : undefined) });
    assert.deepEqual(
      diagnostics.map((d) => [shape(d).range, d.message, shape(d).severity]),
      (parsed?.problems ?? []).map((p) => [`${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`, p.message, p.severity === 'error' ? 'Error' : 'Warning']),
    );
  });

  it('re-reads the unsaved text after an edit: fixing the line clears it, undoing brings it back', async () => {
    const document = await open('requirements.txt');
    await waitFor('the diagnostic on line 3', () => ours(document.uri).length === 1);
    await replaceLine(document, 2, 'requests==2.32.3');
    await waitFor('the diagnostics to clear', () => ours(document.uri).length === 0);
    await api.idle();
    assert.deepEqual(ours(document.uri), []);
    // The file on disk still has the bad line: the diagnostics follow the editor, not the disk.
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    assert.match(onDisk, /^requests==$/m);
    await revert(document);
    const back = await waitFor('the diagnostic to come back', () => ours(document.uri).length === 1 && ours(document.uri));
    assert.equal(back[0]?.range.start.line, 2);
  });

  it('follows -r through the workspace file system: a good file has no diagnostics, a missing include has one', async () => {
    const document = await open('requirements-dev.txt');
    await api.idle();
    assert.deepEqual(ours(document.uri).map(shape), []);
    await insertLine(document, 4, '-r requirements-missing.txt');
    const missing = await waitFor('a diagnostic for the missing include', () => ours(document.uri).length > 0 && ours(document.uri));
    assert.deepEqual(missing.map(shape).map(({ line, source, code }) => ({ line, source, code })), [
      { line: 4, source: 'beachcomber', code: 'parse-problem' },
    ]);
    await revert(document);
    await waitFor('the diagnostics to clear after the revert', () => ours(document.uri).length === 0);
  });

  if (process.env.BEACHCOMBER_E2E_FORCE_FAIL) {
    it('fails on purpose (BEACHCOMBER_E2E_FORCE_FAIL), to prove the harness counts failures', () => {
      assert.equal(1, 2);
    });
  }
});
