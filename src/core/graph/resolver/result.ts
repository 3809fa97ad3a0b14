/**
 * The pins of a finished resolution as a DependencyGraph with exactly the shape a lock file gives:
 * one node per package at its version, edges from each node to what it asks for (the extras'
 * requirements with their group, `extra:<name>`), direct dependencies that carry their manifest
 * records. Edges whose marker is false for the target are kept, inactive, when their package is in
 * the graph anyway, as a lock graph keeps them. Pins nothing reaches any more (left over from
 * backtracking) are dropped.
 */
import type { Dependency, PackageSource } from '../../model/dependency';
import { nodeId, type DependencyGraph, type DirectDependency, type GraphEdge, type GraphNode } from '../graph';
import type { Provider } from './provider';
import type { Candidate } from './requirements';

export interface RootEntry {
  readonly record: Dependency;
  /** The record's marker holds for the target. */
  readonly active: boolean;
}

export interface GraphInput {
  readonly pins: ReadonlyMap<string, Candidate>;
  readonly roots: readonly RootEntry[];
  readonly provider: Provider;
  readonly label: string;
  readonly source: PackageSource;
}

export function resolvedGraph(input: GraphInput): DependencyGraph {
  const versions = new Map<string, string | null>();
  const extras = new Map<string, Set<string>>();
  for (const pin of input.pins.values()) {
    if (pin.extras.length === 0) versions.set(pin.name, pin.version);
    else extras.set(pin.name, new Set([...(extras.get(pin.name) ?? []), ...pin.extras]));
  }
  const direct: DirectDependency[] = input.roots.map(({ record, active }) => ({
    name: record.name,
    node: versions.has(record.name) ? nodeId(record.name, versions.get(record.name)!) : null,
    group: record.group,
    record,
    active,
  }));
  const all = new Map<string, GraphNode>();
  for (const [name, version] of versions) {
    const id = nodeId(name, version);
    all.set(id, { id, name, version, source: input.source, children: edgesOf(name, version, [...(extras.get(name) ?? [])].sort(), versions, input.provider), isProject: false });
  }
  const kept = reachableFrom(direct, all);
  const nodes = new Map<string, GraphNode>();
  for (const [id, node] of all) {
    if (kept.has(id)) nodes.set(id, { ...node, children: node.children.filter((e) => kept.has(e.to)) });
  }
  const pointed = direct.map((d) => (d.node != null && !kept.has(d.node) ? { ...d, node: null } : d));
  return { origin: 'resolved', label: input.label, nodes, direct: pointed };
}

/** A node's edges: base requirements, those its requested extras add, and inactive ones to packages in the graph. */
function edgesOf(name: string, version: string | null, requested: readonly string[], versions: ReadonlyMap<string, string | null>, provider: Provider): GraphEdge[] {
  const release = version == null ? undefined : provider.releaseRequirements(name, version);
  if (!release) return [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const requirement of release.all) {
    if (requirement.name === name || !versions.has(requirement.name)) continue;
    let group: string | null = null;
    let active = provider.holds(requirement.marker, []);
    if (!active) {
      const named = provider.extrasNamedIn(requirement.marker);
      // A requirement of an extra nobody asked for is not part of this resolution at all.
      const extra = requested.find((e) => named.includes(e) && provider.holds(requirement.marker, [e]));
      if (named.length > 0 && extra === undefined) continue;
      if (extra !== undefined) [group, active] = [`extra:${extra}`, true];
    }
    const to = nodeId(requirement.name, versions.get(requirement.name)!);
    const key = `${to}\u0000${group ?? ''}\u0000${active}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ to, marker: requirement.marker, extras: requirement.extras, group, active });
  }
  return edges;
}

function reachableFrom(direct: readonly DirectDependency[], nodes: ReadonlyMap<string, GraphNode>): Set<string> {
  const reached = new Set<string>();
  const stack = direct.filter((d) => d.active && d.node != null && nodes.has(d.node)).map((d) => d.node!);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const edge of nodes.get(id)?.children ?? []) if (edge.active && nodes.has(edge.to)) stack.push(edge.to);
  }
  return reached;
}
