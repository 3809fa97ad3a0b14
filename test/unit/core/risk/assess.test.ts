import { strict as assert } from 'node:assert';
import type { RiskLevel } from '../../../../src/core/model/advisory';
import type { Action, SignalKind } from '../../../../src/core/model/risk';
import { assess, type AssessInput } from '../../../../src/core/risk/assess';
import { resolvePolicy } from '../../../../src/core/risk/policy';
import { NOW, decision, input, project, release, scorecard, vuln } from './inputs';

const CVSS_61 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
const CVSS_31 = 'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N';

interface Expected {
  readonly level: RiskLevel;
  readonly signals: readonly [SignalKind, RiskLevel][];
  readonly actions?: readonly Action[];
}

function checkAssessment(extra: Partial<AssessInput>, expected: Expected): void {
  const result = assess(input(extra));
  assert.deepEqual(result.signals.map((s) => [s.kind, s.level]), expected.signals, JSON.stringify(result.signals.map((s) => s.reason)));
  assert.equal(result.level, expected.level);
  if (expected.actions) assert.deepEqual(result.actions, expected.actions);
  for (const signal of result.signals) assert.ok(signal.reason.length > 20 && signal.evidence.length > 0, `${signal.kind} explains itself`);
}

const oldProject = (extra = {}) => ({ status: 'ok' as const, value: project('pkg', [release('1.0', '2021-01-01T00:00:00Z')], extra) });

