/**
 * Beachcomber inside a real VS Code extension host (code-server's, or a desktop build through
 * scripts/vscode-test-electron.mjs), on a copy of test/e2e/fixtures/workspace, against the fake
 * OSV / PyPI / deps.dev / Scorecard servers this suite starts on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, configure, EXTENSION_ID, fakes, insertLine, open, ours, range, recordTiming, revert, settled, shape, waitFor } from '../support/editor';

/** "1.139.1" >= "1.138.0", for the engines check. */
function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

describe('activation', () => {
  it('activates in the VS Code build it was packaged for, cheaply', async () => {
    const beachcomber = await api();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    const engine = String(extension.packageJSON.engines.vscode).replace(/^[\^~>=]+/, '');
    assert.ok(atLeast(vscode.version, engine), `VS Code ${vscode.version} is older than engines.vscode ${engine}`);
    // The harness says which build it started; the test-electron launcher sets neither.
    if (process.env.BEACHCOMBER_E2E_EXPECT_VERSION) assert.equal(vscode.version, process.env.BEACHCOMBER_E2E_EXPECT_VERSION);
    if (process.env.BEACHCOMBER_E2E_EXPECT_APP) assert.equal(vscode.env.appName, process.env.BEACHCOMBER_E2E_EXPECT_APP);
    console.log(`host: ${vscode.env.appName} ${vscode.version}, remote ${vscode.env.remoteName ?? 'none'}, uiKind ${vscode.env.uiKind}, node ${process.version}`);
    console.log(`activate(): ${beachcomber.testing.activationMs.toFixed(1)} ms of synchronous work`);
    recordTiming('activateMs', beachcomber.testing.activationMs);
    assert.ok(beachcomber.testing.activationMs < 50, `activate() took ${beachcomber.testing.activationMs} ms (goal: at most 50)`);
  });

  it('reads machine-scoped settings from the user, and analyses the workspace against the fakes', async () => {
    const servers = await fakes();
    const beachcomber = await api();
    const inspected = vscode.workspace.getConfiguration('beachcomber').inspect<string>('osv.url');
    assert.equal(inspected?.globalValue, servers.osv.url);
    await settled();
    const snapshot = beachcomber.testing.snapshot();
    assert.deepEqual(snapshot.sources.map((s) => `${s.name} ${s.status}`), ['osv ok', 'pypi ok', 'deps.dev ok', 'scorecard ok']);
    assert.deepEqual(snapshot.projects.map((p) => vscode.workspace.asRelativePath(vscode.Uri.file(p.id))).sort(), ['poetry-app/pyproject.toml', 'requirements-dev.txt', 'requirements.txt', 'service/pyproject.toml']);
    assert.ok(servers.osv.count('querybatch') >= 1, 'OSV was never asked');
  });

  // Needs no advisories, so it runs where the corpus is absent too.
  it('a requirements file with a bad line: a parse problem from beachcomber at that line', async () => {
    await fakes();
    const document = await open('requirements.txt');
    try {
      await insertLine(document, 2, 'requests==');
      const problem = await waitFor('the parse problem', () => ours(document.uri).find((d) => shape(d).endsWith(' parse-problem')));
      // pip's own words, at the character where the requirement stops making sense.
      assert.equal(`${range(problem.range)} ${vscode.DiagnosticSeverity[problem.severity]} ${problem.source}`, '2:8-2:9 Error beachcomber');
      assert.match(problem.message, /^Invalid requirement: 'requests==': Expected semicolon/);
    } finally {
      await revert(document);
    }
    await waitFor('the problem to go with the line', () => !ours(document.uri).some((d) => shape(d).endsWith(' parse-problem')));
  });

  it('ignores a request setting written in the workspace (machine scope): the workspace cannot redirect requests', async () => {
    const servers = await fakes();
    const config = vscode.workspace.getConfiguration('beachcomber');
    // VS Code refuses to write a machine-scoped setting into workspace settings at all.
    await assert.rejects(Promise.resolve(config.update('osv.url', 'http://127.0.0.1:9/evil', vscode.ConfigurationTarget.Workspace)));
    assert.equal(vscode.workspace.getConfiguration('beachcomber').get('osv.url'), servers.osv.url);
    await configure({});
  });
});
