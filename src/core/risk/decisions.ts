/**
 * How a team's decisions change what is shown. A decision applies to a package (PEP 503 name),
 * optionally to versions matching a PEP 440 specifier and to one advisory, until its `until` day
 * has passed (inclusive, UTC, as beachcomber.toml documents it). An `accept` that applies marks
 * the findings it covers as accepted: they stay visible, with who decided and why, but count as
 * `info` towards the level. Nothing accepts away a malicious package or a source that did not
 * answer. Other actions (fix / fork / forgo) are recorded and lead the candidate actions.
 */
import type { Decision, Signal, SignalKind } from '../model/risk';
import type { Advisory } from '../model/advisory';
import { isValidSpecifier, normalizeName, satisfies } from '../versions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Findings no decision can quiet. */
const NEVER_ACCEPTED: ReadonlySet<SignalKind> = new Set(['malicious', 'unknown-risk']);

const SIGNAL_KINDS: ReadonlySet<string> = new Set<SignalKind>([
  'malicious', 'vulnerable', 'yanked', 'archived', 'quarantined', 'deprecated', 'abandoned', 'unmaintained',
  'no-provenance', 'no-security-policy', 'dangerous-workflow', 'weak-scorecard', 'not-on-index', 'unknown-risk',
]);

/** The decisions in force for this package at this version and moment, in the order given. */
export function decisionsInForce(decisions: readonly Decision[], name: string, version: string, now: number): Decision[] {
  const wanted = normalizeName(name);
  return decisions.filter((decision) => normalizeName(decision.package) === wanted && coversVersion(decision, version) && !expired(decision, now));
}

function coversVersion(decision: Decision, version: string): boolean {
  if (decision.versions == null || decision.versions.trim() === '') return true;
  // A specifier that does not parse covers nothing: a typo must never quiet a finding.
  if (!isValidSpecifier(decision.versions)) return false;
  try {
    return satisfies(version, decision.versions, { prereleases: true });
  } catch (_error) {
    return false;
  }
}

/** `until` is a day: the decision holds through the end of it (UTC). Unparsable dates have expired. */
export function expired(decision: Decision, now: number): boolean {
  if (decision.until == null) return false;
  const start = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(decision.until) ? `${decision.until}T00:00:00Z` : decision.until);
  if (!Number.isFinite(start)) return true;
  const end = /^\d{4}-\d{2}-\d{2}$/.test(decision.until) ? start + DAY_MS : start;
  return now >= end;
}

/**
 * Marks the signals the `accept` decisions cover. A decision limited by `advisory` covers the
 * signal of that advisory (by id or alias); `advisory` may also name a signal kind, so that
 * `advisory = "abandoned"` marks an old package stable without accepting anything else.
 */
export function applyAccepts(signals: readonly Signal[], decisions: readonly Decision[], advisories: readonly Advisory[]): Signal[] {
  const accepts = decisions.filter((decision) => decision.action === 'accept');
  return signals.map((signal) => (!NEVER_ACCEPTED.has(signal.kind) && accepts.some((decision) => covers(decision, signal, advisories)) ? { ...signal, accepted: true } : signal));
}

function covers(decision: Decision, signal: Signal, advisories: readonly Advisory[]): boolean {
  const scope = decision.advisory?.trim();
  if (scope == null || scope === '') return true;
  if (SIGNAL_KINDS.has(scope)) return signal.kind === scope;
  if (signal.advisoryId == null) return false;
  // Ids compare case-insensitively, as src/core/decisions/applicable.ts compares them.
  const advisory = advisories.find((a) => a.id === signal.advisoryId);
  const ids = [signal.advisoryId, ...(advisory?.aliases ?? [])].map((id) => id.toUpperCase());
  return ids.includes(scope.toUpperCase());
}
