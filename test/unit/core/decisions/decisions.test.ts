import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPlan } from '../../../../src/core/edits';
import { decisionFor, decisionsFileFor, isExpired, isIsoDate, planRecordDecision, readDecisions, type NewDecision, type RepoDecision } from '../../../../src/core/decisions';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'edits', 'decisions');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PATH = '/ws/beachcomber.toml';

describe('decisions: reading beachcomber.toml', () => {
  it('reads every field, with the line of each [[decision]]', () => {
    const { decisions, problems } = readDecisions(read('good.toml'), PATH);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      decisions.map(({ range: _range, ...d }) => d),
      [
        { package: 'pycrypto', action: 'fork', reason: 'Unmaintained since 2013; CVE-2013-7459.', author: 'Jane Doe <jane@example.com>', until: null, replacement: 'pycryptodome', versions: null, advisory: null, origin: 'repo', created: '2026-01-10', line: 3 },
        { package: 'requests', action: 'accept', reason: 'Only used against our own API; upgrade planned in Q2.', author: 'Sam', until: '2026-06-30', replacement: null, versions: '<2.32', advisory: 'GHSA-9wx4-h78v-vm56', origin: 'repo', created: null, line: 11 },
        { package: 'nose', action: 'forgo', reason: 'Tests move to pytest.', author: 'Sam', until: '2026-03-31', replacement: 'pytest', versions: null, advisory: null, origin: 'repo', created: null, line: 20 },
      ],
    );
    assert.deepEqual(decisions[0]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } });
  });

  it('reports bad input at its line and applies none of the broken decisions', () => {
    const { decisions, problems } = readDecisions(read('bad.toml'), PATH);
    assert.deepEqual(decisions.map((d) => d.package), ['ok-package']);
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity, p.message, p.range.start.character, p.range.end.character]),
      [
        [1, 'warning', "Unknown key 'owner': beachcomber.toml holds [[decision]] tables only", 0, 5],
        [9, 'error', 'A decision needs a package', 0, 12],
        [16, 'error', "Unknown action 'ignore': use fix, fork, forgo, accept", 9, 17],
        [23, 'error', "'until' must be a date like 2026-06-30, not '2026-02-30'", 8, 20],
        [31, 'warning', "Unknown key 'untill' in a decision (known: package, action, reason, author, until, replacement, versions, advisory, created)", 0, 6],
        [30, 'error', "'latest' is not a PEP 440 version specifier", 11, 19],
        [27, 'warning', 'A decision should say why (reason)', 0, 12],
        [27, 'warning', 'A decision should say who decided (author)', 0, 12],
        [34, 'error', "'package' must be a string", 10, 12],
      ],
    );
  });

  it('turns a TOML syntax error into one problem at its line', () => {
    const { decisions, problems } = readDecisions('[[decision]]\npackage = "x"\naction = "accept\nreason = "r"\n', PATH);
    assert.deepEqual(decisions, []);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[3, 'Invalid TOML: Unterminated string constant']]);
    // TOML itself rejects a local date that is not a calendar day.
    assert.deepEqual(readDecisions('[[decision]]\npackage = "x"\naction = "accept"\nuntil = 2026-02-30\n', PATH).problems.map((p) => [p.line, p.message]), [[4, 'Invalid TOML: Unexpected invalid date']]);
  });

  it("says so when 'decision' is not an array of tables", () => {
    const { problems } = readDecisions('decision = "fork pycrypto"\n', PATH);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[1, "'decision' must be an array of tables: write each one as [[decision]]"]]);
  });

  it('warns when a fork decision does not name the fork, and still applies it', () => {
    const { decisions, problems } = readDecisions('[[decision]]\npackage = "nose"\naction = "fork"\nreason = "r"\nauthor = "me"\n', PATH);
    assert.deepEqual(decisions.map((d) => [d.package, d.replacement]), [['nose', null]]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [[1, 'warning', 'A fork decision should name the fork (replacement)']]);
  });

  it('checks dates as calendar days', () => {
    assert.deepEqual(['2024-02-29', '2023-02-29', '2026-12-31', '2026-13-01', '2026-1-1', '2026-04-31'].map(isIsoDate), [true, false, true, false, false, false]);
  });
});

