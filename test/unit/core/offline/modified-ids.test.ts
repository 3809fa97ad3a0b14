import { strict as assert } from 'node:assert';
import { changedSince, compareTimestamps, parseModifiedIds, timestampKey } from '../../../../src/core/offline/modified-ids';

describe('offline/modified-ids: parsing modified_id.csv', () => {
  it('reads rows newest first, with nanoseconds, CRLF and a trailing newline', () => {
    const parsed = parseModifiedIds('2024-08-15T00:05:00.123456789Z,PYSEC-2024-2\r\n2024-08-15T00:05:00Z,GHSA-aaaa-bbbb-cccc\n\n');
    assert.deepEqual(parsed.rows, [
      { modified: '2024-08-15T00:05:00.123456789Z', id: 'PYSEC-2024-2', line: 1 },
      { modified: '2024-08-15T00:05:00Z', id: 'GHSA-aaaa-bbbb-cccc', line: 2 },
    ]);
    assert.deepEqual(parsed.problems, []);
  });

  it('keeps PyPI rows of the top-level variant and drops other ecosystems', () => {
    const parsed = parseModifiedIds('2024-08-15T00:05:00Z,PyPI/PYSEC-2021-123\n2024-08-14T00:00:00Z,npm/GHSA-x\n');
    assert.deepEqual(parsed.rows.map((row) => row.id), ['PYSEC-2021-123']);
  });

  it('reports bad rows with their line and keeps reading', () => {
    const parsed = parseModifiedIds('modified,id\n2024-08-15T00:05:00Z,X-1\n2024-13-99,X-2\nno comma\n2024-08-15T00:05:00Z,\n');
    assert.deepEqual(parsed.rows.map((row) => row.id), ['X-1']);
    assert.deepEqual(parsed.problems.map((p) => p.line), [1, 3, 4, 5]);
  });
});

describe('offline/modified-ids: timestamps', () => {
  const ordered: [string, string, number][] = [
    ['2024-08-15T00:05:00.000000001Z', '2024-08-15T00:05:00Z', 1],
    ['2024-08-15T00:05:00.1Z', '2024-08-15T00:05:00.099999999Z', 1],
    ['2024-08-15T02:05:00+02:00', '2024-08-15T00:05:00Z', 0],
    ['2024-08-14T19:05:00-05:00', '2024-08-15T00:05:00Z', 0],
    ['1999-12-31T23:59:59Z', '2000-01-01T00:00:00Z', -1],
  ];
  for (const [a, b, order] of ordered) it(`${a} vs ${b} → ${order}`, () => assert.equal(compareTimestamps(a, b), order));

  it('refuses what is not RFC 3339', () => {
    for (const text of ['2024-08-15', '2024-08-15 00:05:00Z', '2024-08-15T00:05:00.1234567891Z', 'yesterday']) assert.equal(timestampKey(text), null, text);
  });

  it('selects rows at or after a watermark', () => {
    const { rows } = parseModifiedIds('2024-03-01T00:00:00Z,C\n2024-02-01T00:00:00Z,B\n2024-02-01T00:00:00Z,B2\n2024-01-01T00:00:00Z,A\n');
    assert.deepEqual(changedSince(rows, '2024-02-01T00:00:00Z').map((row) => row.id), ['C', 'B', 'B2']);
    assert.deepEqual(changedSince(rows, null).map((row) => row.id), ['C', 'B', 'B2', 'A']);
    assert.deepEqual(changedSince(rows, '2024-03-01T00:00:00.5Z'), []);
  });
});
