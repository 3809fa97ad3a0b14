/**
 * Signals from the advisories that affect the version in use: one per vulnerability (aliases
 * de-duplicated), malicious ones apart. The reason is a plain sentence a developer can act on.
 */
import type { Advisory, OsvRecord } from '../model/advisory';
import type { Signal, SignalSource } from '../model/risk';
import { dedupeAdvisories, toAdvisory } from '../advisories/advisory';
import { atLeast } from './levels';
import type { RiskPolicy } from './policy';

export function advisoriesFor(records: readonly OsvRecord[], name: string, version: string): Advisory[] {
  return dedupeAdvisories(records.filter((record) => !record.withdrawn).map((record) => toAdvisory(record, name, version)));
}

export function advisorySignals(advisories: readonly Advisory[], version: string, source: SignalSource, policy: RiskPolicy): Signal[] {
  return advisories.map((advisory) => (advisory.malicious ? maliciousSignal(advisory, source, policy) : vulnerableSignal(advisory, version, source, policy)));
}

function maliciousSignal(advisory: Advisory, source: SignalSource, policy: RiskPolicy): Signal {
  return {
    kind: 'malicious',
    level: policy.levels.malicious,
    reason: `${label(advisory)} reports this package as malicious: ${summaryOf(advisory)}. Remove it and check the machines that installed it.`,
    evidence: [advisory.url],
    source,
    advisoryId: advisory.id,
  };
}

function vulnerableSignal(advisory: Advisory, version: string, source: SignalSource, policy: RiskPolicy): Signal {
  const { severity } = advisory;
  const fix = advisory.fixedAbove == null ? ' No fixed version is known.' : ` Fixed in ${advisory.fixedAbove}.`;
  const rated = severity.score != null ? `CVSS ${severity.score}` : severity.type != null ? `rated ${severity.type}` : 'not rated, counted as medium';
  return {
    kind: 'vulnerable',
    level: advisory.fixedAbove == null ? atLeast(severity.level, policy.levels['vulnerable-no-fix']) : severity.level,
    reason: `${label(advisory)} affects ${version} (${rated}): ${summaryOf(advisory)}.${fix}`,
    evidence: [advisory.url, ...(severity.vector != null ? [severity.vector] : []), ...(advisory.fixed.length > 0 ? [`fixed in ${advisory.fixed.join(', ')}`] : [])],
    source,
    advisoryId: advisory.id,
  };
}

function summaryOf(advisory: Advisory): string {
  return advisory.summary.replace(/[.\s]+$/, '') || 'no summary given';
}

/** "GHSA-xxxx (CVE-2021-1, PYSEC-2021-9)": the id with the aliases people search for. */
function label(advisory: Advisory): string {
  return advisory.aliases.length > 0 ? `${advisory.id} (${advisory.aliases.join(', ')})` : advisory.id;
}
