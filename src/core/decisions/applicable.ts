/**
 * Which team decision applies to a finding. A decision applies to its package (PEP 503 names),
 * to the versions its specifier admits, to the advisory it names, and until the end of its
 * `until` day; an expired decision applies to nothing, so the finding shows again.
 */
import type { Decision } from '../model/risk';
import { normalizeName, satisfies } from '../versions';

export interface DecisionQuery {
  readonly name: string;
  /** The version in use; a decision limited to versions does not apply when it is unknown. */
  readonly version: string | null;
  /** Ids of the advisory behind the finding (its id and aliases), if it is about one. */
  readonly advisories?: readonly string[];
  /** Today as YYYY-MM-DD (from the Clock port; the core reads no clock itself). */
  readonly today: string;
}

export function isExpired(decision: Decision, today: string): boolean {
  return decision.until != null && decision.until < today;
}

export function appliesTo(decision: Decision, query: DecisionQuery): boolean {
  if (normalizeName(decision.package) !== normalizeName(query.name)) return false;
  if (isExpired(decision, query.today)) return false;
  if (decision.versions != null) {
    if (query.version == null) return false;
    try {
      if (!satisfies(query.version, decision.versions, { prereleases: true })) return false;
    } catch {
      return false;
    }
  }
  if (decision.advisory != null) {
    const wanted = decision.advisory.toUpperCase();
    if (!(query.advisories ?? []).some((id) => id.toUpperCase() === wanted)) return false;
  }
  return true;
}

/**
 * The decision for a finding: among those that apply, the most specific (one naming the advisory
 * beats one limited to versions, which beats one about the whole package); among equals, the one
 * written last, since a later decision supersedes an earlier one.
 */
export function decisionFor<T extends Decision>(decisions: readonly T[], query: DecisionQuery): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const decision of decisions) {
    if (!appliesTo(decision, query)) continue;
    const score = (decision.advisory != null ? 2 : 0) + (decision.versions != null ? 1 : 0);
    if (score >= bestScore) {
      best = decision;
      bestScore = score;
    }
  }
  return best;
}
