/**
 * Small helpers for Outcomes shared by every source: failures with a reason, the "not on the
 * index" answer, JSON decoding that turns bad bodies into `invalid`, and the stale-answer note.
 */
import type { Outcome, SourceStatus } from '../core/ports';
import type { HttpResponse } from './http';

export type Failure = Extract<Outcome<never>, { status: Exclude<SourceStatus, 'ok'> }>;

/**
 * "This package (or version, or project) is not there" is a finding about the package, not a
 * failure of the source: the source answered. It travels as `unavailable` (the port has no richer
 * status) flagged with `notFound`, so callers can tell it from a network failure with isNotFound(),
 * and it is never replaced by a stale cached answer.
 */
export interface NotFound {
  readonly status: 'unavailable';
  readonly detail: string;
  readonly notFound: true;
}

export function notFound(detail: string): NotFound {
  return { status: 'unavailable', detail, notFound: true };
}

export function isNotFound(outcome: Outcome<unknown>): outcome is NotFound {
  return outcome.status === 'unavailable' && (outcome as Partial<NotFound>).notFound === true;
}

export function failure(status: Failure['status'], detail: string): Failure {
  return { status, detail };
}

export function ok<T>(value: T): Outcome<T> {
  return { status: 'ok', value };
}

/** Parses a JSON body; a body that is not JSON is the source answering wrongly: `invalid`. */
export function jsonBody(response: HttpResponse): Outcome<unknown> {
  try {
    return ok(JSON.parse(response.body.toString('utf8')) as unknown);
  } catch (error) {
    return failure('invalid', `${new URL(response.url).host}: malformed JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A status this source does not send for this request: the answer cannot be trusted. */
export function unexpectedStatus(response: HttpResponse): Failure {
  const text = response.body.toString('utf8').slice(0, 200).replace(/\s+/g, ' ').trim();
  return failure('invalid', `${new URL(response.url).host}: unexpected HTTP ${response.status}${text ? ` (${text})` : ''}`);
}

/** The note on a cached answer served because the source failed: which source, why, how old. */
export function staleNote(source: string, why: Failure, ageMs: number): string {
  return `${source} unavailable (${why.detail}); cached answer from ${formatAge(ageMs)} ago`;
}

export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
