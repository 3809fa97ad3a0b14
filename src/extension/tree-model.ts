/**
 * The Dependencies tree as plain data: projects (manifests) → direct dependencies → the packages
 * each pulls in, from the project's graph; or, grouped by risk, levels → packages. Children are
 * made only when a node is expanded (Airflow's lock holds 995 packages), and a package already on
 * the path is not expanded again, so cycles end.
 */
import { isLockFile, type Project } from '../core/graph/projects';
import { reachability } from '../core/graph/graph';
import { RISK_LEVELS, type RiskLevel } from '../core/model/advisory';
import type { Dependency } from '../core/model/dependency';
import type { Assessment } from '../core/model/risk';
import { basename, relativePath } from '../core/paths';
import { compareLevels } from '../core/risk/levels';
import type { PackageTarget } from './command-ids';
import type { Snapshot } from './snapshot';

export type TreeGrouping = 'manifest' | 'risk';

export interface TreeOptions {
  readonly grouping: TreeGrouping;
  readonly riskyOnly: boolean;
  /** Workspace folders as core paths; projects are shown under their folder when there are several. */
  readonly folders: readonly { readonly name: string; readonly path: string }[];
}

export type TreeNode = FolderNode | ProjectNode | PackageNode | LevelNode;

export interface FolderNode {
  readonly kind: 'folder';
  readonly id: string;
  readonly name: string;
  readonly path: string;
}

export interface ProjectNode {
  readonly kind: 'project';
  readonly id: string;
  readonly project: Project;
  readonly label: string;
  readonly parent: FolderNode | null;
}

export interface PackageNode {
  readonly kind: 'package';
  readonly id: string;
  readonly project: Project;
  readonly name: string;
  readonly version: string | null;
  /** Graph node id, or null when the graph has no version for it. */
  readonly node: string | null;
  /** Names from the direct dependency down to this package. */
  readonly path: readonly string[];
  readonly record: Dependency | null;
  readonly active: boolean;
  readonly assessment: Assessment | null;
  /** False when the package already appears higher on its own path (a cycle). */
  readonly expandable: boolean;
  readonly parent: ProjectNode | PackageNode | LevelNode;
}

export interface LevelNode {
  readonly kind: 'level';
  readonly id: string;
  readonly level: RiskLevel;
  readonly count: number;
}

/** At or above `low`, or unknown: what the tree counts and the risky-only filter keeps. */
export function isRisky(level: RiskLevel | undefined): boolean {
  return level != null && (level === 'unknown' || compareLevels(level, 'low') <= 0);
}

export function treeRoots(snapshot: Snapshot, options: TreeOptions): TreeNode[] {
  if (options.grouping === 'risk') return levelNodes(snapshot, options);
  if (options.folders.length > 1) {
    return options.folders
      .map((folder): FolderNode => ({ kind: 'folder', id: `folder:${folder.path}`, name: folder.name, path: folder.path }))
      .filter((folder) => projectNodes(snapshot, options, folder).length > 0);
  }
  return projectNodes(snapshot, options, null);
}

export function treeChildren(snapshot: Snapshot, options: TreeOptions, parent: TreeNode): TreeNode[] {
  if (parent.kind === 'folder') return projectNodes(snapshot, options, parent);
  if (parent.kind === 'project') return directNodes(snapshot, options, parent);
  if (parent.kind === 'level') return levelPackages(snapshot, options, parent);
  return parent.expandable ? childNodes(snapshot, options, parent) : [];
}

function projectNodes(snapshot: Snapshot, options: TreeOptions, folder: FolderNode | null): ProjectNode[] {
  const base = folder?.path ?? options.folders[0]?.path ?? null;
  return snapshot.projects
    .filter((project) => folder == null || project.id.startsWith(`${folder.path}/`))
    .map((project): ProjectNode => ({ kind: 'project', id: `project:${project.id}`, project, label: base ? relativePath(base, project.id) : basename(project.id), parent: folder }))
    .filter((node) => !options.riskyOnly || riskyBeneath(snapshot, node.project, null) > 0)
    .sort((a, b) => a.label.localeCompare(b.label));
}

