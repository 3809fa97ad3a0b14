/**
 * The fake OSV server's own matcher: a straightforward reading of risk-data-apis.md §1.9 (the OSV
 * schema's evaluation pseudocode as OSV.dev runs it). It is kept in the test helpers on purpose:
 * the fake must not share code with the client it judges. A test checks it against the golden
 * answers in the corpus.
 */
import * as pep440 from '@renovatebot/pep440';
import type { OsvAffected, OsvEvent, OsvRecord } from '../../../src/core/model/advisory';

const KINDS = new Set(['introduced', 'last_affected', 'fixed', 'limit']);

export function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Whether `record` (not withdrawn) affects `name` at `version`; without a version, any mention. */
export function recordAffects(record: OsvRecord, name: string, version: string | undefined): boolean {
  if (record.withdrawn) return false;
  return (record.affected ?? []).some((entry) => entryAffects(entry, name, version));
}

function entryAffects(entry: OsvAffected, name: string, version: string | undefined): boolean {
  if (entry.package?.ecosystem !== 'PyPI' || normalize(entry.package.name ?? '') !== normalize(name)) return false;
  if (version === undefined) return true;
  if (!valid(version)) return (entry.versions ?? []).includes(version);
  if (listedSet(entry).has(canonical(version))) return true;
  return (entry.ranges ?? []).some((range) => (range.type === 'ECOSYSTEM' || range.type === 'SEMVER') && inRange(range.events, version));
}

interface Event {
  readonly kind: string;
  readonly value: string;
}

function inRange(rawEvents: readonly OsvEvent[], version: string): boolean {
  const events: Event[] = [];
  for (const raw of rawEvents) {
    for (const [kind, value] of Object.entries(raw) as [string, string | undefined][]) {
      // OSV.dev skips events whose version does not parse; "0" is the smallest version.
      if (value !== undefined && KINDS.has(kind) && (value === '0' || value === '*' || valid(value))) events.push({ kind, value });
    }
  }
  const limits = events.filter((event) => event.kind === 'limit').map((event) => event.value);
  if (limits.length > 0 && !limits.includes('*') && !limits.some((limit) => compare(version, limit) < 0)) return false;
  // A stable sort by version alone: events at the same version keep the record's own order. That is
  // what the golden answers encode (pyspark PYSEC-2022-236 lists `fixed: 3.1.1` before a later
  // `introduced: 3.1.1`, so 3.1.1 and later are affected again).
  const sorted = events.filter((event) => event.kind !== 'limit').sort((a, b) => compare(a.value, b.value));
  let vulnerable = false;
  for (const event of sorted) {
    if (event.kind === 'introduced' && compare(version, event.value) >= 0) vulnerable = true;
    else if (event.kind === 'fixed' && compare(version, event.value) >= 0) vulnerable = false;
    else if (event.kind === 'last_affected' && compare(version, event.value) > 0) vulnerable = false;
  }
  return vulnerable;
}

const listedSets = new WeakMap<OsvAffected, Set<string>>();
const canonicals = new Map<string, string>();

/** `versions[]` as a set of canonical forms (and raw strings for legacy versions), built once per entry. */
function listedSet(entry: OsvAffected): Set<string> {
  let set = listedSets.get(entry);
  if (!set) {
    set = new Set((entry.versions ?? []).map((item) => (valid(item) ? canonical(item) : `raw:${item}`)));
    listedSets.set(entry, set);
  }
  return set;
}

/** One string per PEP 440 version, equal for equal versions (`1.0` and `1.0.0`). */
function canonical(version: string): string {
  let result = canonicals.get(version);
  if (result === undefined) {
    const parsed = pep440.explain(version);
    const release = [...(parsed?.release ?? [])];
    while (release.length > 0 && release.at(-1) === 0) release.pop();
    result = JSON.stringify([parsed?.epoch, release, parsed?.pre, parsed?.post, parsed?.dev, parsed?.local]);
    canonicals.set(version, result);
  }
  return result;
}

const compared = new Map<string, number>();
const validity = new Map<string, boolean>();

/** PEP 440 order, remembered: the same pairs come up again and again across records. */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  const key = `${a}\u0000${b}`;
  let result = compared.get(key);
  if (result === undefined) {
    result = pep440.compare(a, b);
    compared.set(key, result);
  }
  return result;
}

function valid(version: string): boolean {
  let result = validity.get(version);
  if (result === undefined) {
    result = pep440.valid(version) != null;
    validity.set(version, result);
  }
  return result;
}
