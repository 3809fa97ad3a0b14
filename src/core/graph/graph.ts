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
  return version == null ? name : `${name}@${version}`;
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
  const known = computed.get(graph);
  if (known) return known;
  // A graph rebuilt over the same nodes with the same roots (a manifest edited beside its kept
  // lock file, its dependencies unchanged) reaches the same way: Airflow's walk is not repeated.
  const roots = rootsKey(graph);
  const sameNodes = computedOver.get(graph.nodes);
  const result = sameNodes?.roots === roots ? sameNodes.reach : computeReachability(graph);
  computed.set(graph, result);
  computedOver.set(graph.nodes, { roots, reach: result });
  return result;
}

/** Graphs are immutable values; the tree, diagnostics and analysis ask about the same one. */
const computed = new WeakMap<DependencyGraph, ReadonlyMap<string, Reach>>();
const computedOver = new WeakMap<ReadonlyMap<string, GraphNode>, { readonly roots: string; readonly reach: ReadonlyMap<string, Reach> }>();

/** What reachability reads of the direct dependencies, in order. */
function rootsKey(graph: DependencyGraph): string {
  return graph.direct.map((d) => `${d.name}\u0000${d.group ?? ''}\u0000${d.node ?? ''}\u0000${d.active ? 1 : 0}`).join('\n');
}

function computeReachability(graph: DependencyGraph): ReadonlyMap<string, Reach> {
  const roots = graph.direct.filter((d) => d.active && d.node != null && graph.nodes.has(d.node));
  const { depth, paths } = shortestPaths(graph, roots.map((d) => d.node!));
  const pulledBy = directEntriesReaching(graph, roots);
  const out = new Map<string, Reach>();
  for (const [id, d] of depth) {
    const entries = pulledBy.get(id);
    out.set(id, { depth: d, paths: paths.get(id) ?? [], through: entries?.through ?? [], groups: entries?.groups ?? [] });
  }
  return out;
}

/**
 * Which direct entries pull each node in needs every route, not only the shortest: one walk per
 * distinct starting node, over integer indexes, setting one bit per entry name and group on each
 * node reached (Airflow has 271 direct entries, 141 distinct starts and 4,652 edges, and this runs
 * on every edit of a manifest). Names and groups are numbered in sorted order, so reading the bits
 * back in order gives sorted lists.
 */
function directEntriesReaching(graph: DependencyGraph, roots: readonly DirectDependency[]): Map<string, { through: string[]; groups: string[] }> {
  const ids = [...graph.nodes.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const adjacency = ids.map((id) => graph.nodes.get(id)!.children.filter((e) => e.active && index.has(e.to)).map((e) => index.get(e.to)!));
  const names = new BitLabels(roots.map((d) => d.name), ids.length);
  const groups = new BitLabels(roots.map((d) => d.group ?? 'main'), ids.length);
  const marksByStart = new Map<number, { names: number[]; groups: number[] }>();
  for (const d of roots) {
    const start = index.get(d.node!)!;
    const marks = marksByStart.get(start) ?? { names: [], groups: [] };
    marks.names.push(names.bitOf(d.name));
    marks.groups.push(groups.bitOf(d.group ?? 'main'));
    marksByStart.set(start, marks);
  }
  const stamp = new Uint32Array(ids.length);
  let walk = 0;
  for (const [start, marks] of marksByStart) {
    walk++;
    stamp[start] = walk;
    const stack = [start];
    while (stack.length > 0) {
      const at = stack.pop()!;
      names.mark(at, marks.names);
      groups.mark(at, marks.groups);
      for (const next of adjacency[at]!) {
        if (stamp[next] === walk) continue;
        stamp[next] = walk;
        stack.push(next);
      }
    }
  }
  return new Map(ids.map((id, i) => [id, { through: names.read(i), groups: groups.read(i) }]));
}

/** A set of labels per row as bits; labels are numbered in sorted order. */
class BitLabels {
  private readonly labels: string[];
  private readonly bits: Map<string, number>;
  private readonly words: number;
  private readonly rows: Uint32Array;

  constructor(labels: readonly string[], rows: number) {
    this.labels = [...new Set(labels)].sort();
    this.bits = new Map(this.labels.map((label, i) => [label, i]));
    this.words = Math.max(1, Math.ceil(this.labels.length / 32));
    this.rows = new Uint32Array(rows * this.words);
  }

  bitOf(label: string): number {
    return this.bits.get(label)!;
  }

  mark(row: number, bits: readonly number[]): void {
    for (const bit of bits) this.rows[row * this.words + (bit >>> 5)]! |= 1 << (bit & 31);
  }

  read(row: number): string[] {
    const out: string[] = [];
    for (let w = 0; w < this.words; w++) {
      let word = this.rows[row * this.words + w]!;
      while (word !== 0) {
        const lowest = word & -word;
        out.push(this.labels[w * 32 + 31 - Math.clz32(lowest)]!);
        word ^= lowest;
      }
    }
    return out;
  }
}

/** Breadth-first from the direct dependencies: each node's depth and up to MAX_PATHS distinct shortest paths. */
function shortestPaths(graph: DependencyGraph, starts: readonly string[]): { depth: Map<string, number>; paths: Map<string, string[][]> } {
  const depth = new Map<string, number>();
  const paths = new Map<string, string[][]>();
  const seenPaths = new Map<string, Set<string>>();
  const addPath = (id: string, path: string[]): void => {
    const list = paths.get(id) ?? [];
    const seen = seenPaths.get(id) ?? new Set<string>();
    const key = path.join('\u0000');
    if (list.length >= MAX_PATHS || seen.has(key)) return;
    seen.add(key);
    list.push(path);
    paths.set(id, list);
    seenPaths.set(id, seen);
  };
  let frontier: string[] = [];
  for (const id of starts) {
    if (!depth.has(id)) {
      depth.set(id, 0);
      frontier.push(id);
    }
    addPath(id, [graph.nodes.get(id)!.name]);
  }
  for (let level = 1; frontier.length > 0; level++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.nodes.get(id)!.children) {
        const child = graph.nodes.get(edge.to);
        if (!edge.active || !child) continue;
        const known = depth.get(edge.to);
        if (known === undefined) {
          depth.set(edge.to, level);
          next.push(edge.to);
        } else if (known !== level) {
          continue;
        }
        for (const p of paths.get(id) ?? []) if (!p.includes(child.name)) addPath(edge.to, [...p, child.name]);
      }
    }
    frontier = next;
  }
  return { depth, paths };
}
