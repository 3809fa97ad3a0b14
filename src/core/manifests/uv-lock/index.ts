/**
 * uv.lock (uv's universal lock file, format `version = 1`): every package with its exact version,
 * source, edges and hashes, the project's own requirements as roots, and for every package the
 * project groups that reach it.
 */
import type { LockData, LockEdge, LockedPackage, ParsedFile, Problem } from '../../model/dependency';
import { basename } from '../../paths';
import { arrayAt, entryAt, literalRange, parseToml, tableAt, tablesOf, textAt, textsOf, type TomlDocument, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { markerCanonicalizer, MAIN_GROUP, packageRecord, problemAt, syntaxProblem, unsupportedVersionProblem } from '../lock-common';
import { groupsByReachability, type GraphEdge, type RootGroup } from '../lock-groups';
import { readUvPackage, type UvPackage } from './package';

export const uvLockFormat: ManifestFormat = {
  kind: 'uv-lock',
  matches: (path) => basename(path) === 'uv.lock',
  parse: (text, path) => parseUvLock(text, path),
};

const EMPTY_LOCK: LockData = { packages: [], roots: [], requiresPython: null };

export function parseUvLock(text: string, file: string): ParsedFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { ...emptyParsedFile(file, 'uv-lock'), lock: EMPTY_LOCK, problems: [syntaxProblem(file, parsed.error)] };
  const doc = parsed.document;
  const problems: Problem[] = [];
  checkVersion(doc, file, problems);

  const canonical = markerCanonicalizer();
  const members = new Set(textsOf(arrayAt(doc.root, 'manifest', 'members')).map(normalizeName));
  const raw: UvPackage[] = [];
  for (const table of tablesOf(arrayAt(doc.root, 'package'))) {
    const pkg = readUvPackage(doc, table, canonical);
    if (pkg) raw.push(pkg);
    else problems.push(problemAt(file, literalRange(doc, { start: table.start, end: table.start + 11 }), 'A [[package]] without a name is skipped'));
  }

  const root = raw.find(isRootProject);
  const rootGroups = root ? rootGroupsOf(root) : virtualRootGroups(doc.root, raw, members);
  const groups = groupsByReachability(raw.map((p) => p.graph), rootGroups);
  const packages: LockedPackage[] = raw.map((p, i) => ({
    name: p.name,
    version: p.version,
    source: p.source,
    dependencies: p.edges,
    marker: p.marker,
    groups: groups[i]!,
    isProject: members.has(p.name) || isRootProject(p),
    line: p.line,
    nameRange: p.nameRange,
  }));
  const dependencies = packages.map((pkg, i) => packageRecord(pkg, { file, rawName: raw[i]!.rawName, hashes: raw[i]!.hashes, nameRange: pkg.nameRange }));
  const roots = root ? root.edges : manifestRootEdges(doc.root, members);
  return {
    ...emptyParsedFile(file, 'uv-lock'),
    dependencies,
    problems,
    lock: { packages, roots, requiresPython: textAt(doc.root, 'requires-python') ?? null },
  };
}

/** uv.lock has had one format, `version = 1` (later changes bump `revision`, which readers may ignore). */
function checkVersion(doc: TomlDocument, file: string, problems: Problem[]): void {
  const entry = entryAt(doc.root, 'version');
  if (!entry) {
    problems.push(problemAt(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'uv.lock has no version; this reader understands version 1'));
    return;
  }
  const value = entry.value;
  if (value.kind === 'integer' && value.value === 1) return;
  const found = value.kind === 'string' ? `"${value.value}"` : value.kind === 'table' || value.kind === 'array' ? 'of the wrong type' : String(value.value);
  const range = literalRange(doc, value.kind === 'table' ? { start: entry.keyStart, end: entry.keyEnd } : value);
  problems.push(unsupportedVersionProblem(file, found, 'version 1', range));
}

/** The project at the workspace root, written `editable = "."` or `virtual = "."` by uv. */
function isRootProject(pkg: UvPackage): boolean {
  return (pkg.source.type === 'path' || pkg.source.type === 'virtual') && (pkg.source.path === '.' || pkg.source.path === '');
}

function rootGroupsOf(pkg: UvPackage): RootGroup[] {
  const groups: RootGroup[] = [{ group: MAIN_GROUP, edges: [{ name: pkg.name, version: pkg.version, extras: [] }] }];
  // An extra's group starts from the extra's own edges, so that it names what the extra adds.
  for (const [extra, edges] of pkg.graph.optional) groups.push({ group: `extra:${extra}`, edges });
  for (const [group, edges] of pkg.devGroups) groups.push({ group: `group:${group}`, edges });
  return groups;
}

/**
 * A workspace whose root is not a project: its members are what `uv sync --all-packages`
 * installs, and the manifest records the root's own requirements and dependency groups.
 */
function virtualRootGroups(root: TomlTable, raw: readonly UvPackage[], members: ReadonlySet<string>): RootGroup[] {
  const main: GraphEdge[] = raw.filter((p) => members.has(p.name)).map((p) => ({ name: p.name, version: p.version, extras: [] }));
  for (const edge of requirementEdges(arrayAt(root, 'manifest', 'requirements'))) main.push(edge);
  const groups: RootGroup[] = [{ group: MAIN_GROUP, edges: main }];
  for (const [name, entry] of tableAt(root, 'manifest', 'dependency-groups')?.entries ?? []) {
    groups.push({ group: `group:${normalizeName(name)}`, edges: requirementEdges(entry.value.kind === 'array' ? entry.value : undefined) });
  }
  return groups;
}

function requirementEdges(array: Parameters<typeof tablesOf>[0]): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const item of tablesOf(array)) {
    const name = textAt(item, 'name');
    if (name !== undefined) edges.push({ name: normalizeName(name), version: null, extras: textsOf(arrayAt(item, 'extras')).map(normalizeName) });
  }
  return edges;
}

function manifestRootEdges(root: TomlTable, members: ReadonlySet<string>): LockEdge[] {
  const edges: LockEdge[] = [...members].map((name) => ({ name, version: null, extras: [], marker: null, group: null }));
  for (const edge of requirementEdges(arrayAt(root, 'manifest', 'requirements'))) edges.push({ name: edge.name, version: null, extras: edge.extras, marker: null, group: null });
  for (const [name, entry] of tableAt(root, 'manifest', 'dependency-groups')?.entries ?? []) {
    for (const edge of requirementEdges(entry.value.kind === 'array' ? entry.value : undefined)) {
      edges.push({ name: edge.name, version: null, extras: edge.extras, marker: null, group: `group:${normalizeName(name)}` });
    }
  }
  return edges;
}
