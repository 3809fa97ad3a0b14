/**
 * Graphs from what the readers found: a lock file (with the manifest beside it, for the ranges of
 * direct dependencies), or a manifest alone (pinned versions; pip-compile `# via` comments give
 * the edges of a compiled requirements file).
 */
import type { Dependency, LockedPackage, ParsedFile } from '../model/dependency';
import { basename } from '../paths';
import { evaluateMarker, markerExtras, type TargetEnvironment } from '../pep508/markers';
import { parseMarker } from '../pep508/requirement';
import { nodeId, type DependencyGraph, type DirectDependency, type GraphEdge, type GraphNode } from './graph';

/**
 * Whether a marker holds for the target. Extras and groups named in the marker count as requested:
 * a lock file records every extra's edges, and whether an extra is wanted is the manifest's
 * business, not the marker's. A marker that does not parse counts as holding, so nothing is hidden.
 */
export function markerHolds(marker: string | null, target: TargetEnvironment, cache?: Map<string, boolean>): boolean {
  if (marker == null || marker.trim() === '') return true;
  const known = cache?.get(marker);
  if (known !== undefined) return known;
  const parsed = parseMarker(marker);
  const holds = !parsed.ok || evaluateMarker(parsed.value, { ...target, extras: markerExtras(parsed.value), dependencyGroups: groupsNamedIn(marker) });
  cache?.set(marker, holds);
  return holds;
}

function groupsNamedIn(marker: string): string[] {
  return [...marker.matchAll(/['"]([^'"]+)['"]\s+in\s+dependency_groups/g)].map((m) => m[1]!);
}

/** The exact version a specifier pins (`==1.2`, `===x`), or null for ranges and wildcards. */
export function pinnedVersion(specifier: string): string | null {
  const parts = specifier.split(',').filter(Boolean);
  for (const part of parts) {
    const arbitrary = /^===(.+)$/.exec(part);
    if (arbitrary) return arbitrary[1]!;
    const exact = /^==([^*]+)$/.exec(part);
    if (exact) return exact[1]!;
  }
  return null;
}

/** Direct requirements of a manifest: what the user asked for, not constraints or build requirements. */
export function directRecords(manifest: ParsedFile): Dependency[] {
  return manifest.dependencies.filter((d) => !d.constraint && d.group !== 'build-system' && d.group !== 'uv:override' && d.name !== '');
}

interface LockNodes {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly byName: ReadonlyMap<string, readonly LockedPackage[]>;
  readonly hasEdges: boolean;
  readonly holds: (marker: string | null) => boolean;
}

/**
 * The lock's packages as nodes for a target. They depend on the lock and the target only, so a
 * read of the lock that is kept (while the manifest beside it is edited) keeps its nodes too, and
 * with them the reachability computed over them (graph.ts).
 */
const lockNodesOf = new WeakMap<ParsedFile, { readonly target: TargetEnvironment; readonly value: LockNodes }>();

function lockNodes(lock: ParsedFile, target: TargetEnvironment): LockNodes {
  const known = lockNodesOf.get(lock);
  if (known && sameTarget(known.target, target)) return known.value;
  const packages = lock.lock?.packages ?? [];
  const byName = new Map<string, LockedPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const markers = new Map<string, boolean>();
  const holds = (m: string | null) => markerHolds(m, target, markers);
  const nodes = new Map<string, GraphNode>();
  let hasEdges = false;
  for (const p of packages) {
    const children: GraphEdge[] = [];
    for (const e of p.dependencies) {
      const candidates = byName.get(e.name) ?? [];
      const targets = e.version ? candidates.filter((c) => c.version === e.version) : candidates;
      for (const t of targets) {
        hasEdges = true;
        children.push({ to: nodeId(t.name, t.version), marker: e.marker, extras: e.extras, group: e.group, active: holds(e.marker) && holds(t.marker) });
      }
    }
    nodes.set(nodeId(p.name, p.version), { id: nodeId(p.name, p.version), name: p.name, version: p.version, source: p.source, children, isProject: p.isProject });
  }
  const value = { nodes, byName, hasEdges, holds };
  lockNodesOf.set(lock, { target, value });
  return value;
}

