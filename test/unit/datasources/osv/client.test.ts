import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { packageKey, type Outcome, type PackageVersion } from '../../../../src/core/ports';
import { MemoryCache } from '../../../../src/datasources/cached';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { OsvClient, type OsvClientOptions } from '../../../../src/datasources/osv/client';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';
import { readPinned, readUvLock } from '../../../helpers/fakes/lock-files';
import { FakeOsv } from '../../../helpers/fakes/osv';
import { normalize } from '../../../helpers/fakes/osv-evaluator';

const MINUTE = 60_000;

/** Real pinned sets from the corpus: Airflow 2.3.4 constraints, Sentry 2022, Home Assistant 2020, pydantic-ai's uv.lock. */
function corpusPairs(): PackageVersion[] {
  const pairs = [
    ...readPinned('airflow', 'uv-test-requirements', 'airflow2-constraints.txt'),
    ...readPinned('sentry', 'requirements-frozen.txt'),
    ...readPinned('home-assistant', 'requirements_all.txt'),
    ...readUvLock('pydantic-ai', 'uv.lock'),
  ];
  const unique = new Map<string, PackageVersion>();
  for (const pair of pairs) {
    const pkg = { name: normalize(pair.name), version: pair.version };
    unique.set(packageKey(pkg), pkg);
  }
  return [...unique.values()];
}

function ids(records: readonly OsvRecord[] | undefined): string[] {
  return (records ?? []).map((record) => record.id);
}