describe('risk/assess: one rule per signal', () => {
  const cases: [string, Partial<AssessInput>, Expected][] = [
    ['nothing found', {}, { level: 'none', signals: [], actions: [] }],
    ['a malicious advisory', { advisories: { status: 'ok', value: [vuln('MAL-2025-1', 'pkg', [{ introduced: '0' }])] } },
      { level: 'critical', signals: [['malicious', 'critical']], actions: ['forgo'] }],
    ['a vulnerability with a fix takes its CVSS level', { advisories: { status: 'ok', value: [vuln('GHSA-1', 'pkg', [{ introduced: '0' }, { fixed: '1.1' }], { severity: [{ type: 'CVSS_V3', score: CVSS_61 }] })] } },
      { level: 'medium', signals: [['vulnerable', 'medium']], actions: ['fix'] }],
    ['a vulnerability without a fix is at least high', { advisories: { status: 'ok', value: [vuln('GHSA-2', 'pkg', [{ introduced: '0' }], { severity: [{ type: 'CVSS_V3', score: CVSS_31 }] })] } },
      { level: 'high', signals: [['vulnerable', 'high']], actions: ['fork', 'forgo'] }],
    ['an unrated vulnerability counts as medium', { advisories: { status: 'ok', value: [vuln('PYSEC-1', 'pkg', [{ introduced: '0' }, { fixed: '2.0' }])] } },
      { level: 'medium', signals: [['vulnerable', 'medium']], actions: ['fix'] }],
    ['a yanked release (release answer)', { release: { status: 'ok', value: { name: 'pkg', version: '1.0', requiresDist: null, requiresPython: null, yanked: true, yankedReason: 'broken wheel', uploadTime: null, files: [], license: null, summary: null, author: null, projectUrls: {} } } },
      { level: 'high', signals: [['yanked', 'high']], actions: ['fix'] }],
    ['a yanked release (project list)', { project: { status: 'ok', value: project('pkg', [release('1.0', '2025-01-01T00:00:00Z', true), release('1.1')]) } },
      { level: 'high', signals: [['yanked', 'high']], actions: ['fix'] }],
    ['an archived project', { project: { status: 'ok', value: project('pkg', [release('1.0')], { status: 'archived' }) } },
      { level: 'high', signals: [['archived', 'high']], actions: ['fork'] }],
    ['a quarantined project', { project: { status: 'ok', value: project('pkg', [release('1.0')], { status: 'quarantined' }) } },
      { level: 'high', signals: [['quarantined', 'high']], actions: ['forgo'] }],
    ['a deprecated project (from deps.dev)', { depsDev: { status: 'ok', value: { licenses: [], sourceRepository: null, attestations: [], advisoryIds: [], projectStatus: 'deprecated', stars: null, openIssues: null, scorecard: null } } },
      { level: 'high', signals: [['deprecated', 'high']] }],
    ['old and archived is abandoned', { project: oldProject({ status: 'archived' }) },
      { level: 'high', signals: [['archived', 'high'], ['abandoned', 'high']], actions: ['fork', 'forgo'] }],
    ['old with an open vulnerability is abandoned', { project: oldProject(), advisories: { status: 'ok', value: [vuln('PYSEC-2', 'pkg', [{ introduced: '0' }])] } },
      { level: 'high', signals: [['vulnerable', 'high'], ['abandoned', 'high']], actions: ['fork', 'forgo'] }],
    ['old with Scorecard Maintained 0 is abandoned', { project: oldProject(), scorecard: { status: 'ok', value: scorecard({ Maintained: 0 }) } },
      { level: 'high', signals: [['abandoned', 'high']], actions: ['fork', 'forgo'] }],
    ['old and stable is not abandoned', { project: oldProject(), scorecard: { status: 'ok', value: scorecard({ Maintained: 3, 'Security-Policy': 10, 'Dangerous-Workflow': 10 }) } },
      { level: 'none', signals: [], actions: [] }],
    ['recent but Maintained 0 is unmaintained', { scorecard: { status: 'ok', value: scorecard({ Maintained: 0 }) } },
      { level: 'low', signals: [['unmaintained', 'low']], actions: ['fork'] }],
    ['no Trusted Publishing provenance', { provenance: { status: 'ok', value: { trustedPublishing: false, publisher: null, filesWithProvenance: 0, files: 2 } } },
      { level: 'info', signals: [['no-provenance', 'info']], actions: [] }],
    ['Trusted Publishing', { provenance: { status: 'ok', value: { trustedPublishing: true, publisher: { kind: 'GitHub', repository: 'example/pkg', workflow: 'release.yml', email: null }, filesWithProvenance: 2, files: 2 } } },
      { level: 'none', signals: [] }],
    ['no security policy', { scorecard: { status: 'ok', value: scorecard({ 'Security-Policy': 0 }) } },
      { level: 'info', signals: [['no-security-policy', 'info']] }],
    ['a dangerous workflow', { scorecard: { status: 'ok', value: scorecard({ 'Dangerous-Workflow': 0 }) } },
      { level: 'medium', signals: [['dangerous-workflow', 'medium']] }],
    ['inconclusive Scorecard checks say nothing', { scorecard: { status: 'ok', value: scorecard({ 'Dangerous-Workflow': -1, 'Security-Policy': -1, Maintained: -1 }) } },
      { level: 'none', signals: [] }],
    ['a name the index does not know', { project: { status: 'ok', value: null } },
      { level: 'high', signals: [['not-on-index', 'high']], actions: ['forgo'] }],
  ];
  for (const [why, extra, expected] of cases) it(why, () => checkAssessment(extra, expected));

  it('takes levels from the policy, which a team can override', () => {
    const policy = resolvePolicy({ levels: { 'no-provenance': 'low', yanked: 'critical' } });
    const result = assess(input({ policy, provenance: { status: 'ok', value: { trustedPublishing: false, publisher: null, filesWithProvenance: 0, files: 1 } } }));
    assert.equal(result.level, 'low');
    assert.equal(policy.levels.yanked, 'critical');
    assert.equal(policy.levels.malicious, 'critical');
  });

  it('counts idle time against the policy threshold', () => {
    const extra = { project: oldProject(), scorecard: { status: 'ok' as const, value: scorecard({ Maintained: 0 }) } };
    assert.equal(assess(input({ ...extra, policy: resolvePolicy({ abandonedAfterDays: 2000 }) })).signals[0]?.kind, 'unmaintained');
  });

  it('explains a vulnerability with its id, aliases, rating and fix', () => {
    const result = assess(input({ advisories: { status: 'ok', value: [vuln('GHSA-1', 'pkg', [{ introduced: '0' }, { fixed: '1.1' }], { aliases: ['CVE-2025-1'], summary: 'XSS in the admin.', severity: [{ type: 'CVSS_V3', score: CVSS_61 }] })] } }));
    assert.equal(result.signals[0]?.reason, 'GHSA-1 (CVE-2025-1) affects 1.0 (CVSS 6.1): XSS in the admin. Fixed in 1.1.');
    assert.deepEqual(result.signals[0]?.evidence, ['https://osv.dev/vulnerability/GHSA-1', CVSS_61, 'fixed in 1.1']);
    assert.equal(result.signals[0]?.source, 'osv');
    assert.equal(result.nearestSafe, '1.1');
  });

  it('shows a PYSEC and a GHSA of one CVE once', () => {
    const pysec = vuln('PYSEC-2025-1', 'pkg', [{ introduced: '0' }, { fixed: '1.1' }], { aliases: ['CVE-2025-9', 'GHSA-9'] });
    const ghsa = vuln('GHSA-9', 'pkg', [{ introduced: '0' }, { fixed: '1.1' }], { aliases: ['CVE-2025-9', 'PYSEC-2025-1'], severity: [{ type: 'CVSS_V3', score: CVSS_61 }] });
    const result = assess(input({ advisories: { status: 'ok', value: [pysec, ghsa] } }));
    assert.deepEqual(result.advisories.map((a) => [a.id, a.aliases]), [['GHSA-9', ['CVE-2025-9', 'PYSEC-2025-1']]]);
    assert.equal(result.signals.length, 1);
  });
});

