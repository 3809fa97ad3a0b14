/**
 * Whether an OSV record affects a PyPI package at a version, evaluated exactly as the OSV schema's
 * "Evaluation" section and OSV.dev's matcher do (see shared/reference/risk-data-apis.md §1.9):
 * a version is affected when it is listed in `versions[]` or lies inside any ECOSYSTEM range.
 * Records are untrusted input, so every field is read defensively and nothing here throws.
 */
import type { OsvAffected, OsvRecord, OsvRange } from '../model/advisory';
import { isValidVersion, normalizeName } from '../versions';
import { compareCached, equalityKey } from './version-cache';

export type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

const EVENT_KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

export interface RangeEvent {
  readonly kind: EventKind;
  readonly value: string;
}

/**
 * SEMVER ranges are evaluated like ECOSYSTEM ones (as the reference client does): for a PyPI
 * package both order PEP 440 versions. GIT ranges name commits and cannot be evaluated offline.
 */
const VERSION_RANGE_TYPES: ReadonlySet<string> = new Set(['ECOSYSTEM', 'SEMVER']);

/** The affected[] entries about this PyPI package: ecosystem "PyPI" exactly, name by PEP 503. */
export function entriesFor(record: OsvRecord, name: string): OsvAffected[] {
  const wanted = normalizeName(name);
  const entries = Array.isArray(record.affected) ? record.affected : [];
  return entries.filter((entry) => {
    const pkg = entry?.package;
    return pkg?.ecosystem === 'PyPI' && typeof pkg.name === 'string' && normalizeName(pkg.name) === wanted;
  });
}

/** Whether the record affects `name` at `version`. Withdrawn records never affect anything. */
export function isAffected(record: OsvRecord, name: string, version: string): boolean {
  if (record.withdrawn) return false;
  return entriesFor(record, name).some((entry) => entryAffects(entry, version));
}

export function entryAffects(entry: OsvAffected, version: string): boolean {
  const listed = listedVersions(entry);
  if (listed.strings.has(version)) return true;
  // A legacy (non-PEP 440) version cannot be ordered, so only an exact listing can match it.
  const key = equalityKey(version);
  if (key == null) return false;
  if (listed.keys.has(key)) return true;
  return versionRanges(entry).some((range) => rangeContains(range, version));
}

interface ListedVersions {
  /** Exact strings, the only match for legacy versions. */
  readonly strings: ReadonlySet<string>;
  /** PEP 440 equality keys, so that 1.0 matches a listed 1.0.0. */
  readonly keys: ReadonlySet<string>;
}

const listedCache = new WeakMap<OsvAffected, ListedVersions>();

/** `versions[]` by parsed-version equality, by string for legacy versions; computed once per entry. */
function listedVersions(entry: OsvAffected): ListedVersions {
  const cached = listedCache.get(entry);
  if (cached) return cached;
  const raw = Array.isArray(entry.versions) ? entry.versions.filter((item) => typeof item === 'string') : [];
  const keys = raw.map(equalityKey).filter((key): key is string => key != null);
  const listed = { strings: new Set(raw), keys: new Set(keys) };
  listedCache.set(entry, listed);
  return listed;
}

export function versionRanges(entry: OsvAffected): OsvRange[] {
  const ranges = Array.isArray(entry.ranges) ? entry.ranges : [];
  return ranges.filter((range) => VERSION_RANGE_TYPES.has(range?.type) && Array.isArray(range.events));
}

/**
 * One range on its own (ranges are never merged, OSV schema "Evaluation"). The events are sorted
 * by version; the scan then sets affected on `introduced` <= v, clears it on `fixed` <= v and on
 * `last_affected` < v.
 */
export function rangeContains(range: OsvRange, version: string): boolean {
  const compiled = compileRange(range);
  if (!beforeLimits(compiled.limits, version)) return false;
  let affected = false;
  for (const event of compiled.events) {
    const order = compareToEvent(version, event);
    if (event.kind === 'introduced' && order >= 0) affected = true;
    else if (event.kind === 'fixed' && order >= 0) affected = false;
    else if (event.kind === 'last_affected' && order > 0) affected = false;
  }
  return affected;
}

/** No usable `limit` (or a "*") means no upper bound; otherwise the version must lie below one. */
function beforeLimits(limits: readonly string[], version: string): boolean {
  return limits.length === 0 || limits.some((limit) => compareCached(version, limit) < 0);
}

interface CompiledRange {
  /** Sorted, without limits and without events that do not parse. */
  readonly events: readonly RangeEvent[];
  /** Parsable limit versions; empty when the range is unbounded. */
  readonly limits: readonly string[];
}

const compiledRanges = new WeakMap<OsvRange, CompiledRange>();

function compileRange(range: OsvRange): CompiledRange {
  const cached = compiledRanges.get(range);
  if (cached) return cached;
  const all = eventsOf(range);
  const limitValues = all.filter((event) => event.kind === 'limit').map((event) => event.value);
  const unbounded = limitValues.includes('*');
  const compiled = {
    events: sortedEvents(range).filter((event) => event.kind !== 'limit'),
    limits: unbounded ? [] : limitValues.filter(isValidVersion),
  };
  compiledRanges.set(range, compiled);
  return compiled;
}

/** Each event object carries exactly one key (OSV schema); anything else is ignored. */
export function eventsOf(range: OsvRange): RangeEvent[] {
  const events: RangeEvent[] = [];
  for (const raw of range.events) {
    if (raw == null || typeof raw !== 'object') continue;
    for (const kind of EVENT_KINDS) {
      const value = raw[kind];
      if (typeof value === 'string') events.push({ kind, value });
    }
  }
  return events;
}

/**
 * Events ordered by version, `introduced: "0"` first. Events whose version does not parse are
 * skipped, as OSV.dev does. The sort is stable: events at the same version keep the record's own
 * order, as OSV.dev's `sorted_events` (a stable Python sort on the version alone) keeps them. So
 * `{"fixed": "3.1.1"}, …, {"introduced": "3.1.1"}` re-opens the range at 3.1.1, which is what the
 * record means (pyspark PYSEC-2022-236 also lists 3.1.1 and 3.1.2 in `versions[]`), where a
 * type-order tie-break (introduced before fixed) would close it.
 */
export function sortedEvents(range: OsvRange): RangeEvent[] {
  const usable = eventsOf(range).filter((event) => isZero(event) || isValidVersion(event.value));
  return usable.sort(compareEvents);
}

function isZero(event: RangeEvent): boolean {
  return event.kind === 'introduced' && event.value === '0';
}

function compareEvents(a: RangeEvent, b: RangeEvent): number {
  if (isZero(a) || isZero(b)) return Number(isZero(b)) - Number(isZero(a));
  return compareCached(a.value, b.value);
}

/** `introduced: "0"` lies before every version, pre-releases of 0 included. */
function compareToEvent(version: string, event: RangeEvent): number {
  return isZero(event) ? 1 : compareCached(version, event.value);
}