function sameTarget(a: TargetEnvironment, b: TargetEnvironment): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function lockGraph(lock: ParsedFile, manifest: ParsedFile | null, target: TargetEnvironment): DependencyGraph {
  const packages = lock.lock?.packages ?? [];
  const { nodes, byName, hasEdges, holds } = lockNodes(lock, target);

  const direct: DirectDependency[] = [];
  const seen = new Set<string>();
  const addDirect = (name: string, group: string | null, marker: string | null, record: Dependency | null) => {
    const key = `${name}\u0000${group ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const versions = byName.get(name) ?? [];
    const pick = versions.find((v) => holds(v.marker)) ?? versions[0];
    direct.push({ name, node: pick ? nodeId(pick.name, pick.version) : null, group, record, active: holds(marker) });
  };
  // Direct dependencies are what the manifest asks for; without it, what the lock records as the
  // project's own requirements. Other workspace members stay nodes: their dependencies are reached
  // through them, so a path reads "apache-airflow-core → starlette", as it is installed.
  if (manifest) for (const r of directRecords(manifest)) addDirect(r.name, r.group, r.marker, r);
  else for (const root of lock.lock?.roots ?? []) addDirect(root.name, root.group, root.marker, null);
  if (!manifest && direct.length === 0) {
    for (const p of packages.filter((x) => x.isProject)) {
      for (const e of p.dependencies) addDirect(e.name, e.group, e.marker, null);
    }
  }
  if (direct.length === 0) {
    // No manifest and no recorded roots (a Pipfile.lock, a pylock.toml alone): the packages nothing
    // else needs are the direct ones; without any edges, every package is.
    const needed = new Set<string>();
    for (const n of nodes.values()) for (const e of n.children) needed.add(e.to);
    for (const p of packages) {
      if (!hasEdges || !needed.has(nodeId(p.name, p.version))) addDirect(p.name, p.groups[0] ?? null, p.marker, null);
    }
  }
  return { origin: 'lock', label: `locked in ${basename(lock.path)}`, nodes, direct };
}

/** A manifest without a lock file: pinned records become nodes; `# via` comments become edges. */
export function manifestGraph(files: readonly ParsedFile[], target: TargetEnvironment): DependencyGraph {
  const records = files.flatMap((f) => f.dependencies).filter((d) => !d.constraint && d.name !== '');
  const nodes = new Map<string, GraphNode>();
  const idByName = new Map<string, string>();
  for (const r of records) {
    const version = r.version ?? pinnedVersion(r.specifier);
    const id = nodeId(r.name, version);
    if (!idByName.has(r.name)) idByName.set(r.name, id);
    if (!nodes.has(id)) nodes.set(id, { id, name: r.name, version, source: r.source, children: [], isProject: false });
  }
  const children = new Map<string, GraphEdge[]>();
  const hasParent = new Set<string>();
  const askedByInput = new Set<string>();
  for (const r of records) {
    if (r.via.some((v) => v.startsWith('-r '))) askedByInput.add(r.name);
    for (const parent of r.via) {
      const from = idByName.get(parent);
      const to = idByName.get(r.name);
      if (!from || !to || from === to) continue;
      hasParent.add(r.name);
      children.set(from, [...(children.get(from) ?? []), { to, marker: r.marker, extras: r.extras, group: null, active: markerHolds(r.marker, target) }]);
    }
  }
  for (const [id, list] of children) nodes.set(id, { ...nodes.get(id)!, children: list });
  const direct: DirectDependency[] = records
    .filter((r) => askedByInput.has(r.name) || !hasParent.has(r.name))
    .map((r) => ({ name: r.name, node: idByName.get(r.name) ?? null, group: r.group, record: r, active: markerHolds(r.marker, target) }));
  return { origin: 'manifest', label: 'as written (no lock file)', nodes, direct };
}
