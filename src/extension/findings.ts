/**
 * From a snapshot to findings: what to show, on which text, how bad, and why. Pure, so every rule
 * here is tested without VS Code; diagnostics.ts only turns findings into Diagnostics.
 *
 *   - a direct dependency's own findings sit on its name and specifier in the manifest;
 *   - a package it pulls in is shown on that same line ("introduced through fastapi → starlette"),
 *     because that line is what the user edits; the lock file entry is the related place;
 *   - in a lock file every package's findings sit on its own entry too;
 *   - a requirement whose marker is false for the target is shown as inactive, never flagged;
 *   - "unknown" (a source did not answer) is shown whatever the noise settings say.
 */
import type { Project } from '../core/graph/projects';
import { isLockFile } from '../core/graph/projects';
import { markerHolds, pinnedVersion } from '../core/graph/build';
import { nodeId, reachability, type Reach } from '../core/graph/graph';
import type { Dependency, LockedPackage } from '../core/model/dependency';
import type { SourceRange } from '../core/model/range';
import type { Assessment, Signal, SignalKind } from '../core/model/risk';
import { compareLevels } from '../core/risk/levels';
import { normalizeName } from '../core/versions';
import type { Snapshot } from './snapshot';
import { targetLabel, targetOf, type FindingLevel, type Settings } from './settings';

export type FindingCode = SignalKind | 'inactive';

export interface RelatedPlace {
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
}

/** What a finding is about, so that code actions know what to act on. */
export interface FindingSubject {
  readonly projectId: string;
  readonly name: string;
  readonly version: string | null;
  /** The introduced-through path (direct dependency first) when the finding is about a package the line pulls in. */
  readonly through: readonly string[] | null;
  readonly advisoryId: string | null;
  /** Where the finding sits: a manifest record or a lock file entry. */
  readonly place: 'record' | 'lock';
}

export interface Finding {
  readonly file: string;
  readonly range: SourceRange;
  readonly level: FindingLevel;
  readonly code: FindingCode;
  readonly message: string;
  /** The advisory on osv.dev, or the project on PyPI. */
  readonly href: string | null;
  readonly related: readonly RelatedPlace[];
  readonly subject: FindingSubject;
  readonly accepted: boolean;
}

interface Context {
  readonly settings: Settings;
  readonly label: string;
  readonly ignoredPackages: ReadonlySet<string>;
  readonly ignoredAdvisories: ReadonlySet<string>;
  readonly add: (finding: Finding) => void;
}

export function findingsFor(snapshot: Pick<Snapshot, 'projects' | 'assessments'>, settings: Settings): Finding[] {
  const found = new Map<string, Finding>();
  const context: Context = {
    settings,
    label: targetLabel(settings),
    ignoredPackages: new Set(settings.ignore.packages.map((p) => normalizeName(p.package))),
    ignoredAdvisories: new Set(settings.ignore.advisories.map((a) => a.id.toUpperCase())),
    // The same record can belong to two projects (a file both roots include `-r`): show it once.
    add: (finding) => found.set(`${finding.file}\u0000${rangeKey(finding.range)}\u0000${finding.code}\u0000${finding.message}`, finding),
  };
  for (const project of snapshot.projects) {
    if (project.graph.origin === 'manifest') recordFindings(project, snapshot.assessments, context);
    else lockedProjectFindings(project, snapshot.assessments, context);
  }
  return [...found.values()];
}

/** The text a finding underlines: the name through the specifier when both are on one line. */
export function recordRange(record: Dependency): SourceRange {
  const { nameRange, specifierRange } = record;
  const sameLine = specifierRange.end.line === nameRange.start.line && specifierRange.end.character > nameRange.end.character;
  return sameLine ? { start: nameRange.start, end: specifierRange.end } : nameRange;
}

/** A manifest without a lock file: every pinned record is a package with a line of its own. */
function recordFindings(project: Project, assessments: ReadonlyMap<string, Assessment>, context: Context): void {
  const target = targetOf(context.settings);
  const reach = reachability(project.graph);
  for (const file of project.files) {
    if (isLockFile(file)) continue;
    for (const record of file.dependencies) {
      if (record.constraint || record.name === '' || !groupShown(record.group ?? 'main', context)) continue;
      if (!markerHolds(record.marker, target)) {
        context.add(inactiveFinding(project, record, context));
        continue;
      }
      const version = record.version ?? pinnedVersion(record.specifier);
      if (version == null) continue;
      const id = nodeId(record.name, version);
      const depth = reach.get(id)?.depth ?? 0;
      if (context.settings.diagnostics.directOnly && depth > 0) continue;
      const assessment = assessments.get(id);
      if (!assessment) continue;
      const subject: FindingSubject = { projectId: project.id, name: record.name, version, through: null, advisoryId: null, place: 'record' };
      ownFindings(assessment, record.file, recordRange(record), subject, context);
    }
  }
}

