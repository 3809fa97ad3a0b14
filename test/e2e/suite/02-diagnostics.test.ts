/**
 * Diagnostics in the real editor, against the fakes: the exact places, severities and codes in
 * every kind of file of the fixture workspace, their links and related places, the inactive
 * marker, parse problems next to risk findings, and each noise control.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeTarget, configure, fakes, insertLine, open, ours, range, readText, revert, sortedShapes, waitFor, workspaceUri, writeFile } from '../support/editor';
import { needsCorpus } from '../support/fakes';

const PYCRYPTO = ['7:0-7:15 Error abandoned', '7:0-7:15 Error vulnerable', '7:0-7:15 Error vulnerable', '7:0-7:15 Hint no-provenance', '7:0-7:15 Hint no-security-policy'];
const REQUIREMENTS = ['3:0-3:9 Error vulnerable', '3:0-3:9 Hint no-provenance', '3:0-3:9 Hint no-security-policy', '6:0-6:12 Hint inactive', ...PYCRYPTO];
const SERVICE = [
  '5:5-5:21 Error vulnerable', // fastapi's own advisory
  '5:5-5:21 Error vulnerable', // idna, pulled in through fastapi → starlette → anyio → idna
  '5:5-5:21 Hint no-provenance',
  '6:5-6:20 Error vulnerable', // aiohttp PYSEC-2024-24
  '6:5-6:20 Error vulnerable', // idna through aiohttp → yarl → idna
  '6:5-6:20 Hint no-provenance',
  '6:5-6:20 Warning vulnerable', // aiohttp PYSEC-2024-26 (CVSS 6.5)
  '10:9-10:20 Hint no-provenance',
  '10:9-10:20 Warning vulnerable',
  '10:9-10:20 Warning vulnerable',
];

function byCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);
}

describe('diagnostics', () => {
  before(async function () {
    needsCorpus(this); // every test here asserts on the corpus's advisories
    await fakes();
  });

  it('requirements files: findings on the name and specifier, the inactive marker, the include', () => {
    assert.deepEqual(sortedShapes(workspaceUri('requirements.txt')), REQUIREMENTS);
    assert.deepEqual(sortedShapes(workspaceUri('requirements-base.txt')), ['2:0-2:11 Hint no-provenance', '2:0-2:11 Warning vulnerable', '2:0-2:11 Warning vulnerable']);
    // black's advisory is accepted in beachcomber.toml (until 2099-12-31): it counts as info, a hint.
    assert.deepEqual(sortedShapes(workspaceUri('requirements-dev.txt')), ['3:0-3:13 Hint vulnerable', '4:0-4:16 Error yanked', '4:0-4:16 Hint no-provenance']);
  });

  it('says why, with links to the advisory on osv.dev and the project on PyPI', () => {
    const uri = workspaceUri('requirements.txt');
    const [idna] = byCode(uri, 'vulnerable');
    assert.ok(idna?.message.startsWith('idna 3.6: PYSEC-2024-60 (CVE-2024-3651) affects 3.6 (CVSS 7.5): A vulnerability was identified in the kjd/idna library'), idna?.message);
    assert.match(idna!.message, /Fixed in 3\.7\.$/);
    assert.equal(codeTarget(idna!), 'https://osv.dev/vulnerability/PYSEC-2024-60');
    assert.equal(codeTarget(byCode(uri, 'abandoned')[0]!), 'https://pypi.org/project/pycrypto/');
    const [inactive] = byCode(uri, 'inactive');
    assert.equal(inactive?.message, 'pywin32 is inactive for CPython 3.13 on linux: its marker `sys_platform == "win32"` is false there. It is not assessed for this target.');
    assert.deepEqual(inactive?.tags, [vscode.DiagnosticTag.Unnecessary]);
    const [accepted] = byCode(workspaceUri('requirements-dev.txt'), 'vulnerable');
    assert.match(accepted!.message, / Accepted by Jane Doe until 2099-12-31: Black only formats our own code in CI; the ReDoS needs untrusted input\.$/);
    const [yanked] = byCode(workspaceUri('requirements-dev.txt'), 'yanked');
    assert.equal(yanked?.message, 'requests 2.32.0: 2.32.0 was yanked by its maintainers: "Yanked due to conflicts with CVE-2024-35195 mitigation". pip installs it only when pinned exactly; move to another release.');
  });

  it('pyproject with uv.lock: a package pulled in is shown on the direct line that pulls it in, introduced through its path', () => {
    const uri = workspaceUri('service/pyproject.toml');
    assert.deepEqual(sortedShapes(uri), SERVICE);
    const rolled = ours(uri).filter((d) => d.message.includes(' pulls in '));
    assert.deepEqual(rolled.map((d) => d.message), [
      'fastapi pulls in idna 3.6 (fastapi → starlette → anyio → idna): PYSEC-2024-60 (CVE-2024-3651), high, fixed in 3.7',
      'aiohttp pulls in idna 3.6 (aiohttp → yarl → idna): PYSEC-2024-60 (CVE-2024-3651), high, fixed in 3.7',
    ]);
    for (const d of rolled) {
      const [related] = d.relatedInformation ?? [];
      assert.equal(related?.location.uri.toString(), workspaceUri('service/uv.lock').toString());
      assert.equal(range(related!.location.range), '88:8-88:12');
      assert.equal(related?.message, `introduced through ${d.message.slice(d.message.indexOf('(') + 1, d.message.indexOf(')'))}`);
    }
  });

  it('lock files: every package on its own entry, inactive ones marked', () => {
    const uv = workspaceUri('service/uv.lock');
    assert.deepEqual(sortedShapes(uv).filter((s) => !s.endsWith('no-provenance')), [
      '5:8-5:15 Error vulnerable',
      '5:8-5:15 Warning vulnerable',
      '52:8-52:16 Hint inactive', // colorama: pytest needs it on win32 only
      '60:8-60:22 Hint inactive', // exceptiongroup: anyio needs it below 3.11 only
      '68:8-68:15 Error vulnerable',
      '88:8-88:12 Error vulnerable', // idna, transitive
      '88:8-88:12 Hint no-security-policy',
      '142:8-142:14 Warning vulnerable',
      '142:8-142:14 Warning vulnerable',
    ]);
    assert.equal(byCode(uv, 'no-provenance').length, 15); // 19 packages, less pytest and attrs (Trusted Publishing) and the two inactive ones
    const poetry = workspaceUri('poetry-app/poetry.lock');
    assert.deepEqual(sortedShapes(poetry).filter((s) => !s.endsWith('no-provenance') && !s.endsWith(' vulnerable')), ['14:8-14:16 Hint inactive', '74:8-74:16 Error abandoned', '74:8-74:16 Hint no-security-policy', '112:8-112:14 Hint inactive']);
    assert.equal(byCode(poetry, 'vulnerable').length, 12);
  });

  it('Poetry pyproject: the key and its constraint, one diagnostic per advisory', () => {
    const shapes = sortedShapes(workspaceUri('poetry-app/pyproject.toml'));
    assert.deepEqual(shapes.filter((s) => s.startsWith('8:')), ['8:0-8:17 Hint no-provenance', ...Array(10).fill('8:0-8:17 Warning vulnerable')]);
    assert.deepEqual(shapes.filter((s) => s.startsWith('9:')), ['9:0-9:17 Error abandoned', '9:0-9:17 Error vulnerable', '9:0-9:17 Error vulnerable', '9:0-9:17 Hint no-provenance', '9:0-9:17 Hint no-security-policy']);
    assert.equal(shapes.length, 16);
  });

  it('a malformed line is a parse problem at its place, and the rest is still analysed', async () => {
    const document = await open('requirements.txt');
    await insertLine(document, 2, 'requests==');
    const problem = await waitFor('the parse problem', () => byCode(document.uri, 'parse-problem')[0]);
    assert.equal(vscode.DiagnosticSeverity[problem.severity], 'Error');
    assert.equal(problem.range.start.line, 2);
    assert.ok(problem.range.end.line === 2 && problem.range.end.character <= 'requests=='.length);
    // The findings moved down one line with the text, none lost.
    await waitFor('the findings to follow the edit', () => byCode(document.uri, 'vulnerable')[0]?.range.start.line === 4);
    assert.deepEqual(sortedShapes(document.uri).filter((s) => !s.endsWith('parse-problem')), REQUIREMENTS.map((s) => s.replace(/^(\d+):0-\1:/, (_m, line: string) => `${Number(line) + 1}:0-${Number(line) + 1}:`)));
    await revert(document);
    assert.deepEqual(sortedShapes(document.uri), REQUIREMENTS);
  });

  it('a missing -r include is a parse problem on its line', async () => {
    const document = await open('requirements-dev.txt');
    await insertLine(document, 5, '-r requirements-missing.txt');
    const problem = await waitFor('the missing include', () => byCode(document.uri, 'parse-problem')[0]);
    assert.equal(problem.range.start.line, 5);
    assert.equal(problem.message, "Could not open requirements file 'requirements-missing.txt'");
    await revert(document);
    assert.deepEqual(byCode(document.uri, 'parse-problem'), []);
  });

  it('a typo in beachcomber.toml is a problem at its place, and the decision quiets nothing', async () => {
    const decisions = (await readText('beachcomber.toml'))!;
    try {
      await writeFile('beachcomber.toml', decisions.replace('action = "accept"', 'action = "acept"'));
      const problem = await waitFor('the decision problem', () => byCode(workspaceUri('beachcomber.toml'), 'parse-problem')[0]);
      assert.equal(`${range(problem.range)} ${problem.message}`, "5:9-5:16 Unknown action 'acept': use fix, fork, forgo, accept");
      await waitFor('black to be flagged again', () => byCode(workspaceUri('requirements-dev.txt'), 'vulnerable')[0]?.severity === vscode.DiagnosticSeverity.Warning);
    } finally {
      await writeFile('beachcomber.toml', decisions);
    }
    assert.deepEqual(ours(workspaceUri('beachcomber.toml')), []);
    assert.equal(vscode.DiagnosticSeverity[byCode(workspaceUri('requirements-dev.txt'), 'vulnerable')[0]!.severity], 'Hint');
  });

  describe('noise controls', () => {
    afterEach(async () => {
      await configure({ 'diagnostics.minimumLevel': null, 'diagnostics.directOnly': null, 'diagnostics.excludeGroups': null, 'diagnostics.includeGroups': null, 'diagnostics.severity': null, 'target.platform': null, 'ignore.packages': null, 'ignore.advisories': null });
    });

    it('minimum level: below it nothing is shown, but the inactive marker stays', async () => {
      await configure({ 'diagnostics.minimumLevel': 'high' });
      assert.deepEqual(sortedShapes(workspaceUri('requirements.txt')), ['3:0-3:9 Error vulnerable', '6:0-6:12 Hint inactive', '7:0-7:15 Error abandoned', '7:0-7:15 Error vulnerable', '7:0-7:15 Error vulnerable']);
      assert.deepEqual(sortedShapes(workspaceUri('requirements-base.txt')), []);
    });

    it('direct only: nothing about what a dependency pulls in, in manifests or lock files', async () => {
      await configure({ 'diagnostics.directOnly': true });
      assert.deepEqual(ours(workspaceUri('service/pyproject.toml')).filter((d) => d.message.includes(' pulls in ')), []);
      assert.deepEqual(sortedShapes(workspaceUri('service/uv.lock')).filter((s) => s.startsWith('88:')), []);
      assert.equal(sortedShapes(workspaceUri('service/pyproject.toml')).length, SERVICE.length - 2);
    });

    it('groups and extras: excluding extra:yaml hides pyyaml in the service, included groups limit what is shown', async () => {
      await configure({ 'diagnostics.excludeGroups': ['extra:yaml'] });
      assert.deepEqual(sortedShapes(workspaceUri('service/pyproject.toml')).filter((s) => s.startsWith('10:')), []);
      assert.deepEqual(sortedShapes(workspaceUri('service/uv.lock')).filter((s) => s.startsWith('142:')), []);
      await configure({ 'diagnostics.excludeGroups': null, 'diagnostics.includeGroups': ['dev'] });
      assert.deepEqual(sortedShapes(workspaceUri('service/pyproject.toml')), []);
      assert.deepEqual(sortedShapes(workspaceUri('service/uv.lock')).map((s) => s.split(' ')[0]), ['52:8-52:16', '60:8-60:22', '96:8-96:17', '112:8-112:17', '120:8-120:14']);
    });

    it('target platform: on windows pywin32 and colorama are active, not marked', async () => {
      await configure({ 'target.platform': 'windows' });
      assert.deepEqual(sortedShapes(workspaceUri('requirements.txt')).filter((s) => s.startsWith('6:')), ['6:0-6:12 Hint no-provenance']);
      assert.deepEqual(sortedShapes(workspaceUri('service/uv.lock')).filter((s) => s.startsWith('52:')), ['52:8-52:16 Hint no-provenance']);
    });

    it('ignore by package and by advisory alias, and a severity mapping', async () => {
      await configure({ 'ignore.packages': [{ package: 'PyCrypto', reason: 'replaced in Q3' }], 'ignore.advisories': [{ id: 'CVE-2024-3651', reason: 'we never call idna.encode on user input' }], 'diagnostics.severity': { medium: 'information' } });
      assert.deepEqual(sortedShapes(workspaceUri('requirements.txt')), ['3:0-3:9 Hint no-provenance', '3:0-3:9 Hint no-security-policy', '6:0-6:12 Hint inactive']);
      assert.deepEqual(ours(workspaceUri('service/pyproject.toml')).filter((d) => d.message.includes(' pulls in ')), []);
      assert.deepEqual(sortedShapes(workspaceUri('requirements-base.txt')), ['2:0-2:11 Hint no-provenance', '2:0-2:11 Information vulnerable', '2:0-2:11 Information vulnerable']);
    });
  });
});