describe('decisions: recording one', () => {
  const decision: NewDecision = { package: 'pycrypto', action: 'fork', replacement: 'pycryptodome', reason: 'Unmaintained; "forked" by Legrandin\\team', author: 'Jane', until: '2026-06-30', created: '2026-01-10' };

  it('creates beachcomber.toml at the workspace root when there is none', () => {
    assert.equal(decisionsFileFor('/ws'), PATH);
    const result = planRecordDecision(PATH, undefined, decision);
    assert.ok(result.ok);
    assert.deepEqual(result.plan.edits, []);
    assert.deepEqual(result.plan.creates, [{
      file: PATH,
      text: [
        "# Beachcomber decisions about this repository's dependencies: fix, fork, forgo or accept,",
        '# with who decided, why and until when. Review changes to this file like code.',
        '',
        '[[decision]]',
        'package = "pycrypto"',
        'action = "fork"',
        'replacement = "pycryptodome"',
        'reason = "Unmaintained; \\"forked\\" by Legrandin\\\\team"',
        'author = "Jane"',
        'until = 2026-06-30',
        'created = 2026-01-10',
        '',
      ].join('\n'),
    }]);
    const text = result.plan.creates[0]!.text;
    const read = readDecisions(text, PATH);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.decisions.map((d) => [d.package, d.action, d.replacement, d.reason, d.until, d.line]), [['pycrypto', 'fork', 'pycryptodome', 'Unmaintained; "forked" by Legrandin\\team', '2026-06-30', 4]]);
  });

  it('appends to an existing file, keeping everything in it', () => {
    const before = read('good.toml');
    const result = planRecordDecision(PATH, before, { package: 'urllib3', action: 'fix', reason: 'GHSA-pq67-6m6q-mj2v', author: 'Sam', versions: '<2.5.0', advisory: 'GHSA-pq67-6m6q-mj2v' });
    assert.ok(result.ok);
    const after = applyPlan({ [PATH]: before }, result.plan)[PATH]!;
    assert.ok(after.startsWith(before));
    assert.equal(after.slice(before.length), '\n[[decision]]\npackage = "urllib3"\naction = "fix"\nversions = "<2.5.0"\nadvisory = "GHSA-pq67-6m6q-mj2v"\nreason = "GHSA-pq67-6m6q-mj2v"\nauthor = "Sam"\n');
    const { decisions, problems } = readDecisions(after, PATH);
    assert.deepEqual(problems, []);
    assert.deepEqual(decisions.map((d) => d.package), ['pycrypto', 'requests', 'nose', 'urllib3']);
  });

  it('keeps CRLF line breaks and separates from a file without a final line break', () => {
    const before = '[[decision]]\r\npackage = "a"\r\naction = "accept"\r\nreason = "r"\r\nauthor = "me"';
    const result = planRecordDecision(PATH, before, { package: 'b', action: 'forgo', reason: 'r', author: 'me' });
    assert.ok(result.ok);
    const after = applyPlan({ [PATH]: before }, result.plan)[PATH]!;
    assert.equal(after, `${before}\r\n\r\n[[decision]]\r\npackage = "b"\r\naction = "forgo"\r\nreason = "r"\r\nauthor = "me"\r\n`);
    assert.deepEqual(readDecisions(after, PATH).decisions.map((d) => d.package), ['a', 'b']);
  });

  it('refuses what the reader would reject, and a broken file', () => {
    assert.deepEqual(planRecordDecision(PATH, undefined, { ...decision, until: '2026-02-30' }), { ok: false, reason: "until must be a date like 2026-06-30, not '2026-02-30'" });
    assert.deepEqual(planRecordDecision(PATH, undefined, { ...decision, versions: 'soon' }), { ok: false, reason: "'soon' is not a PEP 440 version specifier" });
    assert.deepEqual(planRecordDecision(PATH, undefined, { ...decision, package: 'a b' }), { ok: false, reason: "'a b' is not a valid package name" });
    assert.equal(planRecordDecision(PATH, '[[decision]\n', decision).ok, false);
  });
});

describe('decisions: which one applies', () => {
  const base = { reason: 'r', author: 'a', replacement: null, origin: 'repo' as const, created: null, line: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const d = (over: Partial<RepoDecision>): RepoDecision => ({ package: 'requests', action: 'accept', until: null, versions: null, advisory: null, ...base, ...over });

  it('stops applying after the end of its until day', () => {
    const decision = d({ until: '2026-06-30' });
    assert.equal(isExpired(decision, '2026-06-30'), false);
    assert.equal(isExpired(decision, '2026-07-01'), true);
    assert.equal(decisionFor([decision], { name: 'requests', version: '2.31.0', today: '2026-06-30' }), decision);
    assert.equal(decisionFor([decision], { name: 'requests', version: '2.31.0', today: '2026-07-01' }), null);
  });

  it('matches names by PEP 503, versions by PEP 440, advisories by id or alias', () => {
    const decision = d({ package: 'zope-interface', versions: '<6', advisory: 'CVE-2024-0001' });
    const query = { name: 'Zope.Interface', version: '5.4', advisories: ['GHSA-xxxx-yyyy-zzzz', 'cve-2024-0001'], today: '2026-01-01' };
    assert.equal(decisionFor([decision], query), decision);
    assert.equal(decisionFor([decision], { ...query, version: '6.0' }), null);
    assert.equal(decisionFor([decision], { ...query, version: null }), null);
    assert.equal(decisionFor([decision], { ...query, advisories: ['GHSA-other'] }), null);
    assert.equal(decisionFor([decision], { ...query, advisories: undefined }), null);
  });

  it('prefers the most specific decision, then the one written last', () => {
    const general = d({ action: 'fix' });
    const versions = d({ versions: '<3' });
    const advisory = d({ advisory: 'GHSA-1' });
    const later = d({ action: 'forgo' });
    const query = { name: 'requests', version: '2.31.0', advisories: ['GHSA-1'], today: '2026-01-01' };
    assert.equal(decisionFor([advisory, versions, general], query), advisory);
    assert.equal(decisionFor([versions, general], query), versions);
    assert.equal(decisionFor([general, later], query), later);
  });
});
