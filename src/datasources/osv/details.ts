/**
 * Full OSV records for the ids querybatch named. A record is cached by id and is current while its
 * `modified` is at least the one querybatch reports, so it is fetched again only when OSV changed
 * it (risk-data-apis.md §1.3: "cache by (id, modified)"). The missing ones are fetched in ONE
 * bounded parallel wave of GET /v1/vulns/{id}; when that fails, an older cached copy is used and
 * marked stale.
 */
import type { AdvisoryRef, OsvRecord } from '../../core/model/advisory';
import type { Outcome } from '../../core/ports';
import type { Freshness } from '../cached';
import type { HttpClient } from '../http';
import { mapBounded } from '../limiter';
import { failure, jsonBody, unexpectedStatus, type Failure } from '../outcome';
import { errorMessage, isNewerOrSame, readRecord } from './wire';

export interface DetailsOptions {
  readonly http: HttpClient;
  readonly baseUrl: string;
  readonly freshness: Freshness;
  /** Requests in flight in the one wave of detail fetches. */
  readonly parallel?: number;
}

/** Every id's record (or why it could not be had), and the ids that came from the network. */
export interface Details {
  readonly records: ReadonlyMap<string, Outcome<OsvRecord>>;
  readonly fetched: number;
}

export async function fetchDetails(options: DetailsOptions, refs: readonly AdvisoryRef[]): Promise<Details> {
  const wanted = new Map<string, AdvisoryRef>();
  for (const ref of refs) {
    const known = wanted.get(ref.id);
    if (!known || !isNewerOrSame(known.modified, ref.modified)) wanted.set(ref.id, ref);
  }
  const records = new Map<string, Outcome<OsvRecord>>();
  const missing: { ref: AdvisoryRef; cached: OsvRecord | undefined; storedAt: number }[] = [];
  const refsWanted = [...wanted.values()];
  const entries = await Promise.all(refsWanted.map((ref) => options.freshness.read('osv-vuln', ref.id)));
  for (const [i, ref] of refsWanted.entries()) {
    const entry = entries[i];
    const cached = entry?.value as OsvRecord | undefined;
    if (cached && typeof cached.modified === 'string' && isNewerOrSame(cached.modified, ref.modified)) records.set(ref.id, { status: 'ok', value: cached });
    else missing.push({ ref, cached, storedAt: entry?.storedAt ?? 0 });
  }
  await mapBounded(missing, options.parallel ?? 16, async ({ ref, cached, storedAt }) => {
    const outcome = await fetchOne(options, ref.id);
    if (outcome.status === 'ok') {
      await options.freshness.put('osv-vuln', ref.id, outcome.value);
      records.set(ref.id, outcome);
      return;
    }
    records.set(ref.id, cached ? options.freshness.fallBack(outcome, { value: cached, storedAt }) : outcome);
  });
  return { records, fetched: missing.length };
}

async function fetchOne(options: DetailsOptions, id: string): Promise<Outcome<OsvRecord>> {
  const outcome = await options.http.request({ url: `${options.baseUrl}/v1/vulns/${encodeURIComponent(id)}` });
  if (outcome.status !== 'ok') return outcome;
  const response = outcome.value;
  const body = jsonBody(response);
  if (response.status === 404) {
    // querybatch named this id a moment ago: a 404 now means OSV is inconsistent, not "no advisory".
    return failure('invalid', `osv: ${id} was listed by querybatch but GET /v1/vulns says ${body.status === 'ok' ? (errorMessage(body.value) ?? 'not found') : 'not found'}`);
  }
  if (response.status !== 200) return unexpectedStatus(response);
  if (body.status !== 'ok') return body;
  const record = readRecord(body.value, id);
  return record ? { status: 'ok', value: record } : (failure('invalid', `osv: the record for ${id} has no id or modified`) satisfies Failure);
}