describe('risk/assess: unknown is never safe', () => {
  const failed = { status: 'unavailable' as const, detail: 'HTTP 503 after 3 tries' };

  it('is unknown when the advisory source failed, naming it', () => {
    const result = assess(input({ advisories: failed, advisorySource: 'offline-db' }));
    assert.equal(result.level, 'unknown');
    assert.deepEqual(result.unknown, [{ source: 'offline-db', detail: 'HTTP 503 after 3 tries' }]);
    assert.deepEqual(result.signals.map((s) => [s.kind, s.level, s.source]), [['unknown-risk', 'unknown', 'offline-db']]);
  });

  it('is unknown, not info, when only an info finding is known', () => {
    const result = assess(input({ advisories: failed, provenance: { status: 'ok', value: { trustedPublishing: false, publisher: null, filesWithProvenance: 0, files: 1 } } }));
    assert.equal(result.level, 'unknown');
  });

  it('keeps a known high finding visible when the advisories are unknown', () => {
    const result = assess(input({ advisories: failed, project: { status: 'ok', value: project('pkg', [release('1.0')], { status: 'archived' }) } }));
    assert.equal(result.level, 'high');
    assert.deepEqual(result.unknown.map((u) => u.source), ['osv']);
  });

  it('lists every other failed source without changing the level', () => {
    const result = assess(input({
      project: { status: 'rate-limited', detail: 'HTTP 429', retryAfterMs: 1000 },
      scorecard: { status: 'invalid', detail: 'truncated body' },
      depsDev: { status: 'unavailable', detail: 'connection reset' },
    }));
    assert.equal(result.level, 'none');
    assert.deepEqual(result.unknown, [{ source: 'pypi', detail: 'HTTP 429' }, { source: 'deps.dev', detail: 'connection reset' }, { source: 'scorecard', detail: 'truncated body' }]);
    assert.equal(result.nearestSafe, null);
  });

  it('does not count a source that was not asked', () => {
    const result = assess({ name: 'pkg', version: '1.0', advisories: { status: 'ok', value: [] }, advisorySource: 'osv', now: NOW });
    assert.deepEqual([result.level, result.unknown, result.health], ['none', [], null]);
  });
});

