/**
 * One `[[package]]` of a poetry.lock. Poetry has written three shapes: 1.0 (no lock-version,
 * `category`, `marker`, hashes in `[metadata.hashes]`), 1.1 (`category`, `markers`, files in
 * `[metadata.files]`) and 2.x (`groups`, `markers` as text or per group, `files` on the package).
 */
import type { LockEdge, PackageSource } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { parseRequirement } from '../../pep508/requirement';
import { arrayAt, booleanAt, entryAt, lineAt, stringRange, tableAt, tablesOf, textAt, textsOf, type TomlDocument, type TomlTable, type TomlValue } from '../../toml';
import { normalizeName } from '../../versions';
import { MAIN_GROUP } from '../lock-common';

export type MarkerText = (text: string | undefined) => string | null;

export interface PoetryPackage {
  readonly name: string;
  readonly rawName: string;
  readonly version: string | null;
  readonly source: PackageSource;
  readonly edges: readonly LockEdge[];
  readonly marker: string | null;
  readonly groups: readonly string[];
  /** Hashes written on the package itself (2.x `files`). */
  readonly hashes: readonly string[];
  readonly line: number;
  readonly nameRange: SourceRange;
}

export function readPoetryPackage(doc: TomlDocument, table: TomlTable, canonical: MarkerText): PoetryPackage | undefined {
  const nameNode = entryAt(table, 'name')?.value;
  if (nameNode?.kind !== 'string') return undefined;
  return {
    name: normalizeName(nameNode.value),
    rawName: nameNode.value,
    version: textAt(table, 'version') ?? null,
    source: sourceOf(table),
    edges: edgesOf(table, canonical),
    marker: packageMarker(table, canonical),
    groups: groupsOf(table),
    hashes: tablesOf(arrayAt(table, 'files')).flatMap((file) => textAt(file, 'hash') ?? []),
    line: lineAt(doc, nameNode.start),
    nameRange: stringRange(doc, nameNode),
  };
}

/** 2.x `groups = ["main", "dev"]`; 1.x `category = "main" | "dev"`. Poetry's "main" is the main group. */
function groupsOf(table: TomlTable): string[] {
  const groups = arrayAt(table, 'groups');
  const names = groups ? textsOf(groups) : [textAt(table, 'category') ?? MAIN_GROUP];
  return names.map((g) => (normalizeName(g) === MAIN_GROUP ? MAIN_GROUP : `group:${normalizeName(g)}`));
}

/**
 * 2.x writes one marker, or one per group (`markers = {main = "...", test = "..."}`), under which
 * the package is installed; with several, the package is installed when any of them holds.
 */
function packageMarker(table: TomlTable, canonical: MarkerText): string | null {
  const value = entryAt(table, 'markers')?.value ?? entryAt(table, 'marker')?.value;
  if (value?.kind === 'string') return canonical(value.value);
  if (value?.kind !== 'table') return null;
  const distinct = [...new Set([...value.entries.values()].flatMap((e) => (e.value.kind === 'string' ? [e.value.value] : [])))];
  if (distinct.length === 0) return null;
  return canonical(distinct.length === 1 ? distinct[0] : distinct.map((m) => `(${m})`).join(' or '));
}

function sourceOf(table: TomlTable): PackageSource {
  const source = tableAt(table, 'source');
  const type = textAt(source, 'type');
  const url = textAt(source, 'url') ?? '';
  switch (type) {
    case 'git':
      return { type: 'git', url, rev: textAt(source, 'resolved_reference') ?? textAt(source, 'reference') ?? null };
    case 'directory':
    case 'file':
      return { type: 'path', path: url, editable: booleanAt(table, 'develop') === true };
    case 'url':
      return { type: 'url', url };
    case 'legacy':
      return { type: 'registry', url: url || null };
    default:
      return { type: 'registry', url: null };
  }
}

/**
 * `[package.dependencies]`: a constraint, a table, or an array of tables (one per environment).
 * An optional dependency belongs to the extras of `[package.extras]` that list it.
 */
function edgesOf(table: TomlTable, canonical: MarkerText): LockEdge[] {
  const extrasOf = extrasByDependency(tableAt(table, 'extras'));
  const edges: LockEdge[] = [];
  for (const [rawName, entry] of tableAt(table, 'dependencies')?.entries ?? []) {
    const name = normalizeName(rawName);
    for (const spec of constraintTables(entry.value)) {
      const marker = canonical(textAt(spec, 'markers'));
      const extras = textsOf(arrayAt(spec, 'extras')).map(normalizeName);
      const groups = booleanAt(spec, 'optional') === true ? (extrasOf.get(name) ?? [null]) : [null];
      for (const group of groups) edges.push({ name, extras, marker, group });
    }
  }
  return edges;
}

function constraintTables(value: TomlValue): (TomlTable | undefined)[] {
  if (value.kind === 'table') return [value];
  if (value.kind === 'array') return value.items.map((item) => (item.kind === 'table' ? item : undefined));
  return [undefined];
}

/** `[package.extras] d = ["aiohttp (>=3.3.2)"]` read backwards: dependency name → its extras' groups. */
function extrasByDependency(extras: TomlTable | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [extra, entry] of extras?.entries ?? []) {
    const list = entry.value.kind === 'array' ? textsOf(entry.value) : [];
    for (const requirement of list) {
      const parsed = parseRequirement(requirement);
      const name = parsed.ok ? parsed.value.normalizedName : normalizeName(requirement.trim().split(/[\s([;<>=!~]/)[0] ?? '');
      const groups = out.get(name) ?? [];
      groups.push(`extra:${normalizeName(extra)}`);
      out.set(name, groups);
    }
  }
  return out;
}
