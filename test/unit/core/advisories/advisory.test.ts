import { strict as assert } from 'node:assert';
import type { Advisory, OsvRecord } from '../../../../src/core/model/advisory';
import { dedupeAdvisories, isMalicious, toAdvisory } from '../../../../src/core/advisories/advisory';
import { checkOsvRecord, parseOsvRecord } from '../../../../src/core/advisories/record';
import { UNRATED } from '../../../../src/core/advisories/severity';
import { describeCorpus } from '../../../helpers/corpus';
import { pypaRecord } from './records';

function advisory(id: string, extra: Partial<Advisory> = {}): Advisory {
  return {
    id, aliases: [], summary: id, modified: '2024-01-01T00:00:00Z', published: null, severity: UNRATED,
    fixed: [], fixedAbove: null, malicious: false, references: [], url: `https://osv.dev/vulnerability/${id}`, ...extra,
  };
}

function checkDedupe(input: readonly Advisory[], expected: readonly { id: string; aliases: string[] }[]): void {
  assert.deepEqual(dedupeAdvisories(input).map((a) => ({ id: a.id, aliases: [...a.aliases] })), expected);
}

describeCorpus('advisories/advisory: toAdvisory on real records', () => {
  it('builds the per-package view of django PYSEC-2021-9 at 3.0.5', () => {
    const result = toAdvisory(pypaRecord('PYSEC-2021-9'), 'Django', '3.0.5');
    assert.equal(result.id, 'PYSEC-2021-9');
    assert.deepEqual(result.aliases, ['CVE-2021-3281', 'GHSA-fvgf-6h6h-3322']);
    assert.deepEqual(result.fixed, ['2.2.18', '3.0.12', '3.1.6']);
    assert.equal(result.fixedAbove, '3.0.12');
    assert.equal(result.url, 'https://osv.dev/vulnerability/PYSEC-2021-9');
    assert.equal(result.malicious, false);
    assert.deepEqual(result.severity, UNRATED);
    assert.equal(result.modified, pypaRecord('PYSEC-2021-9').modified);
    assert.ok(result.summary.startsWith('In Django 2.2 before 2.2.18'), result.summary);
    assert.ok(result.references.length > 0);
  });
});

describe('advisories/advisory: malicious packages', () => {
  const base: OsvRecord = { id: 'GHSA-xxxx', modified: '2024-01-01T00:00:00Z' };
  const cases: [string, OsvRecord, boolean][] = [
    ['a MAL- id', { ...base, id: 'MAL-2024-1234' }, true],
    ['a MAL- alias', { ...base, aliases: ['MAL-2024-1'] }, true],
    ['an ossf origins entry', { ...base, database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware' }] } }, true],
    ['a plain GHSA', base, false],
  ];
  for (const [why, record, expected] of cases) it(`${why} → ${expected}`, () => assert.equal(isMalicious(record), expected));

  it('makes a malicious advisory critical', () => {
    const result = toAdvisory({ ...base, id: 'MAL-2024-1', summary: 'Malicious code in evil-pkg', affected: [{ package: { ecosystem: 'PyPI', name: 'evil-pkg' }, versions: ['1.0'] }] }, 'evil-pkg', '1.0');
    assert.equal(result.malicious, true);
    assert.equal(result.severity.level, 'critical');
    assert.equal(result.summary, 'Malicious code in evil-pkg');
  });
});

describe('advisories/advisory: de-duplication by aliases', () => {
  it('shows a PYSEC and a GHSA record of the same CVE once, keeping the scored one', () => {
    const scored = { level: 'high' as const, score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', type: 'CVSS_V3' };
    const result = dedupeAdvisories([
      advisory('PYSEC-2021-9', { aliases: ['CVE-2021-3281', 'GHSA-fvgf-6h6h-3322'], fixed: ['2.2.18'], fixedAbove: '2.2.18', references: [{ type: 'WEB', url: 'https://a' }] }),
      advisory('GHSA-fvgf-6h6h-3322', { aliases: ['CVE-2021-3281'], severity: scored, fixed: ['3.0.12'], fixedAbove: '3.0.12', references: [{ type: 'WEB', url: 'https://a' }, { type: 'FIX', url: 'https://b' }] }),
    ]);
    assert.equal(result.length, 1);
    const [only] = result;
    assert.equal(only!.id, 'GHSA-fvgf-6h6h-3322');
    assert.deepEqual(only!.aliases, ['CVE-2021-3281', 'PYSEC-2021-9']);
    assert.deepEqual(only!.severity, scored);
    assert.deepEqual(only!.fixed, ['2.2.18', '3.0.12']);
    assert.equal(only!.fixedAbove, '3.0.12');
    assert.deepEqual(only!.references.map((r) => r.url), ['https://a', 'https://b']);
  });

  it('joins groups transitively (A~CVE, B~CVE and GHSA, C~GHSA) and keeps unrelated ones apart', () => {
    checkDedupe([
      advisory('PYSEC-1', { aliases: ['CVE-1'] }),
      advisory('PYSEC-9', { aliases: ['CVE-9'] }),
      advisory('OSV-2', { aliases: ['GHSA-2'] }),
      advisory('PYSEC-2', { aliases: ['CVE-1', 'GHSA-2'] }),
    ], [
      { id: 'PYSEC-1', aliases: ['CVE-1', 'GHSA-2', 'OSV-2', 'PYSEC-2'] },
      { id: 'PYSEC-9', aliases: ['CVE-9'] },
    ]);
  });

  it('never hides a malicious record behind a plain one', () => {
    const result = dedupeAdvisories([advisory('GHSA-1', { aliases: ['MAL-1'], fixed: ['2.0'] }), advisory('MAL-1', { aliases: ['GHSA-1'], malicious: true })]);
    assert.deepEqual(result.map((a) => [a.id, a.malicious]), [['MAL-1', true]]);
  });

  it('leaves an empty list empty', () => checkDedupe([], []));
});

describe('advisories/record: untrusted JSON', () => {
  const cases: [string, string, string | null][] = [
    ['a minimal record', '{"id":"X-1","modified":"2024-01-01T00:00:00Z"}', null],
    ['not JSON', '{"id":', 'not JSON'],
    ['an array', '[1]', 'not a JSON object'],
    ['no id', '{"modified":"2024-01-01T00:00:00Z"}', 'no "id" string'],
    ['no modified', '{"id":"X-2"}', 'X-2: no "modified" timestamp'],
    ['affected not a list', '{"id":"X-3","modified":"m","affected":{}}', 'X-3: "affected" is not a list'],
  ];
  for (const [why, text, problem] of cases) {
    it(`${why} → ${problem ?? 'ok'}`, () => {
      const result = parseOsvRecord(text);
      if (problem == null) assert.equal(result.ok, true);
      else assert.ok(!result.ok && result.problem.startsWith(problem), JSON.stringify(result));
    });
  }

  it('refuses null', () => assert.equal(checkOsvRecord(null).ok, false));
});
