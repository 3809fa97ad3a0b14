/**
 * Signals about the package's health: what the index says (yanked, PEP 792 status, not found,
 * provenance) and what Scorecard says. Each rule is small and reads one fact; the levels come
 * from the policy.
 */
import type { ProjectInfo, ProjectStatus, Provenance, ReleaseInfo, Scorecard } from '../model/package-info';
import type { Signal } from '../model/risk';
import type { RiskPolicy } from './policy';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The facts the health rules read, each null when its source was not asked or did not answer. */
export interface HealthFacts {
  readonly name: string;
  readonly version: string;
  /** null: not asked or failed; 'missing': the index answered that it does not know the name. */
  readonly project: ProjectInfo | 'missing' | null;
  readonly release: ReleaseInfo | null;
  readonly provenance: Provenance | null;
  readonly status: ProjectStatus | null;
  readonly scorecard: Scorecard | null;
  /** Whether a known vulnerability affects the version in use (half of "abandoned"). */
  readonly vulnerable: boolean;
  readonly now: number;
}

export function healthSignals(facts: HealthFacts, policy: RiskPolicy): Signal[] {
  if (facts.project === 'missing') return [notOnIndex(facts, policy)];
  return [
    yanked(facts, policy),
    status(facts, policy),
    ...maintenance(facts, policy),
    provenance(facts, policy),
    ...scorecardChecks(facts, policy),
  ].filter((signal): signal is Signal => signal != null);
}

function notOnIndex(facts: HealthFacts, policy: RiskPolicy): Signal {
  return {
    kind: 'not-on-index',
    level: policy.levels['not-on-index'],
    reason: `The index does not know ${facts.name}: it may be a typo, or a package that was removed (often for malware); a squatter can register the name at any time.`,
    evidence: [`https://pypi.org/project/${facts.name}/`],
    source: 'pypi',
  };
}

/** PEP 592: the release (all its files) was yanked; the release answer wins over the project list. */
function yanked(facts: HealthFacts, policy: RiskPolicy): Signal | null {
  const fromProject = typeof facts.project === 'object' ? facts.project?.releases.find((r) => r.version === facts.version) : undefined;
  const release = facts.release ?? fromProject;
  if (!release?.yanked) return null;
  const why = release.yankedReason ? `: "${release.yankedReason}"` : ' (no reason given)';
  return {
    kind: 'yanked',
    level: policy.levels.yanked,
    reason: `${facts.version} was yanked by its maintainers${why}. pip installs it only when pinned exactly; move to another release.`,
    evidence: [`https://pypi.org/project/${facts.name}/${facts.version}/`],
    source: 'pypi',
  };
}

const STATUS_REASONS: Readonly<Record<Exclude<ProjectStatus, 'active'>, string>> = {
  archived: 'The project is archived on the index (PEP 792): its maintainers expect no further releases, security fixes included.',
  quarantined: 'The project is quarantined on the index (PEP 792): PyPI is holding it while malware reports are reviewed, and it cannot be installed.',
  deprecated: 'The project is deprecated on the index (PEP 792): its maintainers ask users to move away from it.',
};

function status(facts: HealthFacts, policy: RiskPolicy): Signal | null {
  if (facts.status == null || facts.status === 'active') return null;
  const reason = typeof facts.project === 'object' ? facts.project?.statusReason : null;
  return {
    kind: facts.status,
    level: policy.levels[facts.status],
    reason: reason ? `${STATUS_REASONS[facts.status]} Reason: "${reason}".` : STATUS_REASONS[facts.status],
    evidence: [`https://pypi.org/project/${facts.name}/`],
    source: 'pypi',
  };
}

/**
 * Abandoned needs two things: no release for a long time AND a reason to worry (an open
 * vulnerability, an archived project, or Scorecard Maintained = 0). A package that is merely old
 * is finished, not abandoned. Maintained = 0 on its own is the milder "unmaintained".
 */
