import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { cvssBaseScore, levelFromScore, severityOf, UNRATED } from '../../../../src/core/advisories/severity';
import { describeCorpus } from '../../../helpers/corpus';
import { pypaRecord } from './records';

function checkScore(vector: string, expected: number | null): void {
  assert.equal(cvssBaseScore(vector), expected, vector);
}

function record(extra: Partial<OsvRecord>): OsvRecord {
  return { id: 'GHSA-test', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' } }], ...extra };
}

describe('advisories/severity: CVSS base scores with ae-cvss-calculator', () => {
  // Published base scores: FIRST's specification examples and NVD's ratings of well-known CVEs.
  const known: [string, number, string][] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'network, no privileges, full impact'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'CVE-2021-44228 (Log4Shell)'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'reflected XSS'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 7.5, 'PYSEC-2023-246'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5, 'v3.0'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'FIRST calculator default'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0, 'v4.0 maximum'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7, 'availability only'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'v2'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0, 'v2 maximum'],
  ];
  for (const [vector, score, why] of known) it(`${vector} = ${score} (${why})`, () => checkScore(vector, score));

  it('takes the CVSS-B score of a v4.0 vector with threat metrics (E:U)', () => {
    checkScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 9.3);
  });

  it('refuses incomplete or invalid vectors instead of scoring them 0', () => {
    for (const vector of ['CVSS:3.1/AV:N', 'CVSS:4.0/AV:N/AC:L', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'garbage', '', 'CVSS:9.9/AV:N']) {
      checkScore(vector, null);
    }
  });

  it('maps scores to the CVSS qualitative scale', () => {
    assert.deepEqual([10, 9.0, 8.9, 7.0, 6.9, 4.0, 3.9, 0.1, 0].map(levelFromScore), ['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'none']);
  });
});

describe('advisories/severity: what a record says', () => {
  it('prefers v4 over v3 when both are given', () => {
    const severity = severityOf(record({ severity: [
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' },
      { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N' },
    ] }), 'pkg');
    assert.deepEqual(severity, { level: 'high', score: 8.7, vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', type: 'CVSS_V4' });
  });

  it('falls back to an older version when the newer vector is unusable', () => {
    const severity = severityOf(record({ severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N' }, { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }), 'pkg');
    assert.equal(severity.score, 9.8);
    assert.equal(severity.level, 'critical');
  });

  it("uses the package's own affected[].severity before the record's", () => {
    const severity = severityOf(record({
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }] }],
    }), 'pkg');
    assert.equal(severity.score, 6.1);
  });

  it("falls back to GHSA's database_specific.severity label", () => {
    assert.deepEqual(severityOf(record({ database_specific: { severity: 'MODERATE' } }), 'pkg'), { level: 'medium', score: null, vector: null, type: 'MODERATE' });
    assert.equal(severityOf(record({ database_specific: { severity: 'CRITICAL' } }), 'pkg').level, 'critical');
    assert.equal(severityOf(record({ database_specific: { severity: 'LOW' } }), 'pkg').level, 'low');
  });

  it('treats an unrated advisory as medium with no type', () => {
    assert.deepEqual(severityOf(record({}), 'pkg'), UNRATED);
    assert.deepEqual(severityOf(record({ database_specific: { severity: 'whatever' } }), 'pkg'), UNRATED);
  });

  it('makes a malicious package critical whatever its vectors say', () => {
    const severity = severityOf(record({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }] }), 'pkg', true);
    assert.equal(severity.level, 'critical');
  });
});

describeCorpus('advisories/severity: the PyPA database', () => {
  it('scores a real CVSS_V3 record (PYSEC-2023-246: 7.5 high)', () => {
    assert.deepEqual(severityOf(pypaRecord('PYSEC-2023-246'), 'pkg-not-named'), {
      level: 'high', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', type: 'CVSS_V3',
    });
  });

  it('leaves a record without severity unrated (PYSEC-2021-9)', () => {
    assert.deepEqual(severityOf(pypaRecord('PYSEC-2021-9'), 'django'), UNRATED);
  });
});