/** A project with a lock file: direct records, what each pulls in, and every lock entry. */
function lockedProjectFindings(project: Project, assessments: ReadonlyMap<string, Assessment>, context: Context): void {
  const reach = reachability(project.graph);
  const pulled = pulledIn(project, reach);
  let shared: RollUpShared | undefined;
  for (const direct of project.graph.direct) {
    const record = direct.record;
    if (!record || !groupShown(record.group ?? 'main', context)) continue;
    if (!direct.active) {
      context.add(inactiveFinding(project, record, context));
      continue;
    }
    if (direct.node == null) continue;
    const assessment = assessments.get(direct.node);
    if (assessment) {
      const subject: FindingSubject = { projectId: project.id, name: record.name, version: assessment.version, through: null, advisoryId: null, place: 'record' };
      ownFindings(assessment, record.file, recordRange(record), subject, context);
    }
    if (!context.settings.diagnostics.directOnly) rollUp(project, record, pulled.get(record.name) ?? [], reach, assessments, context, (shared ??= rollUpShared(project, context)));
  }
  lockEntryFindings(project, reach, assessments, context);
}

/** For each direct dependency, the packages below it that have no line of their own in the manifest. */
function pulledIn(project: Project, reach: ReadonlyMap<string, Reach>): Map<string, string[]> {
  const recorded = new Set<string>();
  for (const file of project.files) if (!isLockFile(file)) for (const d of file.dependencies) if (!d.constraint) recorded.add(d.name);
  const out = new Map<string, string[]>();
  for (const [id, r] of reach) {
    const node = project.graph.nodes.get(id);
    if (!node || r.depth === 0 || recorded.has(node.name)) continue;
    for (const name of r.through) {
      const ids = out.get(name);
      if (ids) ids.push(id);
      else out.set(name, [id]);
    }
  }
  return out;
}

function lockEntryFindings(project: Project, reach: ReadonlyMap<string, Reach>, assessments: ReadonlyMap<string, Assessment>, context: Context): void {
  const lock = project.lock;
  for (const entry of lock?.lock?.packages ?? []) {
    if (!lock || entry.isProject || entry.version == null || entry.source.type !== 'registry') continue;
    const id = nodeId(entry.name, entry.version);
    const r = reach.get(id);
    const subject: FindingSubject = { projectId: project.id, name: entry.name, version: entry.version, through: null, advisoryId: null, place: 'lock' };
    if (!r) {
      context.add({ file: lock.path, range: entry.nameRange, level: 'info', code: 'inactive', message: `${entry.name} ${entry.version} is not installed for ${context.label}: no active requirement reaches it.`, href: null, related: [], subject, accepted: false });
      continue;
    }
    if (context.settings.diagnostics.directOnly && r.depth > 0) continue;
    if (!r.groups.some((group) => groupShown(group, context))) continue;
    const assessment = assessments.get(id);
    const through = r.depth > 0 ? (r.paths[0] ?? null) : null;
    if (assessment) ownFindings(assessment, lock.path, entry.nameRange, { ...subject, through }, context);
  }
}

/** A package's own findings at one place: one per signal, and one for what is unknown. */
function ownFindings(assessment: Assessment, file: string, range: SourceRange, subject: FindingSubject, context: Context): void {
  if (context.ignoredPackages.has(assessment.name)) return;
  if (assessment.level === 'unknown') {
    context.add({ file, range, level: 'unknown', code: 'unknown-risk', message: unknownMessage(assessment), href: null, related: [], subject, accepted: false });
  }
  for (const signal of visibleSignals(assessment, context.settings.diagnostics.minimumLevel, context)) {
    const level = levelOf(signal);
    context.add({
      file,
      range,
      level,
      code: signal.kind,
      message: `${assessment.name} ${assessment.version}: ${reasonOf(assessment, signal)}${acceptedNote(assessment, signal)}`,
      href: hrefFor(assessment, signal),
      related: [],
      subject: { ...subject, advisoryId: signal.advisoryId ?? null },
      accepted: signal.accepted === true,
    });
  }
}

