/**
 * What the resolver works with: requirements (from the manifest, or a release's Requires-Dist),
 * candidates (a project at a version, with the extras asked of it) and the identifiers that join
 * them. Extras get their own identifier, `name[a,b]`, as pip's resolver gives them one: the
 * candidate `name[a,b]` at a version depends on `name` at exactly that version plus whatever
 * the extras add, so the base package is pinned once however many extras are asked of it.
 */
import type { Dependency } from '../../model/dependency';
import { matchingSpecifiers } from '../../manifests/pyproject/specifiers';
import { parseRequirement } from '../../pep508/requirement';
import { isValidVersion, normalizeName } from '../../versions';

/** Where a requirement comes from: the manifest (root, constraint, override) or a release's metadata. */
export type RequirementKind = 'root' | 'constraint' | 'override' | 'dependency' | 'base';

export interface ResolverRequirement {
  /** PEP 503 normalised. */
  readonly name: string;
  /** Normalised, sorted, without duplicates. */
  readonly extras: readonly string[];
  /** As written, for people: `>=1.2`, Poetry's `^1.2`, or "" for any version. */
  readonly specifier: string;
  /** PEP 440 specifier sets, any one of which admits a version ("" admits every version). */
  readonly alternatives: readonly string[];
  readonly marker: string | null;
  readonly kind: RequirementKind;
  /** The manifest record behind a root, constraint or override: its file, line and ranges. */
  readonly record: Dependency | null;
}

export interface Candidate {
  readonly name: string;
  readonly extras: readonly string[];
  /** Null only for a project the index could not be asked about: its version is unknown. */
  readonly version: string | null;
  /** The identifier it answers: `name` or `name[extras]`. */
  readonly id: string;
}

export function identifierOf(name: string, extras: readonly string[]): string {
  return extras.length === 0 ? name : `${name}[${extras.join(',')}]`;
}

export function identify(requirement: ResolverRequirement): string {
  return identifierOf(requirement.name, requirement.extras);
}

export function candidate(name: string, extras: readonly string[], version: string | null): Candidate {
  return { name, extras, version, id: identifierOf(name, extras) };
}

export function normalizeExtras(extras: readonly string[]): string[] {
  return [...new Set(extras.map(normalizeName))].sort();
}

/** `starlette[full]>=0.38`, as the words of a conflict name it. */
export function describeRequirement(requirement: ResolverRequirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  return `${requirement.name}${extras}${requirement.specifier}`;
}

export function describeCandidate(c: Candidate): string {
  return `${c.name} ${c.version ?? '(version unknown)'}`;
}

/**
 * A manifest record as a requirement. Poetry constraints (`^1.2`, `>=1 || >=3`) become their
 * PEP 440 alternatives; null when the specifier means nothing (the reader reported it already).
 */
export function fromRecord(record: Dependency, kind: 'root' | 'constraint' | 'override'): ResolverRequirement | null {
  const alternatives = matchingSpecifiers(record);
  if (alternatives === undefined || record.name === '') return null;
  return {
    name: record.name,
    extras: normalizeExtras(record.extras),
    specifier: record.specifier,
    alternatives: alternatives.length === 0 ? [''] : alternatives,
    marker: record.marker,
    kind,
    record,
  };
}

export type ParsedDependency =
  | { readonly ok: true; readonly requirement: ResolverRequirement }
  | { readonly ok: false; readonly text: string; readonly reason: string };

/** One Requires-Dist line of a release's core metadata. */
export function fromRequiresDist(text: string): ParsedDependency {
  const parsed = parseRequirement(text);
  if (!parsed.ok) return { ok: false, text, reason: 'it does not parse as PEP 508' };
  const value = parsed.value;
  // An index refuses uploads whose requirements name URLs (PyPI does); a private index may not.
  // Following one would mean fetching and building arbitrary code, so it is reported, not followed.
  if (value.url != null) return { ok: false, text, reason: 'it names a URL, which is never fetched' };
  return {
    ok: true,
    requirement: {
      name: value.normalizedName,
      extras: normalizeExtras(value.extras),
      specifier: value.specifier,
      alternatives: [value.specifier],
      marker: value.markerText,
      kind: 'dependency',
      record: null,
    },
  };
}

/**
 * What the candidate `name[extras]` at a version asks of its base: exactly the same version of
 * `name` (`===` for a version that is not PEP 440, which only arbitrary equality can name).
 */
export function basePin(c: Candidate): ResolverRequirement {
  const specifier = c.version == null ? '' : `${isValidVersion(c.version) ? '==' : '==='}${c.version}`;
  return { name: c.name, extras: [], specifier, alternatives: [specifier], marker: null, kind: 'base', record: null };
}