function directNodes(snapshot: Snapshot, options: TreeOptions, parent: ProjectNode): PackageNode[] {
  const project = parent.project;
  const seen = new Set<string>();
  const out: PackageNode[] = [];
  for (const direct of project.graph.direct) {
    const key = `${direct.name}\u0000${direct.node ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const node = direct.node ? project.graph.nodes.get(direct.node) : undefined;
    out.push(packageNode(snapshot, parent, project, direct.name, node?.version ?? null, direct.node, [direct.name], direct.record, direct.active));
  }
  return keep(snapshot, options, out).sort(byRiskThenName);
}

function childNodes(snapshot: Snapshot, options: TreeOptions, parent: PackageNode): PackageNode[] {
  const graphNode = parent.node ? parent.project.graph.nodes.get(parent.node) : undefined;
  if (!graphNode || !parent.active) return [];
  const out: PackageNode[] = [];
  const seen = new Set<string>();
  for (const edge of graphNode.children) {
    const child = parent.project.graph.nodes.get(edge.to);
    if (!edge.active || !child || seen.has(child.id)) continue;
    seen.add(child.id);
    out.push(packageNode(snapshot, parent, parent.project, child.name, child.version, child.id, [...parent.path, child.name], null, true));
  }
  return keep(snapshot, options, out).sort(byRiskThenName);
}

function packageNode(snapshot: Snapshot, parent: PackageNode['parent'], project: Project, name: string, version: string | null, node: string | null, path: readonly string[], record: Dependency | null, active: boolean): PackageNode {
  return {
    kind: 'package',
    id: `${parent.id}>${node ?? name}`,
    project,
    name,
    version,
    node,
    path,
    record,
    active,
    assessment: node ? (snapshot.assessments.get(node) ?? null) : null,
    expandable: !path.slice(0, -1).includes(name),
    parent,
  };
}

function keep(snapshot: Snapshot, options: TreeOptions, nodes: PackageNode[]): PackageNode[] {
  if (!options.riskyOnly) return nodes;
  return nodes.filter((n) => n.active && (isRisky(n.assessment?.level) || riskyBeneath(snapshot, n.project, n.node) > 0));
}

function byRiskThenName(a: PackageNode, b: PackageNode): number {
  const level = (n: PackageNode): RiskLevel => (n.active ? (n.assessment?.level ?? 'none') : 'none');
  return Number(b.active) - Number(a.active) || compareLevels(level(a), level(b)) || a.name.localeCompare(b.name);
}

/** Distinct risky packages below a node (its own risk not counted), or in the whole project for null. */
export function riskyBeneath(snapshot: Snapshot, project: Project, start: string | null): number {
  const cacheKey = `${project.id}\u0000${start ?? ''}`;
  const perSnapshot = counts.get(snapshot) ?? new Map<string, number>();
  counts.set(snapshot, perSnapshot);
  const known = perSnapshot.get(cacheKey);
  if (known !== undefined) return known;
  const reach = reachability(project.graph);
  const seen = new Set<string>(start ? [start] : []);
  const stack = start ? [start] : project.graph.direct.filter((d) => d.active && d.node).map((d) => d.node!);
  for (const id of stack) seen.add(id);
  let risky = start == null ? stack.filter((id) => isRisky(snapshot.assessments.get(id)?.level)).length : 0;
  while (stack.length > 0) {
    const node = project.graph.nodes.get(stack.pop()!);
    for (const edge of node?.children ?? []) {
      if (!edge.active || seen.has(edge.to) || !reach.has(edge.to)) continue;
      seen.add(edge.to);
      stack.push(edge.to);
      if (isRisky(snapshot.assessments.get(edge.to)?.level)) risky++;
    }
  }
  perSnapshot.set(cacheKey, risky);
  return risky;
}

const counts = new WeakMap<Snapshot, Map<string, number>>();

function levelNodes(snapshot: Snapshot, options: TreeOptions): LevelNode[] {
  const byLevel = packagesByLevel(snapshot);
  return RISK_LEVELS.filter((level) => (byLevel.get(level)?.length ?? 0) > 0 && (!options.riskyOnly || isRisky(level))).map((level) => ({ kind: 'level', id: `level:${level}`, level, count: byLevel.get(level)!.length }));
}

function levelPackages(snapshot: Snapshot, _options: TreeOptions, parent: LevelNode): PackageNode[] {
  return (packagesByLevel(snapshot).get(parent.level) ?? []).map((p) => ({ ...p, parent, id: `${parent.id}>${p.project.id}>${p.node}` }));
}

/** Every active versioned package of every project once (its first project), by level. */
function packagesByLevel(snapshot: Snapshot): Map<RiskLevel, PackageNode[]> {
  const out = new Map<RiskLevel, PackageNode[]>();
  const seen = new Set<string>();
  const root: LevelNode = { kind: 'level', id: 'level:all', level: 'none', count: 0 };
  for (const project of snapshot.projects) {
    const reach = reachability(project.graph);
    for (const [id, r] of reach) {
      const node = project.graph.nodes.get(id);
      if (!node || node.isProject || node.version == null || seen.has(id)) continue;
      seen.add(id);
      const assessment = snapshot.assessments.get(id) ?? null;
      const level = assessment?.level ?? 'unknown';
      const record = r.depth === 0 ? (project.graph.direct.find((d) => d.node === id)?.record ?? null) : null;
      const item: PackageNode = { kind: 'package', id, project, name: node.name, version: node.version, node: id, path: r.paths[0] ?? [node.name], record, active: true, assessment, expandable: false, parent: root };
      out.set(level, [...(out.get(level) ?? []), item]);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

/** The target of a package node, for Fix / Fork / Forgo and the other menu commands. */
export function nodeTarget(node: PackageNode): PackageTarget {
  const direct = node.path.length <= 1;
  const record = node.record ?? (direct ? (node.project.graph.direct.find((d) => d.name === node.name)?.record ?? null) : null);
  return {
    projectId: node.project.id,
    name: node.name,
    version: node.version,
    file: record?.file ?? lockPath(node.project),
    line: record ? record.nameRange.start.line : null,
    through: direct ? null : node.path,
    advisoryId: node.assessment?.advisories[0]?.id ?? null,
  };
}

function lockPath(project: Project): string | null {
  return project.lock ? project.lock.path : isLockFile(project.root) ? project.root.path : null;
}
