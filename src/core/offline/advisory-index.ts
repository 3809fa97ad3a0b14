/**
 * Records keyed by PEP 503 name, so that a lookup evaluates only the records about its package.
 * Withdrawn records are left out here: the database keeps them (an update must know them), but
 * they never affect anything (OSV schema: `withdrawn`; the bulk data, unlike the API, includes them).
 */
import type { OsvRecord } from '../model/advisory';
import { isAffected } from '../advisories/match';
import { normalizeName } from '../versions';

export interface AdvisoryIndex {
  readonly byName: ReadonlyMap<string, readonly OsvRecord[]>;
  /** Records indexed (withdrawn ones excluded). */
  readonly size: number;
}

export function buildAdvisoryIndex(records: readonly OsvRecord[]): AdvisoryIndex {
  const byName = new Map<string, OsvRecord[]>();
  let size = 0;
  for (const record of records) {
    if (record.withdrawn) continue;
    size += 1;
    for (const name of pypiNames(record)) {
      const list = byName.get(name);
      if (list) list.push(record);
      else byName.set(name, [record]);
    }
  }
  return { byName, size };
}

/** The records that affect `name` at `version`, in index order (record id ascending). */
export function lookupAdvisories(index: AdvisoryIndex, name: string, version: string): OsvRecord[] {
  const candidates = index.byName.get(normalizeName(name)) ?? [];
  return candidates.filter((record) => isAffected(record, name, version));
}

/** Every record about the package, whatever the version: what nearest-safe needs to check releases. */
export function recordsFor(index: AdvisoryIndex, name: string): readonly OsvRecord[] {
  return index.byName.get(normalizeName(name)) ?? [];
}

function pypiNames(record: OsvRecord): Set<string> {
  const names = new Set<string>();
  for (const entry of Array.isArray(record.affected) ? record.affected : []) {
    const pkg = entry?.package;
    if (pkg?.ecosystem === 'PyPI' && typeof pkg.name === 'string') names.add(normalizeName(pkg.name));
  }
  return names;
}
