/**
 * Team mode against a real backend: `node dist/server.js` (built by the harness) on 127.0.0.1 with
 * an embedded store in a temporary folder, its mirror imported from the corpus's PyPA advisories,
 * a triager token. The extension signs in (token in SecretStorage), asks the backend in one request
 * per analysis, records a decision there and shows it with its author, and falls back to OSV and
 * PyPI directly — saying so — when the backend is gone.
 */
import * as assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { api, configure, fakes, open, ours, settled, waitFor, workspaceUri } from '../support/editor';
import { advisoryFile, needsCorpus, projectRoot } from '../support/fakes';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('team mode against a real backend', function () {
  this.timeout(120_000);
  let dataDir: string | undefined;
  let server: ChildProcess | undefined;
  let url: string;
  let token: string;
  const serverJs = join(projectRoot(), 'dist', 'server.js');

  before(async function () {
    needsCorpus(this); // every test here asserts on the corpus's advisories
    await fakes();
    dataDir = mkdtempSync(join(tmpdir(), 'beachcomber-e2e-backend-'));
    const created = await run(process.execPath, [serverJs, 'token', 'create', '--role', 'triager', '--name', 'Grace Hopper', '--data-dir', dataDir]);
    token = created.stdout.split('\n')[0]!.trim();
    assert.match(token, /^bcs_/);
    await run(process.execPath, [serverJs, 'mirror', 'import', advisoryFile(), '--data-dir', dataDir]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [serverJs, 'serve', '--data-dir', dataDir, '--port', String(port), '--no-sync', '--mirror-url', 'off', '--no-health', '--rate-limit', '0', '--log-level', 'warn'], { stdio: 'ignore' });
    let ready = false;
    for (let i = 0; i < 300 && !ready; i++) {
      ready = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(ready, 'the backend did not come up');
  });

  after(async () => {
    server?.kill('SIGTERM');
    const beachcomber = await api();
    beachcomber.testing.scriptPrompts([]);
    await vscode.commands.executeCommand('beachcomber.signOut');
    beachcomber.testing.unscriptPrompts();
    await configure({ 'backend.url': null });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with a token kept in SecretStorage and analyses through the backend in one request', async () => {
    const beachcomber = await api();
    await configure({ 'backend.url': url });
    const asked = beachcomber.testing.scriptPrompts([token]);
    try {
      await vscode.commands.executeCommand('beachcomber.signIn');
    } finally {
      beachcomber.testing.unscriptPrompts();
    }
    assert.deepEqual(asked.map((a) => `${a.kind}: ${a.text}`), [`input: Token for ${url}`, 'inform: Signed in to the team backend as Grace Hopper (triager).']);
    await waitFor('an analysis through the backend', () => beachcomber.testing.snapshot().sources.some((s) => s.name === 'backend' && s.status === 'ok'));
    await settled();
    const snapshot = beachcomber.testing.snapshot();
    assert.deepEqual(snapshot.sources.map((s) => `${s.name} ${s.status}`), ['backend ok', 'pypi ok', 'deps.dev ok', 'scorecard ok']);
    assert.deepEqual(snapshot.notes, []);
    // The same advisories as OSV's: the backend mirrors the same records.
    const idna = ours(workspaceUri('requirements.txt')).find((d) => d.message.startsWith('idna 3.6: PYSEC-2024-60'));
    assert.ok(idna, 'idna is not reported through the backend');
    assert.equal(snapshot.assessments.get('idna@3.6')?.signals.find((s) => s.kind === 'vulnerable')?.source, 'backend');
  });

  it('records an accept decision in the backend; its author is the token, and it quiets the finding', async () => {
    const beachcomber = await api();
    const document = await open('requirements-base.txt');
    const diagnostic = ours(document.uri).find((d) => d.message.includes('PYSEC-2021-142'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const accept = actions.find((a) => a.title === 'Accept the risk of pyyaml (PYSEC-2021-142) until a date…');
    assert.ok(accept?.command);
    const asked = beachcomber.testing.scriptPrompts(['Only our own YAML files are loaded', '2099-06-30', 'Team backend']);
    try {
      await vscode.commands.executeCommand(accept.command.command, ...(accept.command.arguments ?? []));
    } finally {
      beachcomber.testing.unscriptPrompts();
    }
    assert.deepEqual(asked.map((a) => a.kind), ['input', 'input', 'pick']);
    await waitFor('the backend decision in the analysis', () => beachcomber.testing.snapshot().decisions.some((d) => d.origin === 'backend' && d.package === 'pyyaml'));
    await settled();
    const decision = beachcomber.testing.snapshot().assessments.get('pyyaml@5.3')?.decision;
    assert.deepEqual(decision && { action: decision.action, author: decision.author, until: decision.until, advisory: decision.advisory, origin: decision.origin }, { action: 'accept', author: 'Grace Hopper', until: '2099-06-30', advisory: 'PYSEC-2021-142', origin: 'backend' });
    const quieted = ours(document.uri).find((d) => d.message.includes('PYSEC-2021-142'));
    assert.equal(vscode.DiagnosticSeverity[quieted!.severity], 'Hint');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 2));
    const card = hovers.flatMap((h) => h.contents).map((c) => (c as vscode.MarkdownString).value).find((v) => v.startsWith('**pyyaml**'));
    assert.match(card!, /\*\*Decision:\*\* accept for PYSEC\\-2021\\-142 by Grace Hopper \(team backend\) until 2099\\-06\\-30: Only our own YAML files are loaded/);
  });

  it('falls back to OSV and PyPI when the backend is gone, and says so in the status bar and the log', async () => {
    const beachcomber = await api();
    server?.kill('SIGTERM');
    await new Promise<void>((resolve) => (server?.exitCode != null ? resolve() : server?.once('exit', () => resolve())));
    await vscode.commands.executeCommand('beachcomber.refresh');
    await settled();
    const snapshot = beachcomber.testing.snapshot();
    assert.equal(snapshot.sources[0]?.name, 'osv');
    assert.equal(snapshot.sources[0]?.status, 'ok');
    assert.ok(snapshot.notes.some((n) => /^The team backend did not answer \(.*\): using OSV and PyPI directly\.$/.test(n)), snapshot.notes.join(' | '));
    const status = beachcomber.testing.status();
    assert.match(status.text, /^\$\(cloud-offline\) team backend offline · /);
    assert.match(status.tooltip, /The team backend did not answer/);
    assert.ok(ours(workspaceUri('requirements.txt')).some((d) => d.message.startsWith('idna 3.6: PYSEC-2024-60')), 'the findings went with the backend');
  });
});
