/**
 * How old the offline database is. Its age counts from the freshest evidence it holds: the newest
 * `modified` among its records, or the last successful update from the bulk source (which proves
 * nothing newer existed then), whichever is later. The import time proves nothing: a zip copied
 * into an air-gapped network may have been downloaded months before.
 */
import type { OfflineMeta } from './snapshot';
import { timestampMs } from './modified-ids';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DatabaseAge {
  /** Whole days since `asOf`. */
  readonly days: number;
  /** ISO 8601: the moment the data is known to be current to. */
  readonly asOf: string;
  readonly newestModified: string | null;
  readonly importedAt: string;
  readonly updatedAt: string | null;
}

export function databaseAge(meta: OfflineMeta, now: number): DatabaseAge {
  const candidates = [meta.newestModified, meta.updatedAt].map((t) => (t == null ? null : timestampMs(t))).filter((t): t is number => t != null);
  // An empty database has no evidence at all; its import time is the best there is.
  const asOfMs = candidates.length > 0 ? Math.max(...candidates) : (timestampMs(meta.importedAt) ?? now);
  return {
    days: Math.max(0, Math.floor((now - asOfMs) / DAY_MS)),
    asOf: new Date(asOfMs).toISOString(),
    newestModified: meta.newestModified,
    importedAt: meta.importedAt,
    updatedAt: meta.updatedAt,
  };
}

/** The Outcome's `stale` note once the configured maximum age is passed; undefined otherwise. */
export function staleNote(meta: OfflineMeta, now: number, maxAgeDays: number | null): string | undefined {
  if (maxAgeDays == null) return undefined;
  const { days } = databaseAge(meta, now);
  return days > maxAgeDays ? `offline database is ${days} days old (max ${maxAgeDays})` : undefined;
}
