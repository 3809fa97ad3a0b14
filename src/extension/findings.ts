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
import { isLockFile, type Project } from '../core/graph/projects';
import { markerHolds, pinnedVersion } from '../core/graph/build';
import { nodeId, reachability, type Reach } from '../core/graph/graph';
import type { Dependency } from '../core/model/dependency';
import type { SourceRange } from '../core/model/range';
import type { Assessment, SignalKind } from '../core/model/risk';
import { normalizeName } from '../core/versions';
import { acceptedNote, hrefFor, levelOf, reasonOf, recordRange, unknownMessage, visibleSignals } from './finding-text';
import { pulledIn, rollUp, rollUpShared } from './rollup';
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

/** What the rules share while one snapshot is turned into findings. */
export interface FindingContext {
  readonly settings: Settings;
  readonly label: string;
  readonly ignoredPackages: ReadonlySet<string>;
  readonly ignoredAdvisories: ReadonlySet<string>;
  readonly add: (finding: Finding) => void;
}

export function findingsFor(snapshot: Pick<Snapshot, 'projects' | 'assessments'>, settings: Settings): Finding[] {
  const found = new Map<string, Finding>();
  const context: FindingContext = {
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

/** A manifest without a lock file: every pinned record is a package with a line of its own. */
function recordFindings(project: Project, assessments: ReadonlyMap<string, Assessment>, context: FindingContext): void {
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
function lockedProjectFindings(project: Project, assessments: ReadonlyMap<string, Assessment>, context: FindingContext): void {
  const reach = reachability(project.graph);
  const shared = context.settings.diagnostics.directOnly ? null : rollUpShared(project, context);
  const pulled = shared ? pulledIn(project, reach, (id) => { const a = assessments.get(id); return a !== undefined && shared.shown(a); }) : new Map<string, string[]>();
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
    if (shared) rollUp(project, record, direct.node, pulled.get(record.name) ?? [], reach, assessments, context, shared);
  }
  lockEntryFindings(project, reach, assessments, context);
}

function lockEntryFindings(project: Project, reach: ReadonlyMap<string, Reach>, assessments: ReadonlyMap<string, Assessment>, context: FindingContext): void {
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
function ownFindings(assessment: Assessment, file: string, range: SourceRange, subject: FindingSubject, context: FindingContext): void {
  if (context.ignoredPackages.has(assessment.name)) return;
  if (assessment.level === 'unknown') {
    context.add({ file, range, level: 'unknown', code: 'unknown-risk', message: unknownMessage(assessment), href: null, related: [], subject, accepted: false });
  }
  for (const signal of visibleSignals(assessment, context.settings.diagnostics.minimumLevel, context.ignoredAdvisories)) {
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

function inactiveFinding(project: Project, record: Dependency, context: FindingContext): Finding {
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

function groupShown(group: string, context: FindingContext): boolean {
  const { includeGroups, excludeGroups } = context.settings.diagnostics;
  if (excludeGroups.includes(group)) return false;
  return includeGroups.length === 0 || includeGroups.includes(group);
}

function rangeKey(range: SourceRange): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
