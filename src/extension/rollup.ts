/**
 * Packages a direct dependency pulls in, shown on its line: "fastapi pulls in idna 3.6 (fastapi →
 * starlette → anyio → idna): …", with the lock file entry as the related place, because the
 * direct line is what the user edits. Airflow has 271 direct entries over 995 locked packages, and
 * this runs on every edit: what every line shares (paths, summaries, lock entries) is made once.
 */
import { isLockFile, type Project } from '../core/graph/projects';
import { nodeId, type GraphNode, type Reach } from '../core/graph/graph';
import type { Dependency, LockedPackage } from '../core/model/dependency';
import type { Assessment, Signal } from '../core/model/risk';
import { compareLevels } from '../core/risk/levels';
import { cause, hrefFor, levelOf, phrase, recordRange, visibleSignals } from './finding-text';
import type { Finding, FindingContext } from './findings';

/**
 * For each direct dependency, the packages below it that have no line of their own in the manifest
 * and that `shown` keeps (those with something to say): Airflow's nodes are pulled in through
 * 127,000 direct entries in all, and only the few risky ones need walking per line.
 */
export function pulledIn(project: Project, reach: ReadonlyMap<string, Reach>, shown: (id: string) => boolean): Map<string, string[]> {
  const recorded = new Set<string>();
  for (const file of project.files) if (!isLockFile(file)) for (const d of file.dependencies) if (!d.constraint) recorded.add(d.name);
  const out = new Map<string, string[]>();
  for (const [id, r] of reach) {
    const node = project.graph.nodes.get(id);
    if (!node || r.depth === 0 || recorded.has(node.name) || !shown(id)) continue;
    for (const name of r.through) {
      const ids = out.get(name);
      if (ids) ids.push(id);
      else out.set(name, [id]);
    }
  }
  return out;
}

/**
 * Packages a direct dependency pulls in, on its line: one finding per risky package. Facts below
 * `low` about a package the user does not name (no provenance, no security policy) are left to
 * the hover and the tree, or every line would carry dozens.
 */
export function rollUp(project: Project, record: Dependency, start: string | null, ids: readonly string[], reach: ReadonlyMap<string, Reach>, assessments: ReadonlyMap<string, Assessment>, context: FindingContext, shared: RollUpShared): void {
  const unknown: Assessment[] = [];
  for (const id of ids) {
    const assessment = assessments.get(id);
    if (!assessment || !shared.shown(assessment)) continue;
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
export interface RollUpShared {
  readonly paths: PathFinder;
  summary(assessment: Assessment): { readonly worst: Signal; readonly phrases: string } | null;
  /** Whether a package has anything to say on the lines that pull it in: unknown, or a visible signal. */
  shown(assessment: Assessment): boolean;
  entry(id: string): LockedPackage | undefined;
}

export function rollUpShared(project: Project, context: FindingContext): RollUpShared {
  const floor = compareLevels(context.settings.diagnostics.minimumLevel, 'low') < 0 ? context.settings.diagnostics.minimumLevel : 'low';
  const summaries = new Map<Assessment, { worst: Signal; phrases: string } | null>();
  let entries: Map<string, LockedPackage> | undefined;
  const summary = (assessment: Assessment) => {
    if (summaries.has(assessment)) return summaries.get(assessment)!;
    const signals = visibleSignals(assessment, floor, context.ignoredAdvisories);
    const worst = [...signals].sort((a, b) => compareLevels(levelOf(a), levelOf(b)))[0];
    const found = worst ? { worst, phrases: signals.map((s) => phrase(assessment, s)).join('; ') } : null;
    summaries.set(assessment, found);
    return found;
  };
  return {
    paths: pathFinder(project.graph.nodes),
    summary,
    shown: (assessment) => !context.ignoredPackages.has(assessment.name) && (assessment.level === 'unknown' || summary(assessment) != null),
    entry(id) {
      entries ??= new Map((project.lock?.lock?.packages ?? []).map((p) => [nodeId(p.name, p.version), p]));
      return entries.get(id);
    },
  };
}

/** Finds the shortest path of names from a direct dependency's node to another node, through active edges. */
export type PathFinder = (start: string, target: string) => readonly string[] | null;

/**
 * One breadth-first walk per starting node, over integer indexes, kept for every package it pulls
 * in: Airflow's 271 direct entries start from 141 nodes, and each has its risky packages to name.
 * Walks and paths depend on the nodes alone, which a kept lock file keeps across edits, so they are
 * kept with them.
 */
export function pathFinder(nodes: ReadonlyMap<string, GraphNode>): PathFinder {
  const known = pathFinders.get(nodes);
  if (known) return known;
  const ids = [...nodes.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const adjacency = ids.map((id) => nodes.get(id)!.children.filter((e) => e.active && index.has(e.to)).map((e) => index.get(e.to)!));
  const walks = new Map<number, Int32Array>();
  const found = new Map<string, readonly string[] | null>();
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
  const pathBetween = (start: number, target: number): string[] | null => {
    const previous = walks.get(start) ?? walk(start);
    if (previous[target] === -2) return null;
    const names: string[] = [];
    for (let at = target; at >= 0; at = previous[at]!) names.push(nodes.get(ids[at]!)!.name);
    return names.reverse();
  };
  const finder: PathFinder = (startId, targetId) => {
    const start = index.get(startId);
    const target = index.get(targetId);
    if (start === undefined || target === undefined) return null;
    const key = `${startId}\u0000${targetId}`;
    let path = found.get(key);
    if (path === undefined) found.set(key, (path = pathBetween(start, target)));
    return path;
  };
  pathFinders.set(nodes, finder);
  return finder;
}

const pathFinders = new WeakMap<ReadonlyMap<string, GraphNode>, PathFinder>();

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
