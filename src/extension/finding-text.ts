/**
 * The words and links of findings, shared by the finding rules (findings.ts, rollup.ts): levels as
 * shown (an accepted finding counts as info), which signals are shown, messages, and the links
 * Beachcomber builds itself. Pure.
 */
import type { Dependency } from '../core/model/dependency';
import type { SourceRange } from '../core/model/range';
import type { Assessment, Signal } from '../core/model/risk';
import { compareLevels } from '../core/risk/levels';
import type { FindingLevel } from './settings';

/** An accepted finding counts as info (docs/risk-model.md, "Decisions"). */
export function levelOf(signal: Signal): FindingLevel {
  const level = signal.accepted ? 'info' : signal.level;
  return level === 'none' ? 'info' : level;
}

/** Signals at or above `floor`, without ignored advisories; what is unknown is said apart. */
export function visibleSignals(assessment: Assessment, floor: FindingLevel, ignoredAdvisories: ReadonlySet<string>): Signal[] {
  return assessment.signals.filter((signal) => {
    if (signal.kind === 'unknown-risk') return false;
    if (signal.advisoryId != null && ignoredAdvisory(assessment, signal.advisoryId, ignoredAdvisories)) return false;
    return signal.level !== 'none' && compareLevels(levelOf(signal), floor) <= 0;
  });
}

function ignoredAdvisory(assessment: Assessment, id: string, ignoredAdvisories: ReadonlySet<string>): boolean {
  const advisory = assessment.advisories.find((a) => a.id === id);
  return [id, ...(advisory?.aliases ?? [])].some((alias) => ignoredAdvisories.has(alias.toUpperCase()));
}

/**
 * The signal's reason, with an advisory's summary cut to a line: the hover card and the advisory
 * page have it in full, and a hover starts with the diagnostics above the card.
 */
export function reasonOf(assessment: Assessment, signal: Signal): string {
  const advisory = signal.advisoryId != null ? assessment.advisories.find((a) => a.id === signal.advisoryId) : undefined;
  if (!advisory) return signal.reason;
  const summary = advisory.summary.replace(/[.\s]+$/, '') || 'no summary given';
  const points = Array.from(summary);
  if (points.length <= MAX_SUMMARY) return signal.reason;
  return signal.reason.replace(`${summary}.`, `${points.slice(0, MAX_SUMMARY - 1).join('').trimEnd()}…`);
}

const MAX_SUMMARY = 140;

export function acceptedNote(assessment: Assessment, signal: Signal): string {
  const decision = assessment.decision;
  if (!signal.accepted || !decision) return '';
  const until = decision.until ? ` until ${decision.until}` : '';
  return ` Accepted by ${decision.author || 'the team'}${until}: ${decision.reason}`;
}

export function unknownMessage(assessment: Assessment): string {
  const causes = assessment.unknown.map(cause);
  return `The risk of ${assessment.name} ${assessment.version} is unknown: ${causes.join('; ') || 'no source answered'}. Unknown is not safe.`;
}

/** "osv did not answer (HTTP 503)", without saying twice that it did not answer. */
export function cause(failure: Assessment['unknown'][number]): string {
  return failure.detail.startsWith(`${failure.source} did not answer`) ? failure.detail : `${failure.source} did not answer (${failure.detail})`;
}

/** A short phrase for a finding named on another package's line. */
export function phrase(assessment: Assessment, signal: Signal): string {
  const level = levelOf(signal);
  if (signal.kind !== 'vulnerable' && signal.kind !== 'malicious') return `${signal.kind} (${level})`;
  const advisory = assessment.advisories.find((a) => a.id === signal.advisoryId);
  if (!advisory) return `${signal.kind} (${level})`;
  const alias = advisory.aliases.find((a) => a.startsWith('CVE-'));
  const fix = signal.kind === 'malicious' ? 'malicious' : advisory.fixedAbove ? `fixed in ${advisory.fixedAbove}` : 'no fix';
  return `${advisory.id}${alias ? ` (${alias})` : ''}, ${level}, ${fix}`;
}

/** Links we build ourselves: osv.dev for an advisory, PyPI for anything else. Untrusted text never becomes a link. */
export function hrefFor(assessment: Assessment, signal: Signal): string | null {
  if (signal.advisoryId != null) return osvLink(signal.advisoryId);
  return pypiLink(assessment.name);
}

export function osvLink(id: string): string | null {
  return /^[A-Za-z0-9._:-]+$/.test(id) ? `https://osv.dev/vulnerability/${id}` : null;
}

export function pypiLink(name: string): string {
  return `https://pypi.org/project/${encodeURIComponent(name)}/`;
}

/** The text a finding underlines: the name through the specifier when both are on one line. */
export function recordRange(record: Dependency): SourceRange {
  const { nameRange, specifierRange } = record;
  const sameLine = specifierRange.end.line === nameRange.start.line && specifierRange.end.character > nameRange.end.character;
  return sameLine ? { start: nameRange.start, end: specifierRange.end } : nameRange;
}
