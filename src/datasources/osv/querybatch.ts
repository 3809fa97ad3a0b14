/**
 * OSV's POST /v1/querybatch, done the way the API asks (risk-data-apis.md §1.3): at most 1,000
 * queries per request (chunks, a few in flight), each query paged on its own `next_page_token`
 * (only the queries that got a token are resent, each with its `page_token`; a page with a token
 * and no vulns means "keep going"), and one invalid query, which fails the whole batch with
 * "error in query at index N", is dropped and reported for its package while the rest are asked
 * again. The answer is one Outcome per package, in request order.
 */
import type { AdvisoryRef } from '../../core/model/advisory';
import type { Outcome, PackageVersion } from '../../core/ports';
import type { HttpClient } from '../http';
import { mapBounded } from '../limiter';
import { failure, jsonBody, unexpectedStatus, type Failure } from '../outcome';
import { errorMessage, readBatchResults, rejectedIndex } from './wire';

export interface QueryBatchOptions {
  readonly http: HttpClient;
  readonly baseUrl: string;
  /** OSV rejects more than 1,000 queries in one batch ("too many queries"). */
  readonly chunkSize?: number;
  readonly parallelChunks?: number;
  /** Pages per query before we stop: a bound, not an expectation (OSV pages at 1,000 vulns). */
  readonly maxPages?: number;
}

interface Pending {
  readonly index: number;
  readonly token: string | null;
}

export async function queryBatch(options: QueryBatchOptions, packages: readonly PackageVersion[]): Promise<Outcome<readonly AdvisoryRef[]>[]> {
  const chunkSize = Math.min(options.chunkSize ?? 1000, 1000);
  const chunks: number[][] = [];
  for (let start = 0; start < packages.length; start += chunkSize) {
    chunks.push(Array.from({ length: Math.min(chunkSize, packages.length - start) }, (_, offset) => start + offset));
  }
  const answers: Outcome<readonly AdvisoryRef[]>[] = new Array(packages.length);
  await mapBounded(chunks, options.parallelChunks ?? 4, async (chunk) => {
    const refs = await runChunk(options, packages, chunk);
    for (const index of chunk) answers[index] = refs.get(index) ?? failure('invalid', 'osv: no answer for this query');
  });
  return answers;
}

async function runChunk(options: QueryBatchOptions, packages: readonly PackageVersion[], chunk: readonly number[]): Promise<Map<number, Outcome<readonly AdvisoryRef[]>>> {
  const answers = new Map<number, Outcome<readonly AdvisoryRef[]>>();
  const collected = new Map<number, AdvisoryRef[]>(chunk.map((index) => [index, []]));
  let pending: Pending[] = chunk.map((index) => ({ index, token: null }));
  const maxPages = options.maxPages ?? 50;
  for (let page = 1; pending.length > 0; ) {
    if (page > maxPages) {
      for (const item of pending) answers.set(item.index, failure('invalid', `osv: still paging after ${maxPages} pages`));
      break;
    }
    const step = await askOnce(options, packages, pending);
    if (step.kind === 'rejected') {
      const bad = pending[step.position] as Pending;
      answers.set(bad.index, failure('invalid', `osv rejected the query for ${packages[bad.index]?.name}@${packages[bad.index]?.version}: ${step.message}`));
      pending = pending.filter((_, position) => position !== step.position);
      continue;
    }
    if (step.kind === 'failed') {
      for (const item of pending) answers.set(item.index, step.failure);
      break;
    }
    const next: Pending[] = [];
    for (const [position, item] of step.items.entries()) {
      const own = pending[position] as Pending;
      collected.get(own.index)?.push(...item.refs);
      if (item.nextPageToken) next.push({ index: own.index, token: item.nextPageToken });
      else answers.set(own.index, { status: 'ok', value: collected.get(own.index) ?? [] });
    }
    pending = next;
    page++;
  }
  return answers;
}

type Step =
  | { readonly kind: 'items'; readonly items: NonNullable<ReturnType<typeof readBatchResults>> }
  | { readonly kind: 'rejected'; readonly position: number; readonly message: string }
  | { readonly kind: 'failed'; readonly failure: Failure };

async function askOnce(options: QueryBatchOptions, packages: readonly PackageVersion[], pending: readonly Pending[]): Promise<Step> {
  const queries = pending.map(({ index, token }) => {
    const pkg = packages[index] as PackageVersion;
    return { package: { name: pkg.name, ecosystem: 'PyPI' }, version: pkg.version, ...(token ? { page_token: token } : {}) };
  });
  const outcome = await options.http.request({ url: `${options.baseUrl}/v1/querybatch`, method: 'POST', json: { queries } });
  if (outcome.status !== 'ok') return { kind: 'failed', failure: outcome };
  const response = outcome.value;
  const body = jsonBody(response);
  if (response.status === 400 && body.status === 'ok') {
    const rejected = rejectedIndex(body.value);
    if (rejected && rejected.index < pending.length) return { kind: 'rejected', position: rejected.index, message: rejected.message };
    return { kind: 'failed', failure: failure('invalid', `osv: HTTP 400 ${errorMessage(body.value) ?? ''}`.trim()) };
  }
  if (response.status !== 200) return { kind: 'failed', failure: unexpectedStatus(response) };
  if (body.status !== 'ok') return { kind: 'failed', failure: body };
  const items = readBatchResults(body.value, pending.length);
  if (!items) return { kind: 'failed', failure: failure('invalid', `osv: querybatch answer does not have ${pending.length} results`) };
  return { kind: 'items', items };
}
