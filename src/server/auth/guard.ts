/**
 * Who is asking and whether they may: every /v1 route names the role it needs. The hook checks
 * the change counters first (so a revoked token stops working on every replica at its next
 * request), then the bearer token (401 without one, or with a wrong or revoked one), the role (403
 * when too weak) and the token's rate limit (429 with Retry-After).
 */
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../core/ports';
import { roleAllows, type Role } from '../../protocol/tokens';
import { HttpError } from '../http/errors';
import { changed, type StateWatcher, type Versions } from '../state';
import type { Queryable } from '../store/store';
import type { RateLimiter } from './rate-limit';
import { activeTokens, hashToken, type ActiveToken } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    auth: ActiveToken | null;
  }
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="beachcomber"' };

export class Guard {
  private tokens: Map<string, ActiveToken> | null = null;
  private builtFrom: Versions | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly state: StateWatcher,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  /** Reads the counters and reloads the token table when it changed. */
  async refresh(): Promise<void> {
    const versions = await this.state.refresh();
    if (this.tokens != null && !changed(this.builtFrom, versions, ['tokens'])) return;
    this.tokens = await activeTokens(this.db);
    this.builtFrom = versions;
  }

  async check(request: FastifyRequest, role: Role): Promise<void> {
    await this.refresh();
    const token = bearer(request.headers.authorization);
    if (token == null) throw new HttpError(401, 'unauthorized', 'a bearer token is required (Authorization: Bearer <token>)', CHALLENGE);
    const found = this.tokens?.get(hashToken(token));
    if (!found) throw new HttpError(401, 'unauthorized', 'the token is not valid (unknown or revoked)', CHALLENGE);
    request.auth = found;
    if (!roleAllows(found.role, role)) throw new HttpError(403, 'forbidden', `this needs the ${role} role; the token has ${found.role}`);
    const admission = this.limiter.take(found.id, this.clock.now());
    if (!admission.allowed) {
      throw new HttpError(429, 'rate-limited', `too many requests for this token; retry after ${admission.retryAfterSeconds} s`, { 'retry-after': String(admission.retryAfterSeconds) });
    }
  }
}

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
