/**
 * The offline database as an AdvisorySource: the same answers as OSV's API (records that affect
 * each package at its version, withdrawn ones never), from local data. Past the configured
 * maximum age it still answers, but says how old the answer is, so that the UI can tell.
 */
import type { OsvRecord } from '../model/advisory';
import type { AdvisorySource, Clock, Outcome, PackageVersion } from '../ports';
import { packageKey } from '../ports';
import { buildAdvisoryIndex, lookupAdvisories, recordsFor, type AdvisoryIndex } from './advisory-index';
import { databaseAge, staleNote, type DatabaseAge } from './age';
import type { OfflineSnapshot } from './snapshot';

export interface OfflineDbOptions {
  readonly clock: Clock;
  /** Days after which answers are marked stale; null or absent: never. */
  readonly maxAgeDays?: number | null;
}

export interface OfflineAdvisoryDb extends AdvisorySource {
  readonly name: 'offline-db';
  /** How old the data is at `now` (the clock's time when not given). */
  age(now?: number): DatabaseAge;
  /** Every record about a package (withdrawn excluded), for nearest-safe checks. */
  recordsFor(name: string): readonly OsvRecord[];
  /** Swaps in a newer snapshot (after an update) for every later question. */
  replace(snapshot: OfflineSnapshot): void;
}

export function createOfflineAdvisoryDb(snapshot: OfflineSnapshot, options: OfflineDbOptions): OfflineAdvisoryDb {
  let current = snapshot;
  let index: AdvisoryIndex = buildAdvisoryIndex(snapshot.records);
  const maxAgeDays = options.maxAgeDays ?? null;
  return {
    name: 'offline-db',
    async advisories(packages: readonly PackageVersion[]): Promise<Outcome<ReadonlyMap<string, readonly OsvRecord[]>>> {
      const answers = new Map<string, readonly OsvRecord[]>();
      for (const pkg of packages) answers.set(packageKey(pkg), lookupAdvisories(index, pkg.name, pkg.version));
      const stale = staleNote(current.meta, options.clock.now(), maxAgeDays);
      return stale == null ? { status: 'ok', value: answers } : { status: 'ok', value: answers, stale };
    },
    age: (now = options.clock.now()) => databaseAge(current.meta, now),
    recordsFor: (name) => recordsFor(index, name),
    replace(next) {
      current = next;
      index = buildAdvisoryIndex(next.records);
    },
  };
}
