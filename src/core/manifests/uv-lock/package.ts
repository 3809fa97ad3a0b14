/**
 * One `[[package]]` of a uv.lock: its source (uv's `source = { registry | git | url | path |
 * directory | editable | virtual = ... }`), its edges (`dependencies`, and per extra and per dev
 * group `[package.optional-dependencies]` / `[package.dev-dependencies]`) and its file hashes.
 */
import type { LockEdge, PackageSource } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { arrayAt, entryAt, stringRange, tableAt, tablesOf, textAt, textsOf, lineAt, type TomlDocument, type TomlString, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import type { GraphEdge, GraphPackage } from '../lock-groups';

export interface UvPackage {
  readonly name: string;
  readonly rawName: string;
  readonly version: string | null;
  readonly source: PackageSource;
  /** Base edges, then each extra's (group `extra:<x>`), then each dev group's (`group:<g>`). */
  readonly edges: readonly LockEdge[];
  readonly graph: GraphPackage;
  /** Dev-group edges by group name, followed only when the package is a root. */
  readonly devGroups: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly hashes: readonly string[];
  /** When uv forked the resolution, the environments in which this version is the one installed. */
  readonly marker: string | null;
  readonly line: number;
  readonly nameRange: SourceRange;
}

export type MarkerText = (text: string | undefined) => string | null;

/** Reads one package; undefined when it has no name to read. */
export function readUvPackage(doc: TomlDocument, table: TomlTable, canonical: MarkerText): UvPackage | undefined {
  const nameNode = entryAt(table, 'name')?.value;
  if (nameNode?.kind !== 'string') return undefined;
  const base = edgesOf(arrayAt(table, 'dependencies'), null, canonical);
  const optional = new Map<string, readonly GraphEdge[]>();
  const devGroups = new Map<string, readonly GraphEdge[]>();
  const edges: LockEdge[] = base.map((e) => e.lock);
  for (const [extra, entry] of tableAt(table, 'optional-dependencies')?.entries ?? []) {
    const list = edgesOf(entry.value.kind === 'array' ? entry.value : undefined, `extra:${normalizeName(extra)}`, canonical);
    optional.set(normalizeName(extra), list.map((e) => e.graph));
    for (const e of list) edges.push(e.lock);
  }
  for (const [group, entry] of tableAt(table, 'dev-dependencies')?.entries ?? []) {
    const list = edgesOf(entry.value.kind === 'array' ? entry.value : undefined, `group:${normalizeName(group)}`, canonical);
    devGroups.set(normalizeName(group), list.map((e) => e.graph));
    for (const e of list) edges.push(e.lock);
  }
  const name = normalizeName(nameNode.value);
  const version = textAt(table, 'version') ?? null;
  return {
    name,
    rawName: nameNode.value,
    version,
    source: sourceOf(tableAt(table, 'source')),
    edges,
    graph: { name, version, dependencies: base.map((e) => e.graph), optional },
    devGroups,
    hashes: hashesOf(table),
    marker: forkMarker(textsOf(arrayAt(table, 'resolution-markers')), canonical),
    line: lineAt(doc, nameNode.start),
    nameRange: stringRange(doc, nameNode as TomlString),
  };
}

interface Edge {
  readonly lock: LockEdge;
  readonly graph: GraphEdge;
}

function edgesOf(array: Parameters<typeof tablesOf>[0], group: string | null, canonical: MarkerText): Edge[] {
  const out: Edge[] = [];
  for (const item of tablesOf(array)) {
    const rawName = textAt(item, 'name');
    if (rawName === undefined) continue;
    const name = normalizeName(rawName);
    const extras = textsOf(arrayAt(item, 'extra')).map(normalizeName);
    // uv names the version (and source) only when the lock holds several packages of that name.
    const version = textAt(item, 'version') ?? null;
    out.push({
      lock: { name, version, extras, marker: canonical(textAt(item, 'marker')), group },
      graph: { name, version, extras },
    });
  }
  return out;
}

/** uv's source table names exactly one kind of place. */
export function sourceOf(table: TomlTable | undefined): PackageSource {
  const registry = textAt(table, 'registry');
  if (registry !== undefined) return { type: 'registry', url: registry };
  const git = textAt(table, 'git');
  if (git !== undefined) return gitSource(git);
  const url = textAt(table, 'url');
  if (url !== undefined) return { type: 'url', url };
  const editable = textAt(table, 'editable');
  if (editable !== undefined) return { type: 'path', path: editable, editable: true };
  const virtual = textAt(table, 'virtual');
  if (virtual !== undefined) return { type: 'virtual', path: virtual };
  const path = textAt(table, 'path') ?? textAt(table, 'directory');
  if (path !== undefined) return { type: 'path', path, editable: false };
  return { type: 'registry', url: null };
}

/** uv writes `https://host/repo.git?rev=main#<commit>`: the fragment is the locked commit. */
function gitSource(value: string): PackageSource {
  const hash = value.indexOf('#');
  const rev = hash === -1 ? null : value.slice(hash + 1);
  const withoutFragment = hash === -1 ? value : value.slice(0, hash);
  const query = withoutFragment.indexOf('?');
  return { type: 'git', url: query === -1 ? withoutFragment : withoutFragment.slice(0, query), rev };
}

function hashesOf(table: TomlTable): string[] {
  const hashes: string[] = [];
  const sdist = textAt(table, 'sdist', 'hash');
  if (sdist !== undefined) hashes.push(sdist);
  for (const wheel of tablesOf(arrayAt(table, 'wheels'))) {
    const hash = textAt(wheel, 'hash');
    if (hash !== undefined) hashes.push(hash);
  }
  return hashes;
}

/** `resolution-markers`: the forks that chose this version, any of which installs it. */
function forkMarker(markers: readonly string[], canonical: MarkerText): string | null {
  if (markers.length === 0) return null;
  return canonical(markers.length === 1 ? markers[0] : markers.map((m) => `(${m})`).join(' or '));
}
