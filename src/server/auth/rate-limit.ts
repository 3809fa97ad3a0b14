/**
 * A token bucket per key (per token): `burst` requests at once, refilled at `perSecond`. The
 * buckets live in the process, so with several replicas each enforces its own share; that bounds
 * what one token can cost a replica, which is what the limit is for.
 */

export interface RateLimit {
  /** Sustained requests per second per token; 0 turns the limit off. */
  readonly perSecond: number;
  readonly burst: number;
}

export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  take(key: string, nowMs: number): Admission {
    if (this.limit.perSecond <= 0) return { allowed: true };
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: nowMs };
    const refilled = Math.min(this.limit.burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.limit.perSecond);
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: nowMs });
      return { allowed: true };
    }
    this.buckets.set(key, { tokens: refilled, at: nowMs });
    // RFC 9110 Retry-After is whole seconds; round up so a client that waits is admitted.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.limit.perSecond)) };
  }
}
