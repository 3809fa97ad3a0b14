/**
 * One package at one version, assessed: its signals (each with level, reason, evidence and
 * source), the advisories behind them, the nearest safe version, the candidate actions and the
 * team's decision. The core has no clock, so `now` comes in; nothing here fetches.
 */
import type { OsvRecord, RiskLevel } from '../model/advisory';
import type { DepsDevInfo, ProjectInfo, ProjectStatus, Provenance, ReleaseInfo, Scorecard } from '../model/package-info';
import type { Action, Assessment, Decision, Health, Signal, SignalSource } from '../model/risk';
import type { Outcome } from '../ports';
import { advisoriesFor, advisorySignals } from './advisory-signals';
import { applyAccepts, decisionsInForce } from './decisions';
import { healthSignals } from './health-signals';
import { compareLevels, worstLevel } from './levels';
import { nearestSafe } from './nearest-safe';
import { DEFAULT_POLICY, type RiskPolicy } from './policy';

export interface AssessInput {
  readonly name: string;
  readonly version: string;
  /** The records that affect this version, or why they are unknown. */
  readonly advisories: Outcome<readonly OsvRecord[]>;
  readonly advisorySource: 'osv' | 'offline-db' | 'backend';
  /**
   * Every record known about the package, whatever the version, so that nearest-safe can skip a
   * release another advisory affects. Without it only the records above are checked.
   */
  readonly packageRecords?: readonly OsvRecord[];
  /** Absent: not asked. `ok` with null: the index answered that it does not know the name. */
  readonly project?: Outcome<ProjectInfo | null>;
  readonly release?: Outcome<ReleaseInfo>;
  readonly provenance?: Outcome<Provenance>;
  readonly depsDev?: Outcome<DepsDevInfo>;
  readonly scorecard?: Outcome<Scorecard>;
  /** The team's decisions (any package); those in force for this one are applied. */
  readonly decisions?: readonly Decision[];
  readonly policy?: RiskPolicy;
  /** Milliseconds since the epoch. */
  readonly now: number;
}

export function assess(input: AssessInput): Assessment {
  const policy = input.policy ?? DEFAULT_POLICY;
  const unknown = failures(input);
  const records = input.advisories.status === 'ok' ? input.advisories.value : [];
  const advisories = advisoriesFor(records, input.name, input.version);
  const facts = gather(input);
  const found = [
    ...advisorySignals(advisories, input.version, input.advisorySource, policy),
    ...healthSignals({ ...facts, name: input.name, version: input.version, vulnerable: advisories.some((a) => !a.malicious), now: input.now }, policy),
    ...unknown.map(unknownSignal),
  ];
  const decisions = decisionsInForce(input.decisions ?? [], input.name, input.version, input.now);
  const signals = applyAccepts(found, decisions, advisories);
  const releases = facts.project == null || facts.project === 'missing' ? [] : facts.project.releases;
  const safe = nearestSafe(input.name, input.version, releases, input.packageRecords ?? records);
  return {
    name: input.name,
    version: input.version,
    level: levelOf(signals, input.advisories.status !== 'ok'),
    signals,
    advisories,
    nearestSafe: safe,
    actions: actionsOf(signals, advisories, safe, decisions),
    health: healthOf(input, facts),
    decision: decisions[0] ?? null,
    unknown,
  };
}

/**
 * The worst signal, accepted ones counting as info. When the advisories are unknown the level is
 * `unknown`, unless something at least `low` is known anyway: never `none` or `info`, since
 * "no answer" must not read as "safe".
 */
function levelOf(signals: readonly Signal[], advisoriesUnknown: boolean): RiskLevel {
  const worst = worstLevel(signals.map((signal) => (signal.accepted ? 'info' : signal.level)));
  if (advisoriesUnknown && compareLevels(worst, 'low') > 0) return 'unknown';
  return worst;
}

