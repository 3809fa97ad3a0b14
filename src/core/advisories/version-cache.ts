/**
 * PEP 440 comparison and equality, memoised. One lookup compares a version with the same few
 * event versions again and again (django's 90 records share a handful of branch boundaries), and a
 * `versions[]` list may hold hundreds of entries: without a cache the golden run takes minutes.
 * The order and equality themselves always come from src/core/versions.ts.
 */
import { compareVersions, versionKey } from '../versions';

/** Bounds each cache; when full it starts over, which only costs recomputation. */
const MAX_ENTRIES = 200_000;

const comparisons = new Map<string, number>();
const equalityKeys = new Map<string, string | null>();

/** PEP 440 order of two valid versions. */
export function compareCached(a: string, b: string): number {
  const key = `${a}\u0000${b}`;
  const known = comparisons.get(key);
  if (known !== undefined) return known;
  const order = compareVersions(a, b);
  remember(comparisons, key, order);
  return order;
}

/**
 * A string equal for exactly the versions PEP 440 calls equal ("1.0" and "1.0.0", "v1.0-1" and
 * "1.0.post1"): epoch, release without trailing zeros, pre, post, dev and local. Null when the
 * version is not valid PEP 440.
 */
export function equalityKey(version: string): string | null {
  const known = equalityKeys.get(version);
  if (known !== undefined) return known;
  const key = versionKey(version);
  remember(equalityKeys, version, key);
  return key;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
}
