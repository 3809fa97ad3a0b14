import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import type { ReleaseSummary } from '../../../../src/core/model/package-info';
import { assess } from '../../../../src/core/risk/assess';
import { nearestSafe } from '../../../../src/core/risk/nearest-safe';
import { describeCorpus } from '../../../helpers/corpus';
import { pypaRecord, pypaRecords } from '../advisories/records';
import { NOW, project, release, vuln } from './inputs';

function recordsAbout(name: string): OsvRecord[] {
  return [...pypaRecords().values()].filter((r) => r.affected?.some((a) => a.package?.name === name));
}

function checkNearest(name: string, version: string, releases: readonly ReleaseSummary[], records: readonly OsvRecord[], expected: string | null): void {
  assert.equal(nearestSafe(name, version, releases, records), expected, `${name} ${version}`);
}

// Real django releases around the 3.x series; every one but the last of each branch is affected by some record.
const DJANGO = ['3.0.5', '3.0.6', '3.0.14', '3.1', '3.1.14', '3.2', '3.2.18', '3.2.19', '3.2.24', '3.2.25', '4.0', '4.2', '4.2.15', '4.2.16', '5.0', '5.0.8', '5.0.9', '5.1', '5.1.1', '5.1.2'];

describeCorpus('risk/nearest-safe: real advisory records', () => {
  const django = () => recordsAbout('django');

  it('skips every release that any django record affects (3.0.5 → 3.1.14)', () => {
    checkNearest('django', '3.0.5', DJANGO.map((v) => release(v)), django(), '3.1.14');
  });

  it('stays in the series in use, and moves on only when it has no safe release', () => {
    checkNearest('django', '3.2', DJANGO.map((v) => release(v)), django(), '3.2.25');
    checkNearest('django', '3.2', DJANGO.filter((v) => v !== '3.2.25').map((v) => release(v)), django(), '4.2.16');
    checkNearest('django', '5.0', DJANGO.map((v) => release(v)), django(), '5.0.9');
  });

  it('skips a yanked release and a release without files', () => {
    const releases = DJANGO.map((v) => (v === '3.1.14' ? release(v, '2022-01-04T00:00:00Z', true, 'mistake') : v === '3.2.25' ? release(v, null) : release(v)));
    checkNearest('django', '3.0.5', releases, django(), '4.2.16');
  });

  it('skips a release the advisory itself names as fixed when its versions[] lists it (gevent 23.9.0)', () => {
    const releases = ['23.9.0', '23.9.0.post1', '23.9.1'].map((v) => release(v));
    checkNearest('gevent', '22.10.2', releases, [pypaRecord('PYSEC-2023-177')], '23.9.1');
  });

  it('finds nothing above the last release, and nothing for a legacy version', () => {
    checkNearest('django', '5.1.2', DJANGO.map((v) => release(v)), django(), null);
    checkNearest('buildbot', '0.7.10p1', [release('0.8.0')], recordsAbout('buildbot'), null);
  });

  it('feeds the assessment: django 3.0.5 with every django record known', () => {
    const records = django().filter((r) => ['PYSEC-2021-9'].includes(r.id));
    const result = assess({
      name: 'django', version: '3.0.5', advisorySource: 'offline-db', now: NOW,
      advisories: { status: 'ok', value: records },
      packageRecords: django(),
      project: { status: 'ok', value: project('django', DJANGO.map((v) => release(v))) },
    });
    assert.equal(result.advisories[0]?.fixedAbove, '3.0.12');
    assert.equal(result.nearestSafe, '3.1.14');
    assert.deepEqual(result.actions, ['fix']);
  });
});

describe('risk/nearest-safe: pre-releases', () => {
  const records = [vuln('X-1', 'pkg', [{ introduced: '0' }, { fixed: '2.0rc2' }])];
  const releases = ['2.0rc1', '2.0rc2', '2.0', '2.1.dev1'].map((v) => release(v));

  it('offers a pre-release only to a pre-release in use', () => {
    checkNearest('pkg', '1.9', releases, records, '2.0');
    checkNearest('pkg', '2.0rc1', releases, records, '2.0rc2');
  });
});
