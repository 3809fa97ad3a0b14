import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { isAffected, sortedEvents } from '../../../../src/core/advisories/match';
import { describeCorpus } from '../../../helpers/corpus';
import { pypaRecord } from './records';

interface MatchCase {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly affected: boolean;
  readonly why: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'osv', 'match-cases.json'), 'utf8')) as {
  records: OsvRecord[];
  cases: MatchCase[];
};

function checkMatch(record: OsvRecord, c: Omit<MatchCase, 'id'>): void {
  assert.equal(isAffected(record, c.name, c.version), c.affected, `${record.id} ${c.name} ${c.version}: ${c.why}`);
}

describe('advisories/match: one rule per hand-written record', () => {
  const byId = new Map(fixture.records.map((record) => [record.id, record]));
  for (const c of fixture.cases) {
    it(`${c.id} ${c.name} ${c.version} → ${c.affected} (${c.why})`, () => checkMatch(byId.get(c.id)!, c));
  }

  it('keeps events at the same version in the record order (a fixed then introduced re-opens)', () => {
    const range = { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0' }, { introduced: '1.0' }, { fixed: '2.0' }] };
    assert.deepEqual(sortedEvents(range).map((e) => `${e.kind}:${e.value}`), ['introduced:0', 'fixed:1.0', 'introduced:1.0', 'fixed:2.0']);
  });
});

describeCorpus('advisories/match: real PyPA records', () => {
  const cases: [string, string, string, boolean, string][] = [
    // versions[] entries that the record's own ranges do not cover: the listing alone makes them affected.
    ['PYSEC-2023-61', 'django', '3.2a1', true, 'listed; the range starts at 3.2'],
    ['PYSEC-2023-61', 'django', '4.2rc1', true, 'listed; the range starts at 4.2'],
    ['PYSEC-2023-61', 'django', '4.0a1', false, 'neither listed nor in range (4.0a1 < 4.0)'],
    ['PYSEC-2023-177', 'gevent', '23.9.0', true, 'listed although it equals the fixed event'],
    ['PYSEC-2023-177', 'gevent', '23.9.0.post1', true, 'listed'],
    ['PYSEC-2023-177', 'gevent', '23.9.1', false, 'after the fix'],
    ['PYSEC-2024-1', 'gratient', '0.5', true, 'a record with versions[] and no ranges'],
    ['PYSEC-2024-1', 'gratient', '0.6', false, 'not listed'],
    ['PYSEC-2021-114', 'wagtail', '2.11.6', true, 'listed; the merged events close 2.11.6'],
    // The one last_affected event of the database: py <= 1.11.0.
    ['PYSEC-2022-42969', 'py', '1.11.0', true, 'last_affected is inclusive'],
    ['PYSEC-2022-42969', 'py', '1.11.0.post1', false, 'after last_affected'],
    ['PYSEC-2022-42969', 'py', '0.9.0', true, 'introduced 0'],
    // Legacy (non-PEP 440) versions match only their exact listing.
    ['PYSEC-2019-6', 'buildbot', '0.7.10p1', true, 'listed legacy version'],
    ['PYSEC-2019-6', 'Buildbot', '0.7.10p1', true, 'the name is PEP 503 normalised'],
    ['PYSEC-2019-6', 'buildbot', '0.7.10p9', false, 'unlisted legacy version'],
    // An unparsable fixed event ("0.2.0-n653") is skipped, leaving introduced 0 open.
    ['PYSEC-2021-371', 'binderhub', '99.0', true, 'the only fixed event does not parse'],
    // Branch records re-opened at the same version they were fixed at (pyspark).
    ['PYSEC-2022-236', 'pyspark', '3.1.1.post1', true, 'fixed 3.1.1 then introduced 3.1.1'],
    ['PYSEC-2023-72', 'pyspark', '3.1.3rc1', true, 'introduced 3.1.1, fixed 3.2.0'],
    ['PYSEC-2023-72', 'pyspark', '3.2.2', false, 'fixed'],
    // Withdrawn records never affect, whatever their ranges say.
    ['PYSEC-2019-144', 'arrayfire', '3.0.20150914', false, 'withdrawn 2022-09-09'],
  ];
  for (const [id, name, version, affected, why] of cases) {
    it(`${id} ${name} ${version} → ${affected} (${why})`, () => checkMatch(pypaRecord(id), { name, version, affected, why }));
  }
});