describeCorpus('datasources/osv client against the fake OSV', () => {
  let osv: FakeOsv;
  let http: HttpClient;
  let now: number;
  const sleeps: number[] = [];
  let pairs: PackageVersion[];

  before(async () => {
    osv = await new FakeOsv().start();
    pairs = corpusPairs();
  });

  after(async () => {
    await osv.close();
  });

  beforeEach(() => {
    osv.clearFaults();
    osv.resetCounts();
    sleeps.length = 0;
    now = Date.parse('2026-03-01T12:00:00Z');
    http = createHttpClient({ env: {}, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, clock: { now: () => now }, timeouts: { totalMs: 3000 } });
  });

  afterEach(async () => {
    await http.close();
  });

  function client(options: Partial<OsvClientOptions> = {}): OsvClient {
    return new OsvClient({ http, baseUrl: osv.url, clock: { now: () => now }, ...options });
  }

  function expected(pkg: PackageVersion): string[] {
    return osv.affecting(pkg.name, pkg.version).map((record) => record.id);
  }

  it('answers 1,455 real pinned packages exactly as the fake\'s matcher does, in 2 batches and one wave', async () => {
    assert.equal(pairs.length, 1455);
    const outcome = await client().advisories(pairs);
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    assert.equal(outcome.stale, undefined);
    assert.deepEqual([...outcome.value.keys()], pairs.map(packageKey), 'every package answered, in request order');
    for (const pkg of pairs) assert.deepEqual(ids(outcome.value.get(packageKey(pkg))), expected(pkg), packageKey(pkg));
    const affected = pairs.filter((pkg) => (outcome.value.get(packageKey(pkg))?.length ?? 0) > 0);
    assert.equal(affected.length, 35);
    assert.equal(new Set(affected.flatMap((pkg) => ids(outcome.value.get(packageKey(pkg))))).size, 91);
    assert.equal(osv.count('querybatch'), 2);
    assert.equal(osv.count('vuln'), 91, 'each record fetched once');
    assert.deepEqual(ids(outcome.value.get('werkzeug@2.2.2')), ['PYSEC-2023-221', 'PYSEC-2023-57', 'PYSEC-2023-58']);
    assert.deepEqual(ids(outcome.value.get('certifi@2022.6.15')), ['PYSEC-2022-42986', 'PYSEC-2023-135']);
    assert.equal(outcome.value.get('apache-airflow@2.3.4')?.length, 29);
  });

  it('fetches no details on a second run, and only querybatch once the query answers expire', async () => {
    const cache = new MemoryCache();
    await client({ cache }).advisories(pairs);
    osv.resetCounts();
    const warm = await client({ cache }).advisories(pairs);
    assert.equal(warm.status, 'ok');
    assert.equal(osv.count(), 0, 'fresh query answers and records: no request at all');
    now += 16 * MINUTE;
    const later = await client({ cache }).advisories(pairs);
    assert.equal(later.status, 'ok');
    assert.equal(osv.count('querybatch'), 2);
    assert.equal(osv.count('vuln'), 0, 'records are current at their modified');
    if (later.status === 'ok') for (const pkg of pairs) assert.deepEqual(ids(later.value.get(packageKey(pkg))), expected(pkg));
  });

  it('fetches a record again when OSV reports a newer modified', async () => {
    const cache = new MemoryCache();
    const jinja = { name: 'jinja2', version: '2.10' };
    const first = await client({ cache }).advisories([jinja]);
    assert.equal(first.status, 'ok');
    const changed = expected(jinja)[0] as string;
    const original = osv.records.get(changed) as OsvRecord;
    osv.touch(changed, '2026-02-28T10:00:00.123456789Z');
    now += 16 * MINUTE;
    osv.resetCounts();
    const second = await client({ cache }).advisories([jinja]);
    assert.equal(osv.count('vuln'), 1);
    assert.equal(second.status === 'ok' ? second.value.get('jinja2@2.10')?.find((r) => r.id === changed)?.modified : null, '2026-02-28T10:00:00.123456789Z');
    osv.add(original);
  });

  describeCorpus('chunking and paging', () => {
    it('sends 2,500 queries as 3 querybatch requests and agrees with the golden answers', async () => {
      const golden = readCorpus('golden', 'osv-affected-pypa.jsonl').split('\n').filter(Boolean).slice(0, 2500).map((line) => JSON.parse(line) as { name: string; version: string; ids: string[] });
      const packages = golden.map((row) => ({ name: normalize(row.name), version: row.version }));
      const outcome = await client().advisories(packages);
      assert.equal(outcome.status, 'ok');
      assert.equal(osv.count('querybatch'), 3);
      if (outcome.status !== 'ok') return;
      for (const row of golden) assert.deepEqual(ids(outcome.value.get(`${normalize(row.name)}@${row.version}`)).sort(), [...row.ids].sort(), `${row.name} ${row.version}`);
    });

    it('follows next_page_token per query, resending only the queries that have one', async () => {
      const paged = await new FakeOsv({ batchPageSize: 25 }).start();
      try {
        const packages = [
          { name: 'tensorflow', version: '2.4.0' },
          { name: 'tensorflow-gpu', version: '1.15.0' },
          { name: 'django', version: '3.2' },
          { name: 'requests', version: '2.32.3' },
        ];
        const counts = packages.map((pkg) => paged.affecting(pkg.name, pkg.version).length);
        assert.ok((counts[0] as number) > 100 && (counts[1] as number) > 100, `tensorflow pages: ${counts.join(', ')}`);
        const outcome = await new OsvClient({ http, baseUrl: paged.url }).advisories(packages);
        assert.equal(outcome.status, 'ok');
        if (outcome.status !== 'ok') return;
        for (const pkg of packages) assert.deepEqual(ids(outcome.value.get(packageKey(pkg))), paged.affecting(pkg.name, pkg.version).map((r) => r.id));
        assert.deepEqual(outcome.value.get('requests@2.32.3'), []);
        assert.equal(paged.count('querybatch'), Math.max(...counts.map((count) => Math.max(1, Math.ceil(count / 25)))));
      } finally {
        await paged.close();
      }
    });

    it('keeps going when a page carries only a token and no vulns', async () => {
      const slow = await new FakeOsv({ emptyFirstPage: true }).start();
      try {
        const packages = [{ name: 'jinja2', version: '2.10' }, { name: 'flask', version: '0.12' }, { name: 'anyio', version: '4.10.0' }];
        const outcome = await new OsvClient({ http, baseUrl: slow.url }).advisories(packages);
        assert.equal(outcome.status, 'ok');
        if (outcome.status === 'ok') for (const pkg of packages) assert.deepEqual(ids(outcome.value.get(packageKey(pkg))), slow.affecting(pkg.name, pkg.version).map((r) => r.id));
        assert.equal(slow.count('querybatch'), 2);
      } finally {
        await slow.close();
      }
    });
  });

  it('drops a query OSV rejects (whole-batch 400), reports it for that package, and asks the rest again', async () => {
    const packages = [{ name: 'jinja2', version: '2.10' }, { name: '', version: '1.0' }, { name: 'flask', version: '0.12' }];
    const answers = await client().lookup(packages);
    assert.deepEqual(answers.get('@1.0'), { status: 'invalid', detail: 'osv rejected the query for @1.0: rpc error: code = InvalidArgument desc = invalid query' });
    assert.deepEqual(ids(okValue(answers.get('jinja2@2.10'))), expected({ name: 'jinja2', version: '2.10' }));
    assert.deepEqual(ids(okValue(answers.get('flask@0.12'))), expected({ name: 'flask', version: '0.12' }));
    assert.equal(osv.count('querybatch'), 2);
    const port = await client().advisories(packages);
    assert.equal(port.status, 'ok');
    if (port.status === 'ok') assert.deepEqual([...port.value.keys()], ['jinja2@2.10', 'flask@0.12'], 'the unanswered package is absent, not empty');
  });

  it('keeps each server\'s query answers apart: another OSV URL is asked, not answered from the cache', async () => {
    const cache = new MemoryCache();
    const other = await new FakeOsv({ records: [] }).start();
    try {
      await client({ cache }).advisories([{ name: 'jinja2', version: '2.10' }]);
      const answer = await client({ cache, baseUrl: other.url }).advisories([{ name: 'jinja2', version: '2.10' }]);
      assert.equal(other.count('querybatch'), 1);
      assert.deepEqual(answer.status === 'ok' ? answer.value.get('jinja2@2.10') : null, []);
    } finally {
      await other.close();
    }
  });

  it('never returns withdrawn records, even when a cached answer still names one', async () => {
    const cache = new MemoryCache();
    const withdrawn = osv.records.get('PYSEC-2020-221') as OsvRecord;
    assert.ok(withdrawn.withdrawn);
    await cache.set('osv-query', `${osv.url}|ansible@2.9.0`, { value: [{ id: withdrawn.id, modified: withdrawn.modified }], storedAt: now });
    const outcome = await client({ cache }).advisories([{ name: 'ansible', version: '2.9.0' }]);
    assert.deepEqual(outcome.status === 'ok' ? outcome.value.get('ansible@2.9.0') : null, []);
    assert.equal(osv.count('vuln'), 1);
  });

  describe('when OSV fails', () => {
    const sample = [{ name: 'jinja2', version: '2.10' }, { name: 'anyio', version: '4.10.0' }];

    it('503: says so after a bounded number of attempts, never "nothing found"', async () => {
      osv.inject('querybatch', { kind: 'status', status: 503 });
      const outcome = await client().advisories(sample);
      assert.deepEqual(outcome, { status: 'unavailable', detail: `${new URL(osv.url).host}: HTTP 503 after 4 attempts (2 of 2 packages unanswered)` });
      assert.equal(osv.count('querybatch'), 4);
      assert.equal(osv.count('vuln'), 0);
    });

    it('429 with Retry-After: waits as told and then answers', async () => {
      osv.inject('querybatch', { kind: 'status', status: 429, retryAfter: '1' }, 1);
      const outcome = await client().advisories(sample);
      assert.equal(outcome.status, 'ok');
      assert.deepEqual(sleeps, [1000]);
      assert.equal(osv.count('querybatch'), 2);
    });

    it('429 that persists: rate-limited', async () => {
      osv.inject('querybatch', { kind: 'status', status: 429, retryAfter: 'Sun, 01 Mar 2026 12:00:02 GMT' });
      const outcome = await client().advisories(sample);
      assert.equal(outcome.status, 'rate-limited');
      assert.deepEqual(sleeps, [2000, 2000, 2000]);
      assert.equal(osv.count('querybatch'), 4);
    });

    it('malformed JSON: invalid, not retried', async () => {
      osv.inject('querybatch', { kind: 'malformed' });
      const outcome = await client().advisories(sample);
      assert.equal(outcome.status, 'invalid');
      assert.match(outcome.status === 'invalid' ? outcome.detail : '', /malformed JSON/);
      assert.equal(osv.count('querybatch'), 1);
    });

    it('truncated body, connection reset, stall: each named, each bounded', async () => {
      osv.inject('querybatch', { kind: 'truncate' });
      const truncated = await client().advisories(sample);
      assert.equal(truncated.status, 'invalid');
      assert.match(truncated.status === 'invalid' ? truncated.detail : '', /truncated body/);
      assert.equal(osv.count('querybatch'), 4);
      osv.clearFaults();
      osv.resetCounts();
      osv.inject('querybatch', { kind: 'reset' });
      const reset = await client().advisories(sample);
      assert.equal(reset.status, 'unavailable');
      assert.match(reset.status === 'unavailable' ? reset.detail : '', /connection reset/);
      assert.equal(osv.count('querybatch'), 4);
      osv.clearFaults();
      osv.resetCounts();
      osv.inject('querybatch', { kind: 'stall' });
      const stalled = createHttpClient({ env: {}, sleep: async () => {}, retry: { attempts: 2 }, timeouts: { totalMs: 150 } });
      const started = Date.now();
      const stall = await new OsvClient({ http: stalled, baseUrl: osv.url }).advisories(sample);
      await stalled.close();
      assert.equal(stall.status, 'unavailable');
      assert.match(stall.status === 'unavailable' ? stall.detail : '', /timed out/);
      assert.equal(osv.count('querybatch'), 2);
      assert.ok(Date.now() - started < 1500);
    });

    it('details down: packages that need a record are unanswered, the others still answered', async () => {
      osv.inject('vuln', { kind: 'status', status: 500 });
      const answers = await client().lookup(sample);
      const jinja = answers.get('jinja2@2.10');
      assert.equal(jinja?.status, 'unavailable');
      assert.match(jinja?.status === 'unavailable' ? jinja.detail : '', /HTTP 500 after 4 attempts/);
      assert.deepEqual(answers.get('anyio@4.10.0'), { status: 'ok', value: [] });
      assert.equal(osv.count('vuln'), 4 * expected(sample[0] as PackageVersion).length);
    });

    it('serves the cached answer, marked stale, when OSV is down', async () => {
      const cache = new MemoryCache();
      const fresh = await client({ cache }).advisories(sample);
      now += 20 * MINUTE;
      osv.inject('*', { kind: 'status', status: 503 });
      const outcome = await client({ cache }).advisories(sample);
      assert.equal(outcome.status, 'ok');
      if (outcome.status !== 'ok' || fresh.status !== 'ok') return;
      assert.deepEqual(outcome.value, fresh.value);
      assert.equal(outcome.stale, `osv unavailable (${new URL(osv.url).host}: HTTP 503 after 4 attempts); cached answer from 20 min ago`);
    });
  });
});

function okValue<T>(outcome: Outcome<T> | undefined): T | undefined {
  return outcome?.status === 'ok' ? outcome.value : undefined;
}
