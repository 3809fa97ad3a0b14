import { strict as assert } from 'node:assert';
import { snapshotOf } from '../../../../src/core/offline/snapshot';
import { syncFromBulk } from '../../../../src/core/offline/sync';
import { MemoryBulk, osvRecord } from './fixtures';

const NOW = Date.parse('2024-06-01T00:00:00Z');

function setup() {
  const kept = osvRecord('X-KEPT', '2024-01-01T00:00:00Z', 'alpha', [{ introduced: '0' }, { fixed: '1.0' }]);
  const edited = osvRecord('X-EDIT', '2024-02-01T00:00:00Z', 'alpha', [{ introduced: '0' }, { fixed: '2.0' }]);
  const snapshot = snapshotOf([kept, edited], 'test', Date.parse('2024-02-02T00:00:00Z'));
  const bulk = new MemoryBulk([
    kept,
    { ...edited, modified: '2024-05-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'alpha' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.1' }] }] }] },
    osvRecord('X-NEW', '2024-04-01T00:00:00.000000001Z', 'beta', [{ introduced: '0' }]),
    osvRecord('X-GONE', '2024-03-01T00:00:00Z', 'gamma', [{ introduced: '0' }], { withdrawn: '2024-03-01T00:00:00Z' }),
  ]);
  return { snapshot, bulk };
}

describe('offline/sync: incremental update from the bulk source', () => {
  it('fetches only records modified since the newest held, and applies them', async () => {
    const { snapshot, bulk } = setup();
    const result = await syncFromBulk(snapshot, bulk, NOW);
    assert.ok(result.status === 'ok', JSON.stringify(result));
    assert.deepEqual([...bulk.fetches].sort(), ['X-EDIT', 'X-GONE', 'X-NEW']);
    const { report, snapshot: next } = result.value;
    assert.deepEqual({ added: report.added, changed: report.changed, withdrawn: report.withdrawn, listed: report.listed, fetched: report.fetched }, {
      added: ['X-GONE', 'X-NEW'], changed: ['X-EDIT'], withdrawn: ['X-GONE'], listed: 3, fetched: 3,
    });
    assert.deepEqual(next.meta, { source: 'test', importedAt: '2024-02-02T00:00:00.000Z', updatedAt: '2024-06-01T00:00:00.000Z', newestModified: '2024-05-01T00:00:00Z', records: 4, withdrawn: 1 });
    assert.deepEqual(next.records.find((r) => r.id === 'X-EDIT')?.affected?.[0]?.ranges?.[0]?.events, [{ introduced: '0' }, { fixed: '2.1' }]);
  });

  it('fetches nothing when nothing changed, and says it checked', async () => {
    const { snapshot, bulk } = setup();
    const first = await syncFromBulk(snapshot, bulk, NOW);
    assert.ok(first.status === 'ok');
    bulk.fetches = [];
    const second = await syncFromBulk(first.value.snapshot, bulk, NOW + 1000);
    assert.ok(second.status === 'ok');
    assert.deepEqual(bulk.fetches, []);
    assert.equal(second.value.report.listed, 0);
    assert.equal(second.value.snapshot.meta.updatedAt, '2024-06-01T00:00:01.000Z');
  });

  it('fails as a whole when the list cannot be read', async () => {
    const { snapshot, bulk } = setup();
    bulk.fail = { list: true };
    assert.deepEqual(await syncFromBulk(snapshot, bulk, NOW), { status: 'unavailable', detail: 'modified_id.csv: HTTP 503' });
  });

  it('fails as a whole when one record cannot be fetched', async () => {
    const { snapshot, bulk } = setup();
    bulk.fail = { ids: new Set(['X-NEW']) };
    assert.deepEqual(await syncFromBulk(snapshot, bulk, NOW), { status: 'unavailable', detail: 'X-NEW.json: connection reset' });
  });

  it('keeps at most `concurrency` fetches in flight', async () => {
    const many = Array.from({ length: 40 }, (_, i) => osvRecord(`X-${String(i).padStart(2, '0')}`, `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`, 'alpha', [{ introduced: '0' }]));
    const bulk = new MemoryBulk(many);
    const result = await syncFromBulk(snapshotOf([], 'test', 0), bulk, NOW, { concurrency: 3 });
    assert.ok(result.status === 'ok');
    assert.equal(bulk.fetches.length, 40);
    assert.equal(bulk.maxInFlight, 3);
    assert.equal(result.value.report.added.length, 40);
  });

  it('reports and skips a bad row or record without failing', async () => {
    const { snapshot, bulk } = setup();
    const listing = bulk.modifiedIds.bind(bulk);
    bulk.modifiedIds = async () => {
      const list = await listing();
      return list.status === 'ok' ? { status: 'ok', value: `${list.value}garbage line\n2024-05-02T00:00:00Z,X-ODD\n` } : list;
    };
    const fetch = bulk.record.bind(bulk);
    bulk.record = async (id) => (id === 'X-ODD' ? { status: 'ok', value: { id: 'X-OTHER', modified: '2024-05-02T00:00:00Z' } } : fetch(id));
    const result = await syncFromBulk(snapshot, bulk, NOW);
    assert.ok(result.status === 'ok');
    assert.deepEqual(result.value.report.problems, [
      { where: 'modified_id.csv line 5', message: 'not a "<modified>,<id>" row: garbage line' },
      { where: 'X-ODD.json', message: 'holds record X-OTHER' },
    ]);
    assert.equal(result.value.snapshot.meta.records, 4);
  });
});
