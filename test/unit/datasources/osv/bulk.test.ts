import { strict as assert } from 'node:assert';
import { strFromU8, unzipSync } from 'fflate';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { OsvBulkClient } from '../../../../src/datasources/osv/bulk';
import { isNotFound } from '../../../../src/datasources/outcome';
import { describeCorpus } from '../../../helpers/corpus';
import { FakeOsv } from '../../../helpers/fakes/osv';

describeCorpus('datasources/osv/bulk against the fake bucket', () => {
  let osv: FakeOsv;
  let http: HttpClient;

  before(async () => {
    osv = await new FakeOsv().start();
  });

  after(async () => {
    await osv.close();
  });

  beforeEach(() => {
    osv.clearFaults();
    osv.resetCounts();
    http = createHttpClient({ env: {}, sleep: async () => {}, retry: { attempts: 2 } });
  });

  afterEach(async () => {
    await http.close();
  });

  const bulk = (): OsvBulkClient => new OsvBulkClient({ http, baseUrl: osv.bulkUrl });

  it('downloads PyPI/all.zip with every record, withdrawn ones included', async () => {
    const outcome = await bulk().allZip();
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    const entries = unzipSync(outcome.value);
    const names = Object.keys(entries);
    assert.equal(names.length, 2661);
    const records = names.map((name) => JSON.parse(strFromU8(entries[name] as Uint8Array)) as OsvRecord);
    assert.ok(names.every((name, index) => name === `${records[index]?.id}.json`));
    assert.equal(records.filter((record) => record.withdrawn).length, 10);
    assert.equal(osv.count('bulk-zip'), 1);
  });

  it('reads modified_id.csv: no header, newest first, nanosecond timestamps', async () => {
    const outcome = await bulk().modifiedIds();
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    const rows = outcome.value.trimEnd().split('\n').map((line) => line.split(','));
    assert.equal(rows.length, 2661);
    assert.ok(rows.every((row) => row.length === 2 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/.test(row[0] as string)));
    assert.ok(rows.every((row, index) => index === 0 || (rows[index - 1]?.[0] as string) >= (row[0] as string)), 'newest first');
  });

  it('fetches one record, and says "not found" (not a failure) for an unknown id', async () => {
    const found = await bulk().record('PYSEC-2021-335');
    assert.equal(found.status === 'ok' ? found.value.id : null, 'PYSEC-2021-335');
    const missing = await bulk().record('PYSEC-1999-0');
    assert.ok(isNotFound(missing));
    assert.equal(missing.status === 'unavailable' ? missing.detail : '', 'osv bulk: PYSEC-1999-0 is not in the export');
  });

  it('names the failure when the bucket is down or sends a broken archive', async () => {
    osv.inject('bulk-zip', { kind: 'status', status: 503 });
    const down = await bulk().allZip();
    assert.equal(down.status, 'unavailable');
    assert.equal(osv.count('bulk-zip'), 2);
    osv.clearFaults();
    osv.inject('bulk-zip', { kind: 'truncate' });
    const truncated = await bulk().allZip();
    assert.equal(truncated.status, 'invalid');
    osv.clearFaults();
    const wrong = await new OsvBulkClient({ http, baseUrl: `${osv.url}/v1` }).allZip();
    assert.ok(isNotFound(wrong));
    const tooBig = await new OsvBulkClient({ http, baseUrl: osv.bulkUrl, maxZipBytes: 1000 }).allZip();
    assert.equal(tooBig.status, 'invalid');
  });
});
