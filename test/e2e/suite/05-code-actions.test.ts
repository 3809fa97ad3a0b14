/**
 * Fix / Fork / Forgo as the editor offers them: quick fixes on our diagnostics (and only ours,
 * and only when quick fixes are asked for), the exact text each one leaves, one undo step, and a
 * file that still reads with zero problems. Questions (fork picker, confirmation, decision) are
 * answered through the API's scripted prompts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readManifest } from '../../../src/core/manifests/registry';
import { readDecisions } from '../../../src/core/decisions';
import { api, corePath, fakes, open, ours, readText, revert, settled, waitFor, workspaceUri, writeFile } from '../support/editor';
import { needsCorpus } from '../support/fakes';
import { sha256Of } from '../support/index-data';

const DECISIONS = 'beachcomber.toml';

async function actionsAt(name: string, line: number, only?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const document = await open(name);
  const diagnostics = ours(document.uri).filter((d) => d.range.start.line === line);
  assert.ok(diagnostics.length > 0, `no diagnostic of ours on ${name}:${line}`);
  const range = diagnostics[0]!.range;
  const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, range, only?.value);
  return found.filter((a): a is vscode.CodeAction => 'title' in a && 'kind' in a);
}

function titled(actions: readonly vscode.CodeAction[], title: string): vscode.CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action '${title}' among: ${actions.map((a) => a.title).join(' | ')}`);
  return action;
}

/** Applies an edit action as VS Code does (its edit, then its command), with every question answered from `answers`. */
async function apply(action: vscode.CodeAction, answers: (string | undefined)[] = []): Promise<{ asked: { kind: string; text: string }[] }> {
  const beachcomber = await api();
  const asked = beachcomber.testing.scriptPrompts([...answers]);
  try {
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit was not applied');
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  } finally {
    beachcomber.testing.unscriptPrompts();
  }
  return { asked };
}

/** The file as the editor holds it now reads with zero problems. */
async function readsClean(name: string): Promise<void> {
  const path = corePath(name);
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  const [parsed] = await readManifest(path, { read: async (p) => (p === path ? document.getText() : readText(vscode.workspace.asRelativePath(vscode.Uri.file(p)))) });
  assert.deepEqual(parsed?.problems ?? ['not read'], []);
}

async function text(name: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(workspaceUri(name))).getText();
}

