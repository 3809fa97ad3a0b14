/**
 * Which of a package's decisions applies to one version in use: the most specific one. A decision
 * about one advisory applies when that advisory (by id or alias) affects the version; one limited
 * to a version range when the version is in it (pre-releases included: a decision about "<2" is
 * about 2.0rc1 too); a package-wide one otherwise. Among equals, the latest update wins.
 */
import type { Decision } from '../../core/model/risk';
import { isValidSpecifier, isValidVersion, satisfies } from '../../core/versions';
import type { DecisionRecord } from '../../protocol/decisions';

function specificity(decision: DecisionRecord): number {
  return (decision.advisory ? 2 : 0) + (decision.versions ? 1 : 0);
}

function applies(decision: DecisionRecord, version: string, advisoryIds: ReadonlySet<string>): boolean {
  if (decision.advisory && !advisoryIds.has(decision.advisory)) return false;
  if (!decision.versions) return true;
  if (!isValidVersion(version) || !isValidSpecifier(decision.versions)) return false;
  return satisfies(version, decision.versions, { prereleases: true });
}

export function selectDecision(decisions: readonly DecisionRecord[], version: string, advisoryIds: ReadonlySet<string>): DecisionRecord | null {
  let best: DecisionRecord | null = null;
  for (const decision of decisions) {
    if (!applies(decision, version, advisoryIds)) continue;
    if (!best || specificity(decision) > specificity(best) || (specificity(decision) === specificity(best) && decision.updated > best.updated)) best = decision;
  }
  return best;
}

/** The core's view of a backend decision, as the risk model and the editor take it. */
export function toCoreDecision(record: DecisionRecord): Decision {
  return {
    package: record.package,
    action: record.action,
    reason: record.reason,
    author: record.author,
    until: record.expires,
    replacement: record.replacement,
    versions: record.versions,
    advisory: record.advisory,
    origin: 'backend',
    created: record.created,
  };
}
