/**
 * New version constraints for Fix and Fork, in PEP 440 specifier syntax (PEP 440 §Version
 * specifiers). A Fix either pins (`==X`) or raises the lower bound (`>=X`), keeping every other
 * clause that X still satisfies, and says which clauses it had to drop and why.
 */
import { isValidVersion, satisfies } from '../versions';

export type FixStyle = 'pin' | 'lower-bound';

export interface Rewritten {
  readonly text: string;
  /** What changed beyond the requested bound, in words for the user. */
  readonly notes: readonly string[];
}

export interface Clause {
  readonly operator: string;
  readonly version: string;
  /** The clause as written, trimmed. */
  readonly text: string;
}

const CLAUSE_RE = /^(===|==|!=|~=|<=|>=|<|>)\s*(\S.*)$/;

/** Splits `>=1.0, <2` into clauses; null when a part is not a clause. */
export function parseClauses(specifier: string): Clause[] | null {
  if (specifier.trim() === '') return [];
  const out: Clause[] = [];
  for (const part of specifier.split(',')) {
    const m = CLAUSE_RE.exec(part.trim());
    if (!m) return null;
    out.push({ operator: m[1]!, version: m[2]!.trim(), text: part.trim() });
  }
  return out;
}

/** The separator the user wrote between clauses, so a rewrite reads like the original. */
export function separatorOf(specifier: string): string {
  return /,\s+/.test(specifier) ? ', ' : ',';
}

/** The numbers of a version's release segment ("1.4.5rc1" → [1, 4, 5]). */
export function releaseOf(version: string): number[] {
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/i.exec(version);
  return m ? m[1]!.split('.').map(Number) : [];
}

/** The exclusive upper bound `~=V` implies: drop the last segment, bump the one before (PEP 440 §Compatible release). */
export function compatibleUpperBound(version: string): string {
  const release = releaseOf(version);
  const kept = release.slice(0, Math.max(1, release.length - 1));
  kept[kept.length - 1] = kept[kept.length - 1]! + 1;
  return kept.join('.');
}

function clauseKeeps(clause: Clause, version: string): boolean {
  try {
    return satisfies(version, clause.text, { prereleases: true });
  } catch {
    return false;
  }
}

/**
 * Rewrites a specifier so that `version` is its lower bound (`>=version`) or its only version
 * (`==version`). Lower bounds and pins are replaced; upper bounds and exclusions that `version`
 * satisfies are kept; those it does not satisfy are dropped with a note, so the user sees exactly
 * how the allowed range moved.
 */
export function rewriteSpecifier(specifier: string, version: string, style: FixStyle): Rewritten | null {
  if (!isValidVersion(version)) return null;
  const clauses = parseClauses(specifier);
  if (!clauses) return null;
  if (style === 'pin') return { text: `==${version}`, notes: dropNotes(clauses.filter((c) => c.operator === '<' || c.operator === '<=' || c.operator === '!='), version) };
  const kept: string[] = [];
  const notes: string[] = [];
  let lower = `>=${version}`;
  for (const clause of clauses) {
    const result = keepForLowerBound(clause, version);
    if (result.replaces) lower = result.replaces;
    if (result.kept) kept.push(result.kept);
    if (result.note) notes.push(result.note);
  }
  return { text: [lower, ...kept].join(separatorOf(specifier)), notes };
}

/**
 * What becomes of one clause when `version` is the new lower bound: kept, dropped with a note, or
 * (for `~=` with the same number of segments and the same ceiling) rewritten to `~=version`,
 * which keeps the user's operator and means exactly `>=version` with the old ceiling.
 */
function keepForLowerBound(clause: Clause, version: string): { kept?: string; note?: string; replaces?: string } {
  switch (clause.operator) {
    case '>=':
    case '>':
      return {};
    case '==':
    case '===':
      if (clause.version.endsWith('.*') && clauseKeeps(clause, version)) return { kept: clause.text };
      return { note: `The pin '${clause.text}' became a lower bound.` };
    case '~=': {
      const upper = compatibleUpperBound(clause.version);
      const sameShape = releaseOf(version).length === releaseOf(clause.version).length && compatibleUpperBound(version) === upper;
      if (sameShape && clauseKeeps(clause, version)) return { replaces: `~=${version}` };
      if (satisfies(version, `<${upper}`, { prereleases: true })) return { kept: `<${upper}` };
      return { note: `'${clause.text}' allowed only versions below ${upper}; ${version} is above it, so that upper bound was dropped.` };
    }
    default:
      if (clauseKeeps(clause, version)) return { kept: clause.text };
      return { note: `'${clause.text}' excludes ${version}, so it was dropped.` };
  }
}

/** Notes for clauses a pin makes meaningless but that the pinned version violates (the user asked for it anyway). */
function dropNotes(clauses: readonly Clause[], version: string): string[] {
  return clauses.filter((c) => !clauseKeeps(c, version)).map((c) => `The old constraint '${c.text}' excluded ${version}.`);
}

/**
 * The specifier for a fork or an alternative. Version numbers of two different projects say
 * nothing about each other, so the old constraint never carries over: without a known version of
 * the new project the specifier is dropped; with one, the user's style is kept (a pin stays a pin,
 * `~=` stays compatible-release, any other constraint becomes a lower bound), and a requirement
 * that had no specifier gets none.
 */
export function replacementSpecifier(specifier: string, version: string | null): string {
  if (version == null || !isValidVersion(version) || specifier.trim() === '') return '';
  const clauses = parseClauses(specifier) ?? [];
  if (clauses.length === 1 && (clauses[0]!.operator === '==' || clauses[0]!.operator === '===') && !clauses[0]!.version.endsWith('.*')) return `==${version}`;
  if (clauses.some((c) => c.operator === '~=') && releaseOf(version).length >= 2) return `~=${version}`;
  return `>=${version}`;
}

/** The legacy form `name (>=1.0)` wraps the specifier in parentheses (PEP 508); the clauses are inside. */
export function unparenthesised(specifier: string): string {
  const trimmed = specifier.trim();
  return trimmed.startsWith('(') && trimmed.endsWith(')') ? trimmed.slice(1, -1).trim() : trimmed;
}