/**
 * Packages a direct dependency pulls in, on its line: one finding per risky package. Facts below
 * `low` about a package the user does not name (no provenance, no security policy) are left to
 * the hover and the tree, or every line would carry dozens.
 */
function rollUp(project: Project, record: Dependency, ids: readonly string[], reach: ReadonlyMap<string, Reach>, assessments: ReadonlyMap<string, Assessment>, context: Context, shared: RollUpShared): void {
  const unknown: Assessment[] = [];
  const start = project.graph.direct.find((d) => d.record === record)?.node ?? null;
  for (const id of ids) {
    const assessment = assessments.get(id);
    if (!assessment || context.ignoredPackages.has(assessment.name)) continue;
    if (assessment.level === 'unknown') unknown.push(assessment);
    const summary = shared.summary(assessment);
    if (!summary) continue;
    const path = reach.get(id)?.paths.find((p) => p[0] === record.name) ?? (start ? shared.paths(start, id) : null) ?? [record.name, assessment.name];
    const entry = shared.entry(id);
    context.add({
      file: record.file,
      range: recordRange(record),
      level: levelOf(summary.worst),
      code: summary.worst.kind,
      message: `${record.rawName} pulls in ${assessment.name} ${assessment.version} (${path.join(' → ')}): ${summary.phrases}`,
      href: hrefFor(assessment, summary.worst),
      related: project.lock && entry ? [{ file: project.lock.path, range: entry.nameRange, message: `introduced through ${path.join(' → ')}` }] : [],
      subject: { projectId: project.id, name: assessment.name, version: assessment.version, through: path, advisoryId: summary.worst.advisoryId ?? null, place: 'record' },
      accepted: false,
    });
  }
  if (unknown.length > 0) context.add(unknownRollUp(project, record, unknown));
}

/** What every direct line of a project shares while rolling up: one per package, not one per line. */
interface RollUpShared {
  readonly paths: PathFinder;
  summary(assessment: Assessment): { readonly worst: Signal; readonly phrases: string } | null;
  entry(id: string): LockedPackage | undefined;
}

function rollUpShared(project: Project, context: Context): RollUpShared {
  const floor = compareLevels(context.settings.diagnostics.minimumLevel, 'low') < 0 ? context.settings.diagnostics.minimumLevel : 'low';
  const summaries = new Map<Assessment, { worst: Signal; phrases: string } | null>();
  let entries: Map<string, LockedPackage> | undefined;
  return {
    paths: pathFinder(project),
    summary(assessment) {
      if (summaries.has(assessment)) return summaries.get(assessment)!;
      const signals = visibleSignals(assessment, floor, context);
      const worst = [...signals].sort((a, b) => compareLevels(levelOf(a), levelOf(b)))[0];
      const summary = worst ? { worst, phrases: signals.map((s) => phrase(assessment, s)).join('; ') } : null;
      summaries.set(assessment, summary);
      return summary;
    },
    entry(id) {
      entries ??= new Map((project.lock?.lock?.packages ?? []).map((p) => [nodeId(p.name, p.version), p]));
      return entries.get(id);
    },
  };
}

/** Finds the shortest path of names from a direct dependency's node to another node, through active edges. */
export type PathFinder = (start: string, target: string) => string[] | null;

/**
 * One breadth-first walk per starting node, over integer indexes, kept for every package it pulls
 * in: Airflow's 271 direct entries start from 141 nodes, and each has its risky packages to name.
 */
export function pathFinder(project: Project): PathFinder {
  const ids = [...project.graph.nodes.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const adjacency = ids.map((id) => project.graph.nodes.get(id)!.children.filter((e) => e.active && index.has(e.to)).map((e) => index.get(e.to)!));
  const walks = new Map<number, Int32Array>();
  const walk = (start: number): Int32Array => {
    const previous = new Int32Array(ids.length).fill(-2);
    previous[start] = -1;
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const next of adjacency[queue[i]!]!) {
        if (previous[next] !== -2) continue;
        previous[next] = queue[i]!;
        queue.push(next);
      }
    }
    walks.set(start, previous);
    return previous;
  };
  return (startId, targetId) => {
    const start = index.get(startId);
    const target = index.get(targetId);
    if (start === undefined || target === undefined) return null;
    const previous = walks.get(start) ?? walk(start);
    if (previous[target] === -2) return null;
    const names: string[] = [];
    for (let at = target; at >= 0; at = previous[at]!) names.unshift(project.graph.nodes.get(ids[at]!)!.name);
    return names;
  };
}