describe('risk/assess: decisions', () => {
  const vulnerable = { advisories: { status: 'ok' as const, value: [vuln('GHSA-1', 'pkg', [{ introduced: '0' }, { fixed: '1.1' }], { aliases: ['CVE-2025-1'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] })] } };

  it('an accept until a future day quiets: level info, signals kept and marked accepted, no actions', () => {
    const result = assess(input({ ...vulnerable, decisions: [decision({ until: '2025-06-30' })] }));
    assert.equal(result.level, 'info');
    assert.deepEqual(result.signals.map((s) => [s.kind, s.level, s.accepted]), [['vulnerable', 'critical', true]]);
    assert.deepEqual(result.actions, []);
    assert.equal(result.decision?.author, 'Jane Doe');
  });

  it('holds through its until day and expires after it', () => {
    const on = assess(input({ ...vulnerable, now: Date.parse('2025-06-30T23:59:59Z'), decisions: [decision({ until: '2025-06-30' })] }));
    const after = assess(input({ ...vulnerable, now: Date.parse('2025-07-01T00:00:00Z'), decisions: [decision({ until: '2025-06-30' })] }));
    assert.deepEqual([on.level, after.level, after.decision, after.signals[0]?.accepted], ['info', 'critical', null, undefined]);
    assert.deepEqual(after.actions, ['fix']);
  });

  it('applies only to its package, versions and advisory (by id or alias)', () => {
    const cases: [string, Partial<Parameters<typeof decision>[0]>, RiskLevel][] = [
      ['another package', { package: 'other' }, 'critical'],
      ['the package by another spelling', { package: 'PKG' }, 'info'],
      ['versions that match', { versions: '<2' }, 'info'],
      ['versions that do not match', { versions: '>=1.1' }, 'critical'],
      ['a specifier that does not parse', { versions: '<<2' }, 'critical'],
      ['its advisory by id', { advisory: 'GHSA-1' }, 'info'],
      ['its advisory by alias', { advisory: 'CVE-2025-1' }, 'info'],
      ['its advisory in lower case', { advisory: 'ghsa-1' }, 'info'],
      ['another advisory', { advisory: 'GHSA-2' }, 'critical'],
      ['a date that does not parse', { until: 'soon' }, 'critical'],
    ];
    for (const [why, extra, level] of cases) assert.equal(assess(input({ ...vulnerable, decisions: [decision(extra)] })).level, level, why);
  });

  it('never quiets a malicious package', () => {
    const result = assess(input({ advisories: { status: 'ok', value: [vuln('MAL-2025-1', 'pkg', [{ introduced: '0' }])] }, decisions: [decision({})] }));
    assert.equal(result.level, 'critical');
    assert.equal(result.signals[0]?.accepted, undefined);
  });

  it('marks an old package stable with an accept limited to "abandoned"', () => {
    const result = assess(input({
      project: { status: 'ok', value: project('pkg', [release('1.0', '2021-01-01T00:00:00Z')]) },
      scorecard: { status: 'ok', value: scorecard({ Maintained: 0, 'Dangerous-Workflow': 5 }) },
      decisions: [decision({ advisory: 'abandoned', reason: 'finished: a pure-Python parser with no open issues' })],
    }));
    assert.deepEqual(result.signals.map((s) => [s.kind, s.accepted ?? false]), [['abandoned', true], ['dangerous-workflow', false]]);
    assert.equal(result.level, 'medium');
    assert.deepEqual(result.actions, []);
  });

  it('puts a fork decision first among the actions', () => {
    const result = assess(input({ ...vulnerable, decisions: [decision({ action: 'fork', replacement: 'pkg-community' })] }));
    assert.deepEqual(result.actions, ['fork', 'fix']);
    assert.equal(result.level, 'critical');
    assert.equal(result.decision?.replacement, 'pkg-community');
  });
});
