/**
 * The AdvisorySource named 'osv': OSV.dev's API (or any server that speaks it, by base URL).
 * One analysis costs one querybatch round trip (per 1,000 packages, paged only where OSV pages)
 * plus one parallel wave of GET /v1/vulns for the records not already cached at their current
 * `modified`. Query answers are cached for minutes and records until OSV changes them; when OSV is
 * down, cached answers are served and marked stale.
 */
import type { AdvisoryRef, OsvRecord } from '../../core/model/advisory';
import { packageKey, type AdvisorySource, type Cache, type Clock, type Outcome, type PackageVersion } from '../../core/ports';
import { Freshness } from '../cached';
import type { HttpClient } from '../http';
import type { Failure } from '../outcome';
import { fetchDetails } from './details';
import { queryBatch } from './querybatch';

export const OSV_API = 'https://api.osv.dev';

export interface OsvClientOptions {
  readonly http: HttpClient;
  readonly baseUrl?: string;
  readonly cache?: Cache | null;
  readonly clock?: Clock;
  readonly ttlMs?: { readonly query?: number };
  readonly chunkSize?: number;
  readonly parallelChunks?: number;
  readonly detailParallel?: number;
  readonly maxPages?: number;
}

interface QueryAnswer {
  readonly refs: readonly AdvisoryRef[];
  readonly stale?: string;
}

export class OsvClient implements AdvisorySource {
  readonly name = 'osv';
  private readonly baseUrl: string;
  private readonly freshness: Freshness;

  constructor(private readonly options: OsvClientOptions) {
    this.baseUrl = (options.baseUrl ?? OSV_API).replace(/\/+$/, '');
    this.freshness = new Freshness({
      cache: options.cache ?? null,
      clock: options.clock ?? Date,
      source: 'osv',
      ...(options.ttlMs?.query !== undefined ? { ttlMs: { 'osv-query': options.ttlMs.query } } : {}),
    });
  }

  /**
   * The port's answer for the whole set. A package OSV could not answer for (its query was
   * rejected, or a record it needs could not be fetched) is ABSENT from the map: callers must
   * treat a missing key as unknown, never as "no advisories". lookup() says why per package.
   * When no package could be answered, the failure itself is returned.
   */
  async advisories(packages: readonly PackageVersion[]): Promise<Outcome<ReadonlyMap<string, readonly OsvRecord[]>>> {
    const answers = await this.lookup(packages);
    const value = new Map<string, readonly OsvRecord[]>();
    const failures: Failure[] = [];
    const stale: string[] = [];
    for (const [key, answer] of answers) {
      if (answer.status !== 'ok') {
        failures.push(answer);
        continue;
      }
      value.set(key, answer.value);
      if (answer.stale && !stale.includes(answer.stale)) stale.push(answer.stale);
    }
    const first = failures[0];
    if (first && value.size === 0) return { ...first, detail: `${first.detail} (${failures.length} of ${answers.size} packages unanswered)` };
    return stale.length > 0 ? { status: 'ok', value, stale: stale.join('; ') } : { status: 'ok', value };
  }

  /** One Outcome per package key, in request order: the records affecting it, withdrawn ones never. */
  async lookup(packages: readonly PackageVersion[]): Promise<ReadonlyMap<string, Outcome<readonly OsvRecord[]>>> {
    const unique = new Map<string, PackageVersion>();
    for (const pkg of packages) unique.set(packageKey(pkg), pkg);
    const queries = await this.queries([...unique.values()]);
    const refs = [...queries.values()].flatMap((answer) => (answer.status === 'ok' ? answer.value.refs : []));
    const details = await fetchDetails({ http: this.options.http, baseUrl: this.baseUrl, freshness: this.freshness, parallel: this.options.detailParallel ?? 16 }, refs);
    const answers = new Map<string, Outcome<readonly OsvRecord[]>>();
    for (const [key, query] of queries) {
      answers.set(key, query.status === 'ok' ? assemble(query.value, details.records) : query);
    }
    return answers;
  }

  /** Query answers belong to the server that gave them: another OSV URL must not be answered from them. */
  private cacheKey(pkg: PackageVersion): string {
    return `${this.baseUrl}|${packageKey(pkg)}`;
  }

  /** Query answers from the cache when fresh, else from querybatch (falling back to stale ones). */
  private async queries(packages: readonly PackageVersion[]): Promise<Map<string, Outcome<QueryAnswer>>> {
    const answers = new Map<string, Outcome<QueryAnswer>>();
    const toAsk: PackageVersion[] = [];
    // Cache reads and writes go in parallel: one by one, a few hundred disk files cost more than the query.
    const entries = await Promise.all(packages.map((pkg) => this.freshness.read('osv-query', this.cacheKey(pkg))));
    const cached = new Map<string, Awaited<ReturnType<Freshness['read']>>>();
    for (const [i, pkg] of packages.entries()) {
      const key = packageKey(pkg);
      const entry = entries[i];
      cached.set(key, entry);
      answers.set(key, { status: 'invalid', detail: 'osv: not asked' });
      if (entry && this.freshness.isFresh('osv-query', entry)) answers.set(key, { status: 'ok', value: { refs: entry.value as AdvisoryRef[] } });
      else toAsk.push(pkg);
    }
    const asked = await queryBatch({ http: this.options.http, baseUrl: this.baseUrl, chunkSize: this.options.chunkSize, parallelChunks: this.options.parallelChunks, maxPages: this.options.maxPages }, toAsk);
    const writes: Promise<void>[] = [];
    for (const [position, pkg] of toAsk.entries()) {
      const key = packageKey(pkg);
      const outcome = asked[position] as Outcome<readonly AdvisoryRef[]>;
      if (outcome.status === 'ok') {
        writes.push(this.freshness.put('osv-query', this.cacheKey(pkg), outcome.value));
        answers.set(key, { status: 'ok', value: { refs: outcome.value } });
        continue;
      }
      const fallback = this.freshness.fallBack<AdvisoryRef[]>(outcome, cached.get(key));
      answers.set(key, fallback.status === 'ok' ? { status: 'ok', value: { refs: fallback.value, ...(fallback.stale ? { stale: fallback.stale } : {}) } } : fallback);
    }
    await Promise.all(writes);
    return answers;
  }
}

/** The records of one package; any record that could not be had makes the package unanswered. */
function assemble(query: QueryAnswer, records: ReadonlyMap<string, Outcome<OsvRecord>>): Outcome<readonly OsvRecord[]> {
  const found: OsvRecord[] = [];
  const stale = query.stale ? [query.stale] : [];
  for (const ref of query.refs) {
    const record = records.get(ref.id);
    if (!record) return { status: 'invalid', detail: `osv: no record for ${ref.id}` };
    if (record.status !== 'ok') return record;
    if (record.stale && !stale.includes(record.stale)) stale.push(record.stale);
    // OSV never returns withdrawn records from a query, but one may have been withdrawn since.
    if (!record.value.withdrawn && !found.some((known) => known.id === record.value.id)) found.push(record.value);
  }
  return stale.length > 0 ? { status: 'ok', value: found, stale: stale.join('; ') } : { status: 'ok', value: found };
}
