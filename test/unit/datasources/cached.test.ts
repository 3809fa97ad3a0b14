import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cache, CacheKind, Outcome } from '../../../src/core/ports';
import { DEFAULT_TTL_MS, Freshness, MemoryCache, type Fetched, type Validators } from '../../../src/datasources/cached';
import { formatAge, notFound } from '../../../src/datasources/outcome';
import { DiskCache } from '../../../src/node/cache/disk-cache';

const HOUR = 3_600_000;

describe('datasources/cached: freshness over the cache port', () => {
  let directory: string;
  let now: number;
  let calls: (Validators | null)[];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'beachcomber-fresh-'));
    now = Date.parse('2026-03-01T12:00:00Z');
    calls = [];
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function freshness(cache: Cache | null = new DiskCache({ directory })): Freshness {
    return new Freshness({ cache, clock: { now: () => now }, source: 'pypi' });
  }

  function fetcher<T>(answer: Outcome<Fetched<T>>): (validators: Validators | null) => Promise<Outcome<Fetched<T>>> {
    return async (validators) => {
      calls.push(validators);
      return answer;
    };
  }

  const fresh = <T>(value: T, etag?: string): Outcome<Fetched<T>> => ({ status: 'ok', value: { value, ...(etag ? { etag } : {}) } });

  it('answers from the cache while the entry is younger than its kind\'s TTL', async () => {
    const f = freshness();
    assert.deepEqual(await f.get('pypi-project', 'flask', fetcher(fresh('v1', '"e1"'))), { status: 'ok', value: 'v1' });
    now += DEFAULT_TTL_MS['pypi-project'] - 1;
    assert.deepEqual(await f.get('pypi-project', 'flask', fetcher(fresh('v2'))), { status: 'ok', value: 'v1' });
    assert.deepEqual(calls, [null]);
  });

  it('revalidates a stale entry with its validators; a 304 renews it without a body', async () => {
    const f = freshness();
    await f.get('pypi-simple', 'flask', fetcher(fresh('v1', '"e1"')));
    now += HOUR + 1;
    const renewed = await f.get<string>('pypi-simple', 'flask', fetcher({ status: 'ok', value: { notModified: true } }));
    assert.deepEqual(renewed, { status: 'ok', value: 'v1' });
    assert.deepEqual(calls, [null, { etag: '"e1"', lastModified: null }]);
    now += HOUR - 1;
    await f.get('pypi-simple', 'flask', fetcher(fresh('never')));
    assert.equal(calls.length, 2, 'the 304 made the entry fresh again');
  });

  it('replaces a stale entry with a changed answer', async () => {
    const f = freshness();
    await f.get('depsdev', 'flask@3.1.3', fetcher(fresh('v1')));
    now += 13 * HOUR;
    assert.deepEqual(await f.get('depsdev', 'flask@3.1.3', fetcher(fresh('v2'))), { status: 'ok', value: 'v2' });
  });

  it('serves the last good answer, marked stale with source, reason and age, when the source fails', async () => {
    const f = freshness();
    await f.get('scorecard', 'github.com/pallets/flask', fetcher(fresh({ score: 7.9 })));
    now += 26 * HOUR + 5 * 60_000;
    const outcome = await f.get('scorecard', 'github.com/pallets/flask', fetcher({ status: 'unavailable', detail: 'api.scorecard.dev: HTTP 503 after 4 attempts' }));
    assert.deepEqual(outcome, {
      status: 'ok',
      value: { score: 7.9 },
      stale: 'pypi unavailable (api.scorecard.dev: HTTP 503 after 4 attempts); cached answer from 26 h 5 min ago',
    });
  });

  it('passes the failure on when nothing was ever cached, and never replaces "not found"', async () => {
    const f = freshness();
    const down = await f.get('pypi-project', 'flask', fetcher({ status: 'rate-limited', detail: 'HTTP 429', retryAfterMs: 5000 }));
    assert.deepEqual(down, { status: 'rate-limited', detail: 'HTTP 429', retryAfterMs: 5000 });
    await f.get('pypi-project', 'gone', fetcher(fresh('was here')));
    now += 2 * HOUR;
    assert.deepEqual(await f.get('pypi-project', 'gone', fetcher(notFound('pypi.org: gone is not on the index'))), notFound('pypi.org: gone is not on the index'));
  });

  it('keeps OSV records forever and query answers for minutes', () => {
    const f = freshness(null);
    const entry = { value: 1, storedAt: now - 10 * 365 * 24 * HOUR };
    assert.equal(f.isFresh('osv-vuln', entry), true);
    assert.equal(f.isFresh('osv-query', { value: 1, storedAt: now - 14 * 60_000 }), true);
    assert.equal(f.isFresh('osv-query', { value: 1, storedAt: now - 16 * 60_000 }), false);
    const kinds: CacheKind[] = ['osv-query', 'pypi-project', 'pypi-simple', 'provenance', 'depsdev', 'scorecard', 'pypi-release', 'metadata'];
    assert.deepEqual(kinds.map((kind) => DEFAULT_TTL_MS[kind] / 60_000), [15, 60, 60, 360, 720, 1440, 1440, 43200]);
  });

  it('survives a cache that throws on every call', async () => {
    const broken: Cache = { get: () => Promise.reject(new Error('disk gone')), set: () => Promise.reject(new Error('disk gone')) };
    assert.deepEqual(await freshness(broken).get('metadata', 'x', fetcher(fresh('v'))), { status: 'ok', value: 'v' });
  });

  it('works the same over the in-memory cache', async () => {
    const memory = new MemoryCache();
    const f = freshness(memory);
    await f.get('provenance', 'flask@3.1.3', fetcher(fresh(true)));
    assert.equal(memory.size, 1);
    assert.deepEqual(await f.get('provenance', 'flask@3.1.3', fetcher(fresh(false))), { status: 'ok', value: true });
  });

  it('formats ages for people', () => {
    assert.deepEqual([0, 59_000, 61_000, 3_600_000, 5_400_000, 50 * HOUR].map(formatAge), ['less than a minute', 'less than a minute', '1 min', '1 h', '1 h 30 min', '2 days']);
  });
});