function unknownRollUp(project: Project, record: Dependency, unknown: readonly Assessment[]): Finding {
  const names = unknown.map((a) => `${a.name} ${a.version}`);
  const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
  const first = unknown[0]!.unknown[0];
  return {
    file: record.file,
    range: recordRange(record),
    level: 'unknown',
    code: 'unknown-risk',
    message: `${record.rawName} pulls in ${unknown.length === 1 ? 'a package' : `${unknown.length} packages`} whose risk is unknown (${shown})${first ? `: ${cause(first)}` : ''}. Unknown is not safe.`,
    href: null,
    related: [],
    subject: { projectId: project.id, name: record.name, version: null, through: null, advisoryId: null, place: 'record' },
    accepted: false,
  };
}

function inactiveFinding(project: Project, record: Dependency, context: Context): Finding {
  const marker = record.marker ? `: its marker \`${record.marker}\` is false there` : '';
  return {
    file: record.file,
    range: recordRange(record),
    level: 'info',
    code: 'inactive',
    message: `${record.rawName} is inactive for ${context.label}${marker}. It is not assessed for this target.`,
    href: null,
    related: [],
    subject: { projectId: project.id, name: record.name, version: null, through: null, advisoryId: null, place: 'record' },
    accepted: false,
  };
}

/** Signals at or above `floor`, without ignored advisories; what is unknown is said apart. */
function visibleSignals(assessment: Assessment, floor: FindingLevel, context: Context): Signal[] {
  return assessment.signals.filter((signal) => {
    if (signal.kind === 'unknown-risk') return false;
    if (signal.advisoryId != null && ignoredAdvisory(assessment, signal.advisoryId, context)) return false;
    return signal.level !== 'none' && compareLevels(levelOf(signal), floor) <= 0;
  });
}

function ignoredAdvisory(assessment: Assessment, id: string, context: Context): boolean {
  const advisory = assessment.advisories.find((a) => a.id === id);
  return [id, ...(advisory?.aliases ?? [])].some((alias) => context.ignoredAdvisories.has(alias.toUpperCase()));
}

/** An accepted finding counts as info (docs/risk-model.md, "Decisions"). */
function levelOf(signal: Signal): FindingLevel {
  const level = signal.accepted ? 'info' : signal.level;
  return level === 'none' ? 'info' : level;
}

/**
 * The signal's reason, with an advisory's summary cut to a line: the hover card and the advisory
 * page have it in full, and a hover starts with the diagnostics above the card.
 */
function reasonOf(assessment: Assessment, signal: Signal): string {
  const advisory = signal.advisoryId != null ? assessment.advisories.find((a) => a.id === signal.advisoryId) : undefined;
  if (!advisory) return signal.reason;
  const summary = advisory.summary.replace(/[.\s]+$/, '') || 'no summary given';
  const points = Array.from(summary);
  if (points.length <= MAX_SUMMARY) return signal.reason;
  return signal.reason.replace(`${summary}.`, `${points.slice(0, MAX_SUMMARY - 1).join('').trimEnd()}…`);
}

const MAX_SUMMARY = 140;

function acceptedNote(assessment: Assessment, signal: Signal): string {
  const decision = assessment.decision;
  if (!signal.accepted || !decision) return '';
  const until = decision.until ? ` until ${decision.until}` : '';
  return ` Accepted by ${decision.author || 'the team'}${until}: ${decision.reason}`;
}

function unknownMessage(assessment: Assessment): string {
  const causes = assessment.unknown.map(cause);
  return `The risk of ${assessment.name} ${assessment.version} is unknown: ${causes.join('; ') || 'no source answered'}. Unknown is not safe.`;
}

/** "osv did not answer (HTTP 503)", without saying twice that it did not answer. */
function cause(failure: Assessment['unknown'][number]): string {
  return failure.detail.startsWith(`${failure.source} did not answer`) ? failure.detail : `${failure.source} did not answer (${failure.detail})`;
}

/** A short phrase for a finding named on another package's line. */
function phrase(assessment: Assessment, signal: Signal): string {
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

function groupShown(group: string, context: Context): boolean {
  const { includeGroups, excludeGroups } = context.settings.diagnostics;
  if (excludeGroups.includes(group)) return false;
  return includeGroups.length === 0 || includeGroups.includes(group);
}

function rangeKey(range: SourceRange): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
