import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { fixedAbove, fixedVersions } from '../../../../src/core/advisories/fixed';
import { describeCorpus } from '../../../helpers/corpus';
import { pypaRecord } from './records';

function checkFixedAbove(id: string, name: string, version: string, expected: string | null): void {
  assert.equal(fixedAbove(pypaRecord(id), name, version), expected, `${id} ${name} ${version}`);
}

describe('advisories/fixed: overlapping ranges', () => {
  const record: OsvRecord = {
    id: 'X-OVERLAP',
    modified: '2024-01-01T00:00:00Z',
    affected: [{
      package: { ecosystem: 'PyPI', name: 'overlap' },
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.5' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '1.2' }, { fixed: '2.0' }] },
        { type: 'GIT', repo: 'https://example.invalid/r', events: [{ introduced: '0' }, { fixed: '1.1' }] },
      ],
    }],
  };

  it('skips a fixed version that another range still affects', () => {
    assert.equal(fixedAbove(record, 'overlap', '1.3'), '2.0');
    // 1.1 lies in the first range only, but its fix 1.5 lies in the second.
    assert.equal(fixedAbove(record, 'overlap', '1.1'), '2.0');
    assert.equal(fixedAbove(record, 'overlap', '2.0'), null);
  });

  it('ignores the fixed commits of GIT ranges', () => {
    assert.deepEqual(fixedVersions(record, 'overlap'), ['1.5', '2.0']);
  });
});

describeCorpus('advisories/fixed: fix versions of real multi-branch records', () => {
  it('lists every fixed version of django PYSEC-2021-9, PEP 440 ascending', () => {
    assert.deepEqual(fixedVersions(pypaRecord('PYSEC-2021-9'), 'django'), ['2.2.18', '3.0.12', '3.1.6']);
  });

  it('lists nothing for a last_affected record (py PYSEC-2022-42969) and for another package', () => {
    assert.deepEqual(fixedVersions(pypaRecord('PYSEC-2022-42969'), 'py'), []);
    assert.deepEqual(fixedVersions(pypaRecord('PYSEC-2021-9'), 'flask'), []);
  });

  it('sorts by PEP 440, not by string (django PYSEC-2015-11: 1.7.11, 1.8.7, 1.9rc2)', () => {
    assert.deepEqual(fixedVersions(pypaRecord('PYSEC-2015-11'), 'django'), ['1.7.11', '1.8.7', '1.9rc2']);
  });

  const cases: [string, string, string, string | null, string][] = [
    ['PYSEC-2021-9', 'django', '3.0.5', '3.0.12', 'the fix of its own branch, not 2.2.18'],
    ['PYSEC-2021-9', 'django', '2.2.5', '2.2.18', 'the 2.2 branch'],
    ['PYSEC-2021-9', 'django', '3.1', '3.1.6', 'the 3.1 branch'],
    ['PYSEC-2021-9', 'django', '3.1.6', null, 'nothing fixed above the last fix'],
    ['PYSEC-2015-22', 'django', '1.7.3', '1.7.10', 'branches written out of order (1.8, 1.7, 1.4)'],
    ['PYSEC-2023-72', 'pyspark', '3.1.2', '3.2.0', 'the branches touch at 3.2.0, which is not affected'],
    ['PYSEC-2021-114', 'wagtail', '2.10', '2.11.6', 'an introduced 0 written after the 2.11 branch'],
    ['PYSEC-2021-114', 'wagtail', '2.11.6', '2.11.7', 'affected by listing only'],
    ['PYSEC-2023-177', 'gevent', '22.10.2', '23.9.0', 'the advisory names 23.9.0 (nearest-safe skips it: it is listed)'],
    ['PYSEC-2022-42969', 'py', '1.10.0', null, 'last_affected carries no fix'],
    ['PYSEC-2019-6', 'buildbot', '0.7.10p1', null, 'a legacy version cannot be ordered'],
  ];
  for (const [id, name, version, expected, why] of cases) {
    it(`${id} ${name} ${version} → ${expected} (${why})`, () => checkFixedAbove(id, name, version, expected));
  }
});
