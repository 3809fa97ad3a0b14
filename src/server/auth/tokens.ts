/**
 * Bearer tokens: 256 random bits, shown once, stored as a SHA-256 hash. A fast hash is enough
 * because the secret is random, not a password: there is no dictionary to try, and 2^256 guesses
 * are out of reach; a slow KDF would only slow every request down.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CreatedToken, Role, TokenInfo } from '../../protocol/tokens';
import { bump } from '../state';
import type { Queryable, Store } from '../store/store';
import { toIso, toIsoOrNull } from '../store/store';

/** The prefix makes a leaked token easy to recognise (secret scanners, logs). */
const TOKEN_PREFIX = 'bcs_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created: unknown;
  revoked: unknown;
}

function toInfo(row: TokenRow): TokenInfo {
  return { id: row.id, name: row.name, role: row.role, created: toIso(row.created), revoked: toIsoOrNull(row.revoked) };
}

export async function createToken(store: Store, name: string, role: Role, now: Date): Promise<CreatedToken> {
  const token = generateToken();
  const id = randomUUID();
  await store.transaction(async (tx) => {
    await tx.query('INSERT INTO tokens (id, name, role, hash, created) VALUES ($1, $2, $3, $4, $5)', [id, name, role, hashToken(token), now.toISOString()]);
    await bump(tx, 'tokens');
  });
  return { id, name, role, created: now.toISOString(), revoked: null, token };
}

export async function listTokens(db: Queryable): Promise<TokenInfo[]> {
  const rows = await db.query<TokenRow & Record<string, unknown>>('SELECT id, name, role, created, revoked FROM tokens ORDER BY created, id');
  return rows.map(toInfo);
}

/** Revokes a token by id; null when no token has that id. Revoking twice keeps the first date. */
export async function revokeToken(store: Store, id: string, now: Date): Promise<TokenInfo | null> {
  return store.transaction(async (tx) => {
    const rows = await tx.query<TokenRow & Record<string, unknown>>(
      'UPDATE tokens SET revoked = COALESCE(revoked, $2) WHERE id = $1 RETURNING id, name, role, created, revoked',
      [id, now.toISOString()],
    );
    if (rows.length === 0) return null;
    await bump(tx, 'tokens');
    return toInfo(rows[0]!);
  });
}

export interface ActiveToken {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** Every token that is not revoked, by hash: the whole table is small and read once per change. */
export async function activeTokens(db: Queryable): Promise<Map<string, ActiveToken>> {
  const rows = await db.query<{ id: string; name: string; role: Role; hash: string }>('SELECT id, name, role, hash FROM tokens WHERE revoked IS NULL');
  return new Map(rows.map((r) => [r.hash, { id: r.id, name: r.name, role: r.role }]));
}