/** Candidate actions from the findings not accepted; a decision's own action leads. */
function actionsOf(signals: readonly Signal[], advisories: ReturnType<typeof advisoriesFor>, safe: string | null, decisions: readonly Decision[]): Action[] {
  const open = new Set(signals.filter((signal) => !signal.accepted).map((signal) => signal.kind));
  const noFix = signals.some((s) => !s.accepted && s.kind === 'vulnerable' && advisories.find((a) => a.id === s.advisoryId)?.fixedAbove == null);
  const actions = new Set<Action>();
  for (const decision of decisions) if (decision.action !== 'accept') actions.add(decision.action);
  if (safe != null && (open.has('vulnerable') || open.has('malicious') || open.has('yanked'))) actions.add('fix');
  if (open.has('archived') || open.has('abandoned') || open.has('unmaintained') || noFix) actions.add('fork');
  if (open.has('malicious') || open.has('quarantined') || open.has('abandoned') || open.has('not-on-index') || noFix) actions.add('forgo');
  return [...actions];
}

interface Facts {
  readonly project: ProjectInfo | 'missing' | null;
  readonly release: ReleaseInfo | null;
  readonly provenance: Provenance | null;
  readonly depsDev: DepsDevInfo | null;
  readonly scorecard: Scorecard | null;
  readonly status: ProjectStatus | null;
}

function gather(input: AssessInput): Facts {
  const project = input.project?.status === 'ok' ? (input.project.value ?? 'missing') : null;
  const depsDev = okValue(input.depsDev);
  return {
    project,
    release: okValue(input.release),
    provenance: okValue(input.provenance),
    depsDev,
    scorecard: okValue(input.scorecard) ?? depsDev?.scorecard ?? null,
    status: statusOf(typeof project === 'object' ? (project?.status ?? null) : null, depsDev?.projectStatus ?? null),
  };
}

/** PyPI today emits only active, archived and quarantined; deps.dev may know a status PyPI does not show. */
function statusOf(index: ProjectStatus | null, depsDev: ProjectStatus | null): ProjectStatus | null {
  if (index != null && index !== 'active') return index;
  return depsDev ?? index;
}

function okValue<T>(outcome: Outcome<T> | undefined): T | null {
  return outcome?.status === 'ok' ? outcome.value : null;
}

/** Every source that was asked and did not answer. */
function failures(input: AssessInput): { source: SignalSource; detail: string }[] {
  const asked: [SignalSource, Outcome<unknown> | undefined][] = [
    [input.advisorySource, input.advisories],
    ['pypi', input.project],
    ['pypi', input.release],
    ['pypi', input.provenance],
    ['deps.dev', input.depsDev],
    ['scorecard', input.scorecard],
  ];
  return asked.flatMap(([source, outcome]) => (outcome != null && outcome.status !== 'ok' ? [{ source, detail: outcome.detail }] : []));
}

function unknownSignal(failure: { source: SignalSource; detail: string }): Signal {
  return { kind: 'unknown-risk', level: 'unknown', reason: `${failure.source} did not answer (${failure.detail}): this part of the picture is unknown, not safe.`, evidence: [failure.detail], source: failure.source };
}

function healthOf(input: AssessInput, facts: Facts): Health | null {
  const asked = [input.project, input.release, input.provenance, input.depsDev, input.scorecard].some((outcome) => outcome != null);
  if (!asked) return null;
  const project = facts.project === 'missing' ? null : facts.project;
  const inProject = project?.releases.find((release) => release.version === input.version);
  const latest = project?.latest ?? null;
  return {
    latest,
    latestUploadTime: project?.releases.find((release) => release.version === latest)?.uploadTime ?? null,
    versionUploadTime: facts.release?.uploadTime ?? inProject?.uploadTime ?? null,
    yanked: facts.release?.yanked ?? inProject?.yanked ?? null,
    yankedReason: facts.release?.yankedReason ?? inProject?.yankedReason ?? null,
    status: facts.status,
    provenance: facts.provenance,
    scorecard: facts.scorecard,
    depsDev: facts.depsDev,
    license: facts.release?.license ?? project?.license ?? facts.depsDev?.licenses[0] ?? null,
    repository: facts.depsDev?.sourceRepository ?? facts.scorecard?.repository ?? null,
    projectUrls: project?.projectUrls ?? facts.release?.projectUrls ?? {},
  };
}
