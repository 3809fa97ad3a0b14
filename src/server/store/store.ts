/**
 * The one door to the database. The SQL is the same PostgreSQL for the embedded store (PGlite)
 * and a real server (pg): only parameterised queries, `$1`-style. Every write that must be atomic
 * goes through `transaction`; a transaction either commits as a whole or not at all.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export type StoreKind = 'pglite' | 'postgres';

export interface Store extends Queryable {
  readonly kind: StoreKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** pg returns int8 and numeric as strings, PGlite as numbers; both become numbers here. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return 0;
}

/** Timestamps come back as Date from both drivers; the wire uses ISO 8601 strings. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  return new Date(0).toISOString();
}

export function toIsoOrNull(value: unknown): string | null {
  return value == null ? null : toIso(value);
}

export function toStringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
