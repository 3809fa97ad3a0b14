/**
 * Bounded concurrency: a counting semaphore per key (requests in flight per host), and a bounded
 * parallel map (one "wave" of detail fetches that never opens more than N requests at once).
 */

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** One limiter per key, created on first use. */
export function createKeyedLimiter(max: number): (key: string) => Limiter {
  const limiters = new Map<string, Limiter>();
  return (key) => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createLimiter(max);
      limiters.set(key, limiter);
    }
    return limiter;
  };
}

/** Maps `items` with at most `limit` calls of `fn` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
