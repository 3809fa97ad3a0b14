import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { buildAdvisoryIndex, lookupAdvisories } from '../../../../src/core/offline/advisory-index';
import { databaseAge, staleNote } from '../../../../src/core/offline/age';
import { createOfflineAdvisoryDb } from '../../../../src/core/offline/db';
import { applyChanges, snapshotOf } from '../../../../src/core/offline/snapshot';
import { isAffected } from '../../../../src/core/advisories/match';
import { normalizeName } from '../../../../src/core/versions';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';
import { DAY, fixedClock, osvRecord } from './fixtures';

function jsonLines<T>(text: string): T[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

describe('offline/snapshot and index', () => {
  const older = osvRecord('X-1', '2024-01-01T00:00:00Z', 'Pkg_One', [{ introduced: '0' }, { fixed: '2.0' }]);
  const newer = osvRecord('X-1', '2024-02-01T00:00:00Z', 'pkg-one', [{ introduced: '0' }, { fixed: '3.0' }]);
  const withdrawn = osvRecord('X-2', '2024-03-01T00:00:00.5Z', 'pkg-one', [{ introduced: '0' }], { withdrawn: '2024-03-01T00:00:00Z' });

  it('keeps the newer of two records with one id and counts withdrawn ones', () => {
    const snapshot = snapshotOf([newer, older, withdrawn], 'test', Date.parse('2024-04-01T00:00:00Z'));
    assert.deepEqual(snapshot.records.map((r) => [r.id, r.modified]), [['X-1', '2024-02-01T00:00:00Z'], ['X-2', '2024-03-01T00:00:00.5Z']]);
    assert.deepEqual(snapshot.meta, { source: 'test', importedAt: '2024-04-01T00:00:00.000Z', updatedAt: null, newestModified: '2024-03-01T00:00:00.5Z', records: 2, withdrawn: 1 });
  });

  it('indexes by PEP 503 name and never answers with a withdrawn record', () => {
    const index = buildAdvisoryIndex([newer, withdrawn]);
    assert.equal(index.size, 1);
    assert.deepEqual(lookupAdvisories(index, 'PKG.one', '2.5').map((r) => r.id), ['X-1']);
    assert.deepEqual(lookupAdvisories(index, 'pkg-one', '3.0'), []);
    assert.deepEqual(lookupAdvisories(index, 'unknown', '1.0'), []);
  });

  it('applies changes: added, changed, withdrawn; an older copy never replaces a newer one', () => {
    const base = snapshotOf([newer], 'test', 0);
    const { snapshot, report } = applyChanges(base, [withdrawn, older, { ...newer, modified: '2024-05-01T00:00:00Z', withdrawn: '2024-05-01T00:00:00Z' }], Date.parse('2024-06-01T00:00:00Z'));
    assert.deepEqual(report, { added: ['X-2'], changed: ['X-1'], withdrawn: ['X-2', 'X-1'] });
    assert.equal(snapshot.meta.updatedAt, '2024-06-01T00:00:00.000Z');
    assert.equal(snapshot.meta.newestModified, '2024-05-01T00:00:00Z');
    assert.equal(snapshot.meta.withdrawn, 2);
  });
});

describe('offline/age', () => {
  const snapshot = snapshotOf([osvRecord('X-1', '2024-01-01T00:00:00Z', 'p', [{ introduced: '0' }])], 'test', Date.parse('2024-03-01T00:00:00Z'));

  it('counts from the newest record, not from the import', () => {
    const age = databaseAge(snapshot.meta, Date.parse('2024-01-11T12:00:00Z'));
    assert.deepEqual(age, { days: 10, asOf: '2024-01-01T00:00:00.000Z', newestModified: '2024-01-01T00:00:00Z', importedAt: '2024-03-01T00:00:00.000Z', updatedAt: null });
  });

  it('counts from the last successful update when that is later', () => {
    const updated = { ...snapshot.meta, updatedAt: '2024-02-01T00:00:00.000Z' };
    assert.equal(databaseAge(updated, Date.parse('2024-02-04T00:00:00Z')).days, 3);
  });

  it('says so once the maximum age is passed', () => {
    assert.equal(staleNote(snapshot.meta, Date.parse('2024-01-08T00:00:00Z'), 7), undefined);
    assert.equal(staleNote(snapshot.meta, Date.parse('2024-01-09T00:00:00Z'), 7), 'offline database is 8 days old (max 7)');
    assert.equal(staleNote(snapshot.meta, Date.parse('2030-01-01T00:00:00Z'), null), undefined);
  });

  it('dates an empty database by its import', () => {
    const empty = snapshotOf([], 'test', Date.parse('2024-03-01T00:00:00Z'));
    assert.equal(databaseAge(empty.meta, Date.parse('2024-03-03T00:00:00Z')).days, 2);
  });
});

describe('offline/db: the AdvisorySource', () => {
  const records = [osvRecord('X-1', '2024-01-01T00:00:00Z', 'alpha', [{ introduced: '1.0' }, { fixed: '1.5' }])];
  const snapshot = snapshotOf(records, 'test', 0);

  it('answers per packageKey, with an empty list for unaffected packages', async () => {
    const db = createOfflineAdvisoryDb(snapshot, { clock: fixedClock('2024-01-02T00:00:00Z') });
    assert.equal(db.name, 'offline-db');
    const answer = await db.advisories([{ name: 'alpha', version: '1.2' }, { name: 'alpha', version: '1.5' }, { name: 'beta', version: '1.0' }]);
    assert.equal(answer.status, 'ok');
    if (answer.status !== 'ok') return;
    assert.equal(answer.stale, undefined);
    assert.deepEqual([...answer.value].map(([key, found]) => [key, found.map((r) => r.id)]), [['alpha@1.2', ['X-1']], ['alpha@1.5', []], ['beta@1.0', []]]);
  });

  it('still answers past the maximum age, marked stale', async () => {
    const db = createOfflineAdvisoryDb(snapshot, { clock: { now: () => Date.parse('2024-01-01T00:00:00Z') + 31 * DAY }, maxAgeDays: 30 });
    const answer = await db.advisories([{ name: 'alpha', version: '1.2' }]);
    assert.ok(answer.status === 'ok');
    assert.equal(answer.stale, 'offline database is 31 days old (max 30)');
    assert.deepEqual(answer.value.get('alpha@1.2')?.map((r) => r.id), ['X-1']);
    assert.equal(db.age().days, 31);
    assert.equal(db.age(Date.parse('2024-01-03T00:00:00Z')).days, 2);
  });

  it('answers from a replaced snapshot', async () => {
    const db = createOfflineAdvisoryDb(snapshot, { clock: fixedClock('2024-01-02T00:00:00Z') });
    db.replace(snapshotOf([...records, osvRecord('X-2', '2024-01-02T00:00:00Z', 'alpha', [{ introduced: '0' }])], 'test', 0));
    const answer = await db.advisories([{ name: 'alpha', version: '1.2' }]);
    assert.ok(answer.status === 'ok');
    assert.deepEqual(answer.value.get('alpha@1.2')?.map((r) => r.id), ['X-1', 'X-2']);
    assert.deepEqual(db.recordsFor('Alpha').map((r) => r.id), ['X-1', 'X-2']);
  });
});

describeCorpus('offline/db: the PyPA database', () => {
  const records = jsonLines<OsvRecord>(readCorpus('osv', 'pypa-advisories.jsonl'));
  const snapshot = snapshotOf(records, 'corpus', Date.parse('2024-10-11T00:00:00Z'));
  const db = createOfflineAdvisoryDb(snapshot, { clock: fixedClock('2024-10-11T00:00:00Z') });

  it('holds 2661 records, 10 withdrawn, newest modified 2024-10-10', () => {
    assert.equal(snapshot.meta.records, 2661);
    assert.equal(snapshot.meta.withdrawn, 10);
    assert.equal(buildAdvisoryIndex(snapshot.records).size, 2651);
    assert.ok(snapshot.meta.newestModified?.startsWith('2024-10-10'), snapshot.meta.newestModified ?? 'null');
  });

  it('answers all 9451 golden probes in one batch exactly', async () => {
    const probes = jsonLines<{ name: string; version: string; ids: string[] }>(readCorpus('golden', 'osv-affected-pypa.jsonl'));
    const answer = await db.advisories(probes.map((p) => ({ name: normalizeName(p.name), version: p.version })));
    assert.ok(answer.status === 'ok');
    const wrong = probes.filter((p) => {
      const got = (answer.value.get(`${normalizeName(p.name)}@${p.version}`) ?? []).map((r) => r.id).sort();
      return got.join(' ') !== [...p.ids].sort().join(' ');
    });
    console.log(`      offline lookups agreeing with the golden answers: ${probes.length - wrong.length}/${probes.length}`);
    assert.deepEqual(wrong, []);
  });

  it("answers Sentry's frozen requirements (128 pins) like a full scan: 11 affected, 16 advisories", async () => {
    const text = readCorpus('sentry', 'requirements-frozen.txt');
    const pins = [...text.matchAll(/^([A-Za-z0-9_.-]+)==([^\s;\\]+)/gm)].map((m) => ({ name: normalizeName(m[1]!), version: m[2]! }));
    assert.equal(pins.length, 128);
    const answer = await db.advisories(pins);
    assert.ok(answer.status === 'ok');
    const affected = [...answer.value].filter(([, found]) => found.length > 0);
    assert.equal(affected.length, 11);
    assert.equal(affected.reduce((n, [, found]) => n + found.length, 0), 16);
    assert.deepEqual(answer.value.get('pillow@9.2.0')?.map((r) => r.id), ['PYSEC-2022-42980', 'PYSEC-2023-175', 'PYSEC-2023-227']);
    assert.deepEqual(answer.value.get('celery@4.4.7')?.map((r) => r.id), ['PYSEC-2021-858']);
    for (const pin of pins) {
      const scan = records.filter((r) => isAffected(r, pin.name, pin.version)).map((r) => r.id).sort();
      assert.deepEqual(answer.value.get(`${pin.name}@${pin.version}`)?.map((r) => r.id), scan, `${pin.name}@${pin.version}`);
    }
  });
});