describe('Fix / Fork / Forgo', () => {
  let decisionsOnDisk: string;

  before(async function () {
    needsCorpus(this); // every test here asserts on the corpus's advisories
    await fakes();
    await settled();
    decisionsOnDisk = (await readText(DECISIONS))!;
  });

  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments) if (document.isDirty) await revert(document);
    if ((await readText(DECISIONS)) !== decisionsOnDisk) await writeFile(DECISIONS, decisionsOnDisk);
    await settled();
  });

  it('offers quick fixes on our diagnostics only, and none when another kind is asked for', async () => {
    const actions = await actionsAt('requirements.txt', 3);
    assert.deepEqual(actions.map((a) => a.title).sort(), [
      'Accept the risk of idna (PYSEC-2024-60) until a date…',
      'Accept the risk of idna until a date…',
      "Fix idna with the new release's hashes…",
      'Fix upstream: draft an issue for idna…',
      'Pin idna to 3.7 (==3.7) (hashes removed)',
      'Raise the lower bound of idna to 3.7 (>=3.7) (hashes removed)',
    ]);
    assert.ok(actions.every((a) => a.kind?.value === 'quickfix'));
    assert.equal(actions.find((a) => a.isPreferred)?.title, 'Pin idna to 3.7 (==3.7) (hashes removed)');
    assert.deepEqual(await actionsAt('requirements.txt', 3, vscode.CodeActionKind.SourceOrganizeImports), []);
    const flask = await vscode.commands.executeCommand<unknown[]>('vscode.executeCodeActionProvider', workspaceUri('requirements.txt'), new vscode.Range(2, 0, 2, 5));
    assert.deepEqual(flask, [], 'flask has no diagnostic of ours, so no action of ours');
  });

  it('Fix a hashed requirement: pin, hashes removed with a note on regenerating them; one undo step', async () => {
    const before = await text('requirements.txt');
    const { asked } = await apply(titled(await actionsAt('requirements.txt', 3), 'Pin idna to 3.7 (==3.7) (hashes removed)'));
    assert.equal(await text('requirements.txt'), before.replace(/idna==3\.6 \\\n.*\n.*\n/, 'idna==3.7\n'));
    assert.deepEqual(asked.map((a) => a.text), ['Pin idna to 3.7 (==3.7) (hashes removed) — Removed the --hash options of idna: they match the files of the old release, and pip rejects a release whose files do not match. — Regenerate the hashes with `pip-compile --generate-hashes` or `uv pip compile --generate-hashes`.']);
    await readsClean('requirements.txt');
    await waitFor('the idna finding to go', () => !ours(workspaceUri('requirements.txt')).some((d) => d.message.startsWith('idna 3.6')));
    await vscode.commands.executeCommand('undo');
    assert.equal(await text('requirements.txt'), before);
  });

  it("Fix a hashed requirement with the new release's hashes from the index", async () => {
    const action = titled(await actionsAt('requirements.txt', 3), "Fix idna with the new release's hashes…");
    await apply(action, ['Pin idna to 3.7 with the hashes of its files']);
    const after = await text('requirements.txt');
    assert.match(after, new RegExp(`\\nidna==3\\.7 \\\\\\n    --hash=sha256:${sha256Of('idna-3.7-py3-none-any.whl')}\\npywin32==306`));
    await readsClean('requirements.txt');
  });

  it('Fix in pyproject.toml: a pin stays a pin, a range has its lower bound raised', async () => {
    await apply(titled(await actionsAt('service/pyproject.toml', 5), 'Pin fastapi to 0.109.1 (==0.109.1)'));
    await apply(titled(await actionsAt('service/pyproject.toml', 6), 'Raise the lower bound of aiohttp to 3.9.2 (>=3.9.2,<4)'));
    const after = await text('service/pyproject.toml');
    assert.equal(after.split('\n').slice(4, 8).join('\n'), 'dependencies = [\n    "fastapi==0.109.1",\n    "aiohttp>=3.9.2,<4",  # HTTP client\n]');
    await readsClean('service/pyproject.toml');
  });

  it('Fix a package pulled in by another: a uv constraint with a comment naming the advisory and the path', async () => {
    const title = 'Constrain idna to >=3.7 in [tool.uv] constraint-dependencies (through fastapi -> starlette -> anyio -> idna)';
    const { asked } = await apply(titled(await actionsAt('service/pyproject.toml', 5), title));
    assert.ok((await text('service/pyproject.toml')).endsWith('\n[tool.uv]\nconstraint-dependencies = [\n    # Beachcomber: idna>=3.7 fixes PYSEC-2024-60 (introduced through fastapi -> starlette -> anyio -> idna)\n    "idna>=3.7",\n]\n'));
    assert.deepEqual(asked.map((a) => a.text), [`${title} — Run \`uv lock\` to update uv.lock.`]);
    await readsClean('service/pyproject.toml');
    // The same fix is offered on the lock file's entry, where the package is transitive.
    assert.ok((await actionsAt('service/uv.lock', 88)).some((a) => a.title.startsWith('Constrain idna to >=3.7 in [tool.uv] constraint-dependencies')));
  });

  it('Fix in Poetry and in an included requirements file, in their own syntax', async () => {
    await apply(titled(await actionsAt('poetry-app/pyproject.toml', 8), 'Raise the lower bound of django to 4.2.16 (^4.2.16)'));
    assert.match(await text('poetry-app/pyproject.toml'), /\ndjango = "\^4\.2\.16"\npycrypto = "2\.6\.1"\n/);
    await readsClean('poetry-app/pyproject.toml');
    await apply(titled(await actionsAt('requirements-base.txt', 2), 'Pin pyyaml to 5.4 (==5.4)'));
    assert.equal(await text('requirements-base.txt'), '# Shared by every environment.\nattrs==24.2.0\npyyaml==5.4 ; python_version >= "3.8"\n');
    await readsClean('requirements-base.txt');
    await apply(titled(await actionsAt('requirements-dev.txt', 4), 'Pin requests to 2.32.3 (==2.32.3)'));
    assert.match(await text('requirements-dev.txt'), /\nrequests==2\.32\.3\n$/);
  });

  it('Fork: the curated fork at its latest version, the comment kept, and the decision recorded in beachcomber.toml', async () => {
    const beachcomber = await api();
    const action = titled(await actionsAt('requirements.txt', 7), 'Fork pycrypto: replace it with a maintained fork…');
    const { asked } = await apply(action, ['pycryptodome', 'Record decision…', 'PyCrypto is unmaintained; PyCryptodome is its maintained fork', '', 'Jane Doe']);
    assert.deepEqual(asked.map((a) => `${a.kind}: ${a.text.split('\n')[0]}`), [
      'pick: Fork pycrypto: choose a maintained fork',
      'inform: Replace pycrypto with its fork pycryptodome',
      'input: Why fork pycrypto? (kept with the decision)',
      'input: Until when does it hold? (YYYY-MM-DD; empty for no end)',
      'input: Who decides? (author)',
    ]);
    assert.match(await text('requirements.txt'), /\npycryptodome==3\.21\.0 {2}# legacy crypto, still imported by the billing job\n$/);
    await readsClean('requirements.txt');
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(await readText(DECISIONS), `${decisionsOnDisk}\n[[decision]]\npackage = "pycrypto"\naction = "fork"\nreplacement = "pycryptodome"\nreason = "PyCrypto is unmaintained; PyCryptodome is its maintained fork"\nauthor = "Jane Doe"\ncreated = ${today}\n`);
    assert.deepEqual(readDecisions((await readText(DECISIONS))!, corePath(DECISIONS)).problems, []);
    await waitFor('the decision in the analysis', () => beachcomber.testing.snapshot().decisions.some((d) => d.package === 'pycrypto' && d.action === 'fork'));
  });

  it('Forgo: a modal confirmation, then remove (Poetry) or replace with an alternative (requirements)', async () => {
    const { asked } = await apply(titled(await actionsAt('poetry-app/pyproject.toml', 9), 'Forgo pycrypto: remove or replace it…'), ['Remove']);
    assert.deepEqual(asked.map((a) => `${a.kind}: ${a.text}`), [
      'confirm: Forgo pycrypto?\nRemove it from pyproject.toml, or replace it with an alternative. Lock files are regenerated by their tool afterwards.',
      'inform: Remove pycrypto — Run `poetry lock` to update poetry.lock.',
    ]);
    assert.match(await text('poetry-app/pyproject.toml'), /\ndjango = "\^4\.2\.10"\n\n\[tool\.poetry\.group\.dev\.dependencies\]/);
    await readsClean('poetry-app/pyproject.toml');
    // Cancelling the confirmation changes nothing.
    const before = await text('requirements.txt');
    const cancelled = await apply(titled(await actionsAt('requirements.txt', 7), 'Forgo pycrypto: remove or replace it…'), [undefined]);
    assert.deepEqual(cancelled.asked.map((a) => a.kind), ['confirm']);
    assert.equal(await text('requirements.txt'), before);
    await apply(titled(await actionsAt('requirements.txt', 7), 'Forgo pycrypto: remove or replace it…'), ['Replace…', '$(edit) Another package…', 'cryptography']);
    assert.match(await text('requirements.txt'), /\ncryptography {2}# legacy crypto, still imported by the billing job\n$/);
    await readsClean('requirements.txt');
  });

  it('Accept risk until a date quiets that finding (it becomes a hint), and an expired decision quiets nothing', async () => {
    const base = workspaceUri('requirements-base.txt');
    await apply(titled(await actionsAt('requirements-base.txt', 2), 'Accept the risk of pyyaml (PYSEC-2020-96) until a date…'), ['We only load our own configuration files', '2099-01-31', 'Jane Doe']);
    assert.match((await readText(DECISIONS))!, /\n\[\[decision\]\]\npackage = "pyyaml"\naction = "accept"\nadvisory = "PYSEC-2020-96"\nreason = "We only load our own configuration files"\nauthor = "Jane Doe"\nuntil = 2099-01-31\ncreated = \d{4}-\d\d-\d\d\n$/);
    await waitFor('the accepted finding to become a hint', () => ours(base).some((d) => d.severity === vscode.DiagnosticSeverity.Hint && d.message.includes('PYSEC-2020-96')));
    assert.deepEqual(ours(base).filter((d) => d.message.includes('PYSEC-2021-142')).map((d) => vscode.DiagnosticSeverity[d.severity]), ['Warning']);
    await writeFile(DECISIONS, (await readText(DECISIONS))!.replace('until = 2099-01-31', 'until = 2020-01-31'));
    await waitFor('the expired acceptance to stop quieting', () => ours(base).filter((d) => d.message.includes('PYSEC-2020-96')).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('Fix upstream: a prefilled issue on the package repository; an unpatched advisory only privately', async () => {
    const idna = await apply(titled(await actionsAt('requirements.txt', 3), 'Fix upstream: draft an issue for idna…'), ['Propose a security policy']);
    const opened = idna.asked.find((a) => a.kind === 'open')!.text;
    assert.match(opened, /^https:\/\/github\.com\/kjd\/idna\/issues\/new\?title=/);
    assert.ok(opened.length <= 4000);
    const pycrypto = await apply(titled(await actionsAt('requirements.txt', 7), 'Fix upstream: draft an issue for pycrypto…'), ['Report an unpatched advisory (privately)']);
    assert.deepEqual(pycrypto.asked.filter((a) => a.kind === 'open').map((a) => a.text), ['https://github.com/dlitz/pycrypto/security/advisories/new']);
  });
});
