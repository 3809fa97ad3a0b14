/**
 * OSV's wire shapes, checked rather than trusted: protobuf-JSON omits empty fields (a result with
 * no vulnerabilities is `{}`), batch items carry only `id` and `modified`, and errors are gRPC
 * status objects `{"code": 3, "message": "…"}`.
 */
import type { AdvisoryRef, OsvRecord } from '../../core/model/advisory';
import { isObject } from '../outcome';

export interface BatchItem {
  readonly refs: readonly AdvisoryRef[];
  readonly nextPageToken: string | null;
}

/** The `results` of a querybatch answer, or null when the body is not that shape. */
export function readBatchResults(body: unknown, expected: number): BatchItem[] | null {
  if (!isObject(body)) return null;
  const results = body['results'] ?? [];
  if (!Array.isArray(results) || results.length !== expected) return null;
  const items: BatchItem[] = [];
  for (const result of results) {
    if (!isObject(result)) return null;
    const vulns = result['vulns'] ?? [];
    if (!Array.isArray(vulns)) return null;
    const refs: AdvisoryRef[] = [];
    for (const vuln of vulns) {
      if (!isObject(vuln) || typeof vuln['id'] !== 'string' || typeof vuln['modified'] !== 'string') return null;
      refs.push({ id: vuln['id'], modified: vuln['modified'] });
    }
    const token = result['next_page_token'];
    items.push({ refs, nextPageToken: typeof token === 'string' && token !== '' ? token : null });
  }
  return items;
}

/** A full OSV record needs at least its id and modified; everything else is optional and kept. */
export function readRecord(body: unknown, id: string): OsvRecord | null {
  if (!isObject(body) || body['id'] !== id || typeof body['modified'] !== 'string') return null;
  return body as unknown as OsvRecord;
}

/** `error in query at index N: …` of a whole-batch 400: the position of the query OSV rejected. */
export function rejectedIndex(body: unknown): { index: number; message: string } | null {
  if (!isObject(body) || typeof body['message'] !== 'string') return null;
  const match = /^error in query at index (\d+): (.*)$/s.exec(body['message']);
  return match ? { index: Number(match[1]), message: match[2] ?? '' } : null;
}

export function errorMessage(body: unknown): string | null {
  return isObject(body) && typeof body['message'] === 'string' ? body['message'] : null;
}

/**
 * Whether a cached record's `modified` is at least the one querybatch reports. Timestamps come with
 * 0, 3, 6 or 9 fractional digits (and modified_id.csv always has 9), so they are compared at
 * nanosecond precision, not as text and not as milliseconds.
 */
export function isNewerOrSame(candidate: string, reference: string): boolean {
  if (candidate === reference) return true;
  const a = instant(candidate);
  const b = instant(reference);
  return a != null && b != null && a >= b;
}

/** `2023-03-14T05:47:39.989396Z` → `2023-03-14T05:47:39.989396000Z`, comparable as text; UTC only. */
function instant(timestamp: string): string | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(timestamp);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z` : null;
}
