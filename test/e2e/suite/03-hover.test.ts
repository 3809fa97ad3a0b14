/**
 * Hover cards through VS Code's own hover command: rendered from the analysis that already exists
 * (hovering asks no server), escaped where they quote packages and advisories, trusting only our
 * commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OsvRecord } from '../../../src/core/model/advisory';
import { api, fakes, open, settled, waitFor, workspaceUri, writeFile } from '../support/editor';
import { needsCorpus } from '../support/fakes';
import { shifted } from '../support/index-data';

/** Our hover at a place, as its markdown lines. */
async function card(name: string, line: number, character: number): Promise<{ lines: string[]; markdown: vscode.MarkdownString }> {
  await open(name);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceUri(name), new vscode.Position(line, character));
  const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && /^\*\*/.test(c.value));
  assert.equal(ours.length, 1, `expected one Beachcomber card at ${name}:${line}:${character}, got ${ours.length}`);
  return { lines: ours[0]!.value.split('\n'), markdown: ours[0]! };
}

const esc = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$]/g, '\\$&');

describe('hover cards', () => {
  before(async function () {
    needsCorpus(this); // every test here asserts on the corpus's advisories
    await fakes();
    await settled();
  });

  it('a direct dependency: level, reasons, each advisory, health and the actions, all from the existing analysis', async () => {
    const servers = await fakes();
    const asked = servers.osv.count() + servers.pypi.count();
    const { lines } = await card('requirements.txt', 3, 2);
    assert.equal(servers.osv.count() + servers.pypi.count(), asked, 'hovering asked a server');
    assert.equal(lines[0], '**idna** 3\\.6 — $(error) high risk');
    assert.equal(lines[2], 'asks for \\=\\=3\\.6 · direct dependency');
    assert.equal(lines[4], 'Nearest safe version: **3\\.7**');
    assert.deepEqual(lines.slice(6, 9), ['**Advisories**', '', lines[8]]);
    assert.match(lines[8]!, /^- \[PYSEC\\-2024\\-60\]\(https:\/\/osv\.dev\/vulnerability\/PYSEC-2024-60\) · CVE\\-2024\\-3651 · high, CVSS 7\.5 · fixed in 3\\\.7: A vulnerability was identified in the kjd\/idna library, specifically within the \\`idna\\\.encode\\\(\\\)\\` function/);
    assert.deepEqual(lines.slice(lines.indexOf('**Other findings**'), lines.indexOf('**Other findings**') + 4), [
      '**Other findings**',
      '',
      '- *info* · no\\-provenance (pypi): 3\\.6 was not published with Trusted Publishing \\(0 of 1 files carry provenance\\)\\: consider proposing Trusted Publishing upstream\\.',
      '- *info* · no\\-security\\-policy (scorecard): github\\.com/kjd/idna has no security policy\\: there is no documented way to report a vulnerability privately\\.',
    ]);
    const health = lines.slice(lines.indexOf('**Health**') + 2, lines.indexOf('**Health**') + 8);
    assert.deepEqual(health, [
      `- Latest release: 3\\.10, ${shifted('2024-09-15')} (30 days ago)`,
      `- This release (3\\.6): ${shifted('2023-11-25')} (10 months ago) · not yanked`,
      '- Project status: active',
      '- Trusted Publishing: no (0 of 1 files with provenance)',
      `- Scorecard: 5.9 / 10 (${esc(shifted('2024-10-07'))}) · Maintained 10 · Security\\-Policy 0 · Dangerous\\-Workflow 10 · Code\\-Review 4`,
      '- Licence: BSD\\-3\\-Clause',
    ]);
    const links = lines.at(-1)!;
    assert.deepEqual([...links.matchAll(/\[([^\]]+)\]\((command:[a-zA-Z.]+|https:[^)]+)/g)].map((m) => `${m[1]} → ${m[2]}`), [
      'Fix\\: 3\\.7 → command:beachcomber.fix',
      'Fork… → command:beachcomber.fork',
      'Forgo… → command:beachcomber.forgo',
      'Accept risk… → command:beachcomber.acceptRisk',
      'Fix upstream… → command:beachcomber.fixUpstream',
      'PyPI → https://pypi.org/project/idna/',
      'Show in tree → command:beachcomber.showInTree',
    ]);
    const [, args] = /command:beachcomber\.fix\?([^)]+)\)/.exec(links)!;
    assert.deepEqual(JSON.parse(decodeURIComponent(args!)), [{ projectId: workspaceUri('requirements.txt').path, name: 'idna', version: '3.6', file: workspaceUri('requirements.txt').path, line: 3, through: null, advisoryId: null }]);
  });

  it('a locked package pulled in by others: the lock, the path that introduces it, no Fork or Forgo', async () => {
    const { lines } = await card('service/uv.lock', 88, 10);
    assert.equal(lines[0], '**idna** 3\\.6 — $(error) high risk');
    assert.equal(lines[2], 'locked at 3\\.6 in uv\\.lock · pulled in by another package');
    assert.deepEqual(lines.slice(lines.indexOf('**Introduced through**'), lines.indexOf('**Introduced through**') + 3), ['**Introduced through**', '', '- aiohttp → yarl → idna']);
    assert.deepEqual([...lines.at(-1)!.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]), ['Constrain to 3\\.7', 'Accept risk…', 'Fix upstream…', 'PyPI', 'Show in tree']);
  });

  it('a direct dependency of a uv project: what it asks for and what is locked', async () => {
    const { lines } = await card('service/pyproject.toml', 6, 8);
    assert.equal(lines[0], '**aiohttp** 3\\.9\\.1 — $(error) high risk');
    assert.equal(lines[2], 'asks for \\>\\=3\\.9,\\<4 · locked at 3\\.9\\.1 in uv\\.lock · direct dependency');
    assert.equal(lines.filter((l) => l.startsWith('- [PYSEC')).length, 2);
  });

  it('the team decision: who, why, until, where it is written', async () => {
    const { lines } = await card('requirements-dev.txt', 3, 1);
    assert.equal(lines[0], '**black** 24\\.1\\.0 — $(info) info risk');
    assert.ok(lines.some((l) => l.startsWith('- [PYSEC\\-2024\\-48](https://osv.dev/vulnerability/PYSEC-2024-48) · CVE\\-2024\\-21503 · medium · accepted · fixed in 24\\.3\\.0: ')), lines.join('\n'));
    assert.ok(lines.includes('**Decision:** accept for PYSEC\\-2024\\-48 by Jane Doe (beachcomber.toml) until 2099\\-12\\-31: Black only formats our own code in CI; the ReDoS needs untrusted input\\.'));
  });

  it('a yanked release and an inactive requirement', async () => {
    const yanked = await card('requirements-dev.txt', 4, 3);
    assert.ok(yanked.lines.includes(`- This release (2\\.32\\.0): ${shifted('2024-05-20')} (4 months ago) · yanked (Yanked due to conflicts with CVE\\-2024\\-35195 mitigation)`));
    const inactive = await card('requirements.txt', 6, 2);
    assert.equal(inactive.lines[4], 'Inactive for CPython 3\\.13 on linux: its marker sys\\_platform \\=\\= \\"win32\\" is false there; not assessed for this target.');
    assert.ok(!inactive.lines.at(-1)!.includes('command:'), 'an inactive requirement offers no actions');
  });

  it("escapes what an advisory says: no HTML, no links of its own, no command of anyone else's", async () => {
    const servers = await fakes();
    const beachcomber = await api();
    const evil: OsvRecord = {
      id: 'PYSEC-2099-1',
      modified: '2024-10-01T00:00:00Z',
      published: '2024-10-01T00:00:00Z',
      aliases: ['CVE-2099-0001'],
      summary: '<img src=x onerror=alert(1)> [click me](command:workbench.action.terminal.new) **loud** $(zap) see https://evil.example',
      affected: [{ package: { ecosystem: 'PyPI', name: 'untrusted-demo' }, versions: ['1.0.0'], ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
    };
    servers.osv.add(evil);
    await writeFile('requirements-untrusted.txt', 'untrusted-demo==1.0.0\n');
    await waitFor('untrusted-demo to be assessed', () => beachcomber.testing.snapshot().assessments.get('untrusted-demo@1.0.0')?.advisories.length === 1);
    const { lines, markdown } = await card('requirements-untrusted.txt', 0, 3);
    const advisory = lines.find((l) => l.startsWith('- [PYSEC\\-2099\\-1]'))!;
    assert.equal(advisory, '- [PYSEC\\-2099\\-1](https://osv.dev/vulnerability/PYSEC-2099-1) · CVE\\-2099\\-0001 · medium · no fixed version: \\<img src\\=x onerror\\=alert\\(1\\)\\> \\[click me\\]\\(command\\:workbench\\.action\\.terminal\\.new\\) \\*\\*loud\\*\\* \\$\\(zap\\) see https\\://evil\\.example');
    assert.equal(markdown.supportHtml, false);
    assert.deepEqual(markdown.isTrusted, { enabledCommands: ['beachcomber.fix', 'beachcomber.fork', 'beachcomber.forgo', 'beachcomber.acceptRisk', 'beachcomber.fixUpstream', 'beachcomber.showInTree'] });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(workspaceUri('requirements-untrusted.txt'));
    await waitFor('the file to leave the analysis', () => !beachcomber.testing.snapshot().projects.some((p) => p.id.endsWith('requirements-untrusted.txt')));
    await settled();
  });
});
