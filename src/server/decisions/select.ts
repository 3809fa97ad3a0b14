/**
 * Backend decisions as the core's risk model takes them. The core decides which are in force
 * (package, versions, expiry) and applies accepts; the server hands them over most specific first
 * (one naming an advisory, then one limited to versions, then package-wide; the latest update
 * first among equals), the order in which src/core/decisions/applicable.ts ranks them, so the
 * decision an assessment shows is the one that speaks for the package.
 */
import type { Decision } from '../../core/model/risk';
import type { DecisionRecord } from '../../protocol/decisions';

function specificity(decision: DecisionRecord): number {
  return (decision.advisory != null ? 2 : 0) + (decision.versions != null ? 1 : 0);
}

export function mostSpecificFirst(decisions: readonly DecisionRecord[]): DecisionRecord[] {
  return [...decisions].sort((a, b) => specificity(b) - specificity(a) || (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
}

/** The record behind the decision an assessment shows (the core returns its own view of it). */
export function recordOf(decisions: readonly DecisionRecord[], shown: Decision | null): DecisionRecord | null {
  if (!shown) return null;
  return decisions.find((d) => d.created === shown.created && d.author === shown.author && d.action === shown.action && d.reason === shown.reason && d.expires === shown.until && d.versions === shown.versions && d.advisory === shown.advisory) ?? null;
}
