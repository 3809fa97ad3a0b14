/**
 * Freshness over the Cache port: the cache only stores, this decides. Each kind has its own time
 * to live; a stale entry is revalidated with its ETag / Last-Modified (a 304 renews it without a
 * body); and when the source fails, the last good answer is returned as `ok` with a `stale` note
 * that says which source failed, why, and how old the answer is. A cache that fails to read or
 * write is never fatal: it only costs a request.
 */
import type { Cache, CacheEntry, CacheKind, Clock, Outcome } from '../core/ports';
import { isNotFound, ok, staleNote, type Failure } from './outcome';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * OSV records are keyed by id and replaced only when querybatch reports a newer `modified`, so
 * they never expire by age. Query answers change as advisories are published: minutes. PyPI's CDN
 * keeps the JSON and Simple pages 10–15 minutes; an hour is fresh enough for risk and polite.
 * Release metadata and `.metadata` files hardly change (yanking does, hence a day, not forever);
 * provenance, deps.dev and Scorecard (re-scored weekly) are good for hours.
 */
export const DEFAULT_TTL_MS: Readonly<Record<CacheKind, number>> = {
  'osv-vuln': Infinity,
  'osv-query': 15 * MINUTE,
  'pypi-project': HOUR,
  'pypi-simple': HOUR,
  'pypi-release': 24 * HOUR,
  metadata: 30 * 24 * HOUR,
  provenance: 6 * HOUR,
  depsdev: 12 * HOUR,
  scorecard: 24 * HOUR,
};

export interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** What a fetch brings back: a new value with its validators, or "not modified" after a 304. */
export type Fetched<T> =
  | { readonly notModified: true }
  | { readonly notModified?: false; readonly value: T; readonly etag?: string | null; readonly lastModified?: string | null };

export interface FreshnessOptions {
  readonly cache: Cache | null;
  readonly clock: Clock;
  /** Names the source in stale notes, e.g. "pypi". */
  readonly source: string;
  readonly ttlMs?: Partial<Record<CacheKind, number>>;
}

export class Freshness {
  private readonly ttl: Record<CacheKind, number>;

  constructor(private readonly options: FreshnessOptions) {
    this.ttl = { ...DEFAULT_TTL_MS, ...options.ttlMs };
  }

  get source(): string {
    return this.options.source;
  }

  now(): number {
    return this.options.clock.now();
  }

  isFresh(kind: CacheKind, entry: CacheEntry): boolean {
    return this.now() - entry.storedAt < this.ttl[kind];
  }

  /** The cached answer if fresh; else fetch (revalidating), store, and fall back to it when the source fails. */
  async get<T>(kind: CacheKind, key: string, fetch: (validators: Validators | null) => Promise<Outcome<Fetched<T>>>): Promise<Outcome<T>> {
    const entry = await this.read(kind, key);
    if (entry && this.isFresh(kind, entry)) return ok(entry.value as T);
    const validators = entry ? { etag: entry.etag ?? null, lastModified: entry.lastModified ?? null } : null;
    const fetched = await fetch(validators);
    if (fetched.status === 'ok') {
      if (fetched.value.notModified) {
        if (!entry) return { status: 'invalid', detail: `${this.source}: 304 Not Modified without a cached answer` };
        await this.write(kind, key, { ...entry, storedAt: this.now() });
        return ok(entry.value as T);
      }
      const { value, etag, lastModified } = fetched.value;
      await this.write(kind, key, { value, storedAt: this.now(), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
      return ok(value);
    }
    return this.fallBack(fetched, entry);
  }

  /** When the source failed: the last good answer, marked stale; never for "not found", which is an answer. */
  fallBack<T>(why: Failure, entry: CacheEntry | undefined): Outcome<T> {
    if (!entry || isNotFound(why)) return why;
    return { status: 'ok', value: entry.value as T, stale: staleNote(this.source, why, this.now() - entry.storedAt) };
  }

  async read(kind: CacheKind, key: string): Promise<CacheEntry | undefined> {
    if (!this.options.cache) return undefined;
    try {
      return await this.options.cache.get(kind, key);
    } catch {
      return undefined;
    }
  }

  async write(kind: CacheKind, key: string, entry: CacheEntry): Promise<void> {
    if (!this.options.cache) return;
    try {
      await this.options.cache.set(kind, key, entry);
    } catch {
      // A cache that cannot write costs a request next time, nothing more.
    }
  }

  async put(kind: CacheKind, key: string, value: unknown): Promise<void> {
    await this.write(kind, key, { value, storedAt: this.now() });
  }
}

/** A Cache in memory, for the extension's short-lived state and for tests. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, CacheEntry>();

  async get(kind: CacheKind, key: string): Promise<CacheEntry | undefined> {
    return this.entries.get(`${kind}\u0000${key}`);
  }

  async set(kind: CacheKind, key: string, entry: CacheEntry): Promise<void> {
    this.entries.set(`${kind}\u0000${key}`, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
