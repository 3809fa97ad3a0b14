/**
 * Change counters. Every write bumps the counter of what it changed, in the same transaction;
 * each process keeps in-memory copies (the advisory index, computed assessments, tokens) and asks
 * the database for the counters — one tiny query — before it trusts them. So a decision written
 * through one replica is seen by the next request to any other.
 */
import type { Queryable } from './store/store';
import { toNumber } from './store/store';

/** `mirror`: the records changed; `mirror-log`: an import or sync was tried (its report changed). */
export type StateKey = 'mirror' | 'mirror-log' | 'decisions' | 'health' | 'tokens' | 'projects';

export const STATE_KEYS: readonly StateKey[] = ['mirror', 'mirror-log', 'decisions', 'health', 'tokens', 'projects'];

export type Versions = Readonly<Record<StateKey, number>>;

export async function bump(tx: Queryable, key: StateKey): Promise<void> {
  await tx.query('UPDATE state SET version = version + 1 WHERE key = $1', [key]);
}

export async function readVersions(db: Queryable): Promise<Versions> {
  const rows = await db.query<{ key: string; version: unknown }>('SELECT key, version FROM state');
  const versions: Record<StateKey, number> = { mirror: 0, 'mirror-log': 0, decisions: 0, health: 0, tokens: 0, projects: 0 };
  for (const row of rows) {
    if ((STATE_KEYS as readonly string[]).includes(row.key)) versions[row.key as StateKey] = toNumber(row.version);
  }
  return versions;
}

/**
 * The counters as last read. The guard refreshes them once at the start of every request; each
 * in-memory copy remembers the counters it was built from and rebuilds itself when they differ.
 */
export class StateWatcher {
  private current: Versions | null = null;

  constructor(private readonly db: Queryable) {}

  /** The counters of this request (read now if they never were). */
  async versions(): Promise<Versions> {
    return this.current ?? this.refresh();
  }

  async refresh(): Promise<Versions> {
    this.current = await readVersions(this.db);
    return this.current;
  }
}

/** Whether any of `keys` differs between two readings (a first reading differs from nothing). */
export function changed(before: Versions | null, after: Versions, keys: readonly StateKey[]): boolean {
  return before == null || keys.some((key) => before[key] !== after[key]);
}