function maintenance(facts: HealthFacts, policy: RiskPolicy): Signal[] {
  const lastRelease = newestUpload(facts.project);
  const idleDays = lastRelease == null ? null : Math.floor((facts.now - lastRelease.ms) / DAY_MS);
  const maintained = facts.scorecard?.checks.find((check) => check.name === 'Maintained');
  const maintainedZero = maintained?.score === 0;
  const worries = [
    facts.vulnerable ? 'a known vulnerability affects the version in use' : null,
    facts.status === 'archived' ? 'the project is archived' : null,
    maintainedZero ? 'Scorecard finds no commits or issue activity in 90 days' : null,
  ].filter((worry): worry is string => worry != null);
  if (idleDays != null && idleDays > policy.abandonedAfterDays && worries.length > 0) {
    return [{
      kind: 'abandoned',
      level: policy.levels.abandoned,
      reason: `No release for ${years(idleDays)} (the last on ${lastRelease!.date}), and ${worries.join(', and ')}: nobody is likely to fix what breaks.`,
      evidence: [`last release ${lastRelease!.date}`, ...worries],
      // The release dates, the half every abandoned finding shares, come from the index.
      source: 'pypi',
    }];
  }
  if (!maintainedZero) return [];
  return [{
    kind: 'unmaintained',
    level: policy.levels.unmaintained,
    reason: `Scorecard's Maintained check is 0 for ${facts.scorecard!.repository}: no commits or issue activity in the last 90 days.`,
    evidence: [maintained!.reason],
    source: 'scorecard',
  }];
}

function newestUpload(project: HealthFacts['project']): { ms: number; date: string } | null {
  if (project == null || project === 'missing') return null;
  let newest: number | null = null;
  for (const release of project.releases) {
    const ms = release.uploadTime == null ? NaN : Date.parse(release.uploadTime);
    if (Number.isFinite(ms) && (newest == null || ms > newest)) newest = ms;
  }
  return newest == null ? null : { ms: newest, date: new Date(newest).toISOString().slice(0, 10) };
}

function years(days: number): string {
  return days >= 365 ? `${(days / 365).toFixed(1)} years` : `${days} days`;
}

/** PEP 740: without Trusted Publishing nobody can verify which source built the files. */
function provenance(facts: HealthFacts, policy: RiskPolicy): Signal | null {
  if (facts.provenance == null || facts.provenance.trustedPublishing) return null;
  const { filesWithProvenance, files } = facts.provenance;
  return {
    kind: 'no-provenance',
    level: policy.levels['no-provenance'],
    reason: `${facts.version} was not published with Trusted Publishing (${filesWithProvenance} of ${files} files carry provenance): consider proposing Trusted Publishing upstream.`,
    evidence: [`https://pypi.org/project/${facts.name}/${facts.version}/#files`],
    source: 'pypi',
  };
}

/** Scorecard checks scored -1 are inconclusive and say nothing. */
function scorecardChecks(facts: HealthFacts, policy: RiskPolicy): Signal[] {
  const card = facts.scorecard;
  if (card == null) return [];
  const check = (name: string) => card.checks.find((c) => c.name === name && c.score >= 0);
  const signals: Signal[] = [];
  const securityPolicy = check('Security-Policy');
  if (securityPolicy?.score === 0) {
    signals.push({
      kind: 'no-security-policy',
      level: policy.levels['no-security-policy'],
      reason: `${card.repository} has no security policy: there is no documented way to report a vulnerability privately.`,
      evidence: [securityPolicy.reason],
      source: 'scorecard',
    });
  }
  const workflow = check('Dangerous-Workflow');
  if (workflow != null && workflow.score < 10) {
    signals.push({
      kind: 'dangerous-workflow',
      level: policy.levels['dangerous-workflow'],
      reason: `${card.repository} has a dangerous CI workflow (Scorecard Dangerous-Workflow ${workflow.score}/10): an outsider may be able to run code with the repository's credentials.`,
      evidence: [workflow.reason],
      source: 'scorecard',
    });
  }
  return signals;
}
