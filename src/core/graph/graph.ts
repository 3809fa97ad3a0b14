/**
 * The dependency graph of one project: its direct dependencies, every package they pull in at an
 * exact version, and the edges between them, each marked active or not for the target
 * environment. A graph comes from a lock file, from index metadata (resolved), or from the
 * manifest alone; all three have this shape so the tree, diagnostics, scan and backend treat them
 * alike.
 */
import type { Dependency, PackageSource } from '../model/dependency';

export interface GraphEdge {
  /** Id of the node the edge points to. */
  readonly to: string;
  readonly marker: string | null;
  readonly extras: readonly string[];
  /** The extra or group of the parent that the edge belongs to (`extra:x`, `group:dev`), else null. */
  readonly group: string | null;
  /** Whether the edge's marker holds for the target environment. */
  readonly active: boolean;
}

export interface GraphNode {
  /** `name@version`, or the name alone when the version is not known. */
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
  readonly source: PackageSource | null;
  readonly children: readonly GraphEdge[];
  /** The project itself (a workspace member), not a dependency. */
  readonly isProject: boolean;
}

export interface DirectDependency {
  readonly name: string;
  /** The node it resolves to, or null when the graph has no version for it. */
  readonly node: string | null;
  readonly group: string | null;
  /** The record as written in the manifest, when there is one (it carries the ranges to squiggle). */
  readonly record: Dependency | null;
  readonly active: boolean;
}

export type GraphOrigin = 'lock' | 'resolved' | 'manifest';

export interface DependencyGraph {
  readonly origin: GraphOrigin;
  /** For people: "locked in uv.lock", "resolved for CPython 3.13 on linux", "as written". */
  readonly label: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly direct: readonly DirectDependency[];
}

export function nodeId(name: string, version: string | null): string {
  return version === null ? name : `${name}@${version}`;
}

export interface Reach {
  /** Shortest distance from a direct dependency: 0 for direct ones. */
  readonly depth: number;
  /** Up to a few shortest paths of names, each from a direct dependency to the node itself. */
  readonly paths: readonly (readonly string[])[];
  /** Direct dependencies (names) that pull the node in, through active edges. */
  readonly through: readonly string[];
  /** Groups of the direct dependencies that pull it in. */
  readonly groups: readonly string[];
}

const MAX_PATHS = 3;

/**
 * For every node reachable from an active direct dependency through active edges: its depth, a
 * few shortest introduced-through paths, the direct dependencies that pull it in, and their
 * groups. Breadth-first, so paths are shortest; each node keeps at most MAX_PATHS of them.
 */
export function reachability(graph: DependencyGraph): ReadonlyMap<string, Reach> {
  const paths = new Map<string, string[][]>();
  const depth = new Map<string, number>();
  const through = new Map<string, Set<string>>();
  const groups = new Map<string, Set<string>>();
  let frontier: string[] = [];

  for (const d of graph.direct) {
    if (!d.active || d.node === null || !graph.nodes.has(d.node)) continue;
    addTo(through, d.node, d.name);
    addTo(groups, d.node, d.group ?? 'main');
    if (!depth.has(d.node)) {
      depth.set(d.node, 0);
      paths.set(d.node, [[graph.nodes.get(d.node)!.name]]);
      frontier.push(d.node);
    }
  }

  // Reaching the direct dependencies that pull a node in needs a full propagation, not only the
  // shortest paths, so a second pass below walks every active edge until nothing changes.
  for (let level = 1; frontier.length > 0; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = graph.nodes.get(id)!;
      for (const edge of node.children) {
        if (!edge.active || !graph.nodes.has(edge.to)) continue;
        const child = graph.nodes.get(edge.to)!;
        const known = depth.get(edge.to);
        if (known === undefined) {
          depth.set(edge.to, level);
          next.push(edge.to);
        }
        if (known === undefined || known === level) {
          const list = paths.get(edge.to) ?? [];
          for (const p of paths.get(id) ?? []) {
            if (list.length >= MAX_PATHS) break;
            if (!p.includes(child.name)) list.push([...p, child.name]);
          }
          paths.set(edge.to, list);
        }
      }
    }
    frontier = next;
  }

  propagate(graph, through);
  propagate(graph, groups);
  const out = new Map<string, Reach>();
  for (const [id, d] of depth) {
    out.set(id, { depth: d, paths: paths.get(id) ?? [], through: [...(through.get(id) ?? [])].sort(), groups: [...(groups.get(id) ?? [])].sort() });
  }
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/** Pushes each node's labels to its children along active edges until a fixed point (cycles are fine). */
function propagate(graph: DependencyGraph, labels: Map<string, Set<string>>): void {
  const queue = [...labels.keys()];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const mine = labels.get(id)!;
    for (const edge of graph.nodes.get(id)?.children ?? []) {
      if (!edge.active || !graph.nodes.has(edge.to)) continue;
      const theirs = labels.get(edge.to) ?? new Set<string>();
      const before = theirs.size;
      for (const label of mine) theirs.add(label);
      labels.set(edge.to, theirs);
      if (theirs.size !== before) queue.push(edge.to);
    }
  }
}
