/**
 * Which manifest groups pull each locked package in, for lock files that record the graph but
 * not the groups (uv.lock). Each group of the project is walked from its direct requirements
 * along the edges; an edge that asks for extras also follows the target's optional dependencies
 * for those extras, as an installer does. Markers are not evaluated: a package counts for a group
 * when some environment installs it.
 *
 * Every package and every edge is visited at most once per group and per extra, so the work is
 * linear in the size of the graph for each group.
 */

export interface GraphEdge {
  /** PEP 503 name. */
  readonly name: string;
  /** Set when the lock file pins the edge to one of several packages of that name. */
  readonly version: string | null;
  readonly extras: readonly string[];
}

export interface GraphPackage {
  readonly name: string;
  readonly version: string | null;
  readonly dependencies: readonly GraphEdge[];
  /** Edges of each extra (normalised name) of the package. */
  readonly optional: ReadonlyMap<string, readonly GraphEdge[]>;
}

export interface RootGroup {
  /** Named as in `LockedPackage.groups`. */
  readonly group: string;
  readonly edges: readonly GraphEdge[];
}

/** For each package (by index), the groups that reach it, in the order the roots are given. */
export function groupsByReachability(packages: readonly GraphPackage[], roots: readonly RootGroup[]): string[][] {
  const targets = edgeResolver(packages);
  const groups: string[][] = packages.map(() => []);
  for (const root of roots) {
    for (const index of reachable(packages, root.edges, targets)) {
      const list = groups[index]!;
      if (list[list.length - 1] !== root.group && !list.includes(root.group)) list.push(root.group);
    }
  }
  return groups;
}

function reachable(packages: readonly GraphPackage[], start: readonly GraphEdge[], targets: (edge: GraphEdge) => readonly number[]): number[] {
  const seenBase = new Uint8Array(packages.length);
  const seenExtras = new Set<string>();
  const found: number[] = [];
  const queue: GraphEdge[] = [...start];
  for (let head = 0; head < queue.length; head++) {
    const edge = queue[head]!;
    for (const index of targets(edge)) {
      const pkg = packages[index]!;
      if (!seenBase[index]) {
        seenBase[index] = 1;
        found.push(index);
        for (const next of pkg.dependencies) queue.push(next);
      }
      for (const extra of edge.extras) {
        const key = `${index}\u0000${extra}`;
        if (seenExtras.has(key)) continue;
        seenExtras.add(key);
        for (const next of pkg.optional.get(extra) ?? []) queue.push(next);
      }
    }
  }
  return found;
}

/** Resolves an edge to the packages it names: by name, narrowed by version when the edge has one. */
function edgeResolver(packages: readonly GraphPackage[]): (edge: GraphEdge) => readonly number[] {
  const byName = new Map<string, number[]>();
  for (const [index, pkg] of packages.entries()) {
    const list = byName.get(pkg.name);
    if (list) list.push(index);
    else byName.set(pkg.name, [index]);
  }
  return (edge) => {
    const candidates = byName.get(edge.name) ?? [];
    if (candidates.length < 2 || edge.version == null) return candidates;
    const exact = candidates.filter((index) => packages[index]!.version === edge.version);
    return exact.length > 0 ? exact : candidates;
  };
}
