/**
 * When to retry and how long to wait. Only network errors, 429 and 5xx are retried: that is what
 * OSV's own Go client does, and what deps.dev asks for ("use exponential backoff"). Every other
 * status is an answer, not a failure of the transport.
 */

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller hears "rate-limited" at once. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed and half random, so clients that
 * failed together do not retry together, yet every wait grows. `attempt` counts from 1.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * RFC 9110 §10.2.3: Retry-After is either delay-seconds or an HTTP-date. Returns milliseconds from
 * `now`, or undefined when the header is absent or unreadable (then the backoff applies).
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
