import type { Cache, CacheEntry, CacheKind } from '../../core/ports';

/**
 * A fast cache in front of a slow one: reads are answered from memory when possible (a re-scan
 * in the same process touches no disk), writes go to both. The memory tier holds at most
 * `maxEntries` entries and forgets the oldest first.
 */
export class TieredCache implements Cache {
  private readonly memory = new Map<string, CacheEntry>();

  constructor(private readonly slow: Cache, private readonly maxEntries = 50_000) {}

  async get(kind: CacheKind, key: string): Promise<CacheEntry | undefined> {
    const id = `${kind}\u0000${key}`;
    const hit = this.memory.get(id);
    if (hit) return hit;
    const entry = await this.slow.get(kind, key);
    if (entry) this.remember(id, entry);
    return entry;
  }

  async set(kind: CacheKind, key: string, entry: CacheEntry): Promise<void> {
    this.remember(`${kind}\u0000${key}`, entry);
    await this.slow.set(kind, key, entry);
  }

  private remember(id: string, entry: CacheEntry): void {
    this.memory.delete(id);
    this.memory.set(id, entry);
    if (this.memory.size > this.maxEntries) this.memory.delete(this.memory.keys().next().value!);
  }
}
