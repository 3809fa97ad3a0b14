/**
 * Poetry's `[tool.poetry]` tables: `dependencies` (main), `group.<g>.dependencies` (`group:<g>`;
 * Poetry's group "main" is the main group), the legacy `dev-dependencies` (`group:dev`) and
 * `extras` (an optional dependency belongs to the first extra that lists it, `extra:<x>`).
 *
 * A dependency is a constraint string, a table (`version`, `markers`, `extras`, `python`,
 * `platform`, `optional`, `source`, `git`/`branch`/`rev`/`tag`, `path`, `url`, `develop`), or an
 * array of tables, one per environment. The record keeps the constraint as written (spaces
 * removed); `matchingSpecifiers` in ../specifiers.ts gives the PEP 440 sets it stands for.
 */
import type { Dependency, PackageSource, SkipReason } from '../../../model/dependency';
import { formatMarker } from '../../../pep508/markers';
import { parseMarker } from '../../../pep508/requirement';
import { arrayAt, booleanAt, entryAt, keyRange, lineAt, literalRange, stringRange, tableAt, tablesOf, textAt, textsOf, type TomlEntry, type TomlString, type TomlTable, type TomlValue } from '../../../toml';
import { normalizeName } from '../../../versions';
import { report, reportShape, type PyprojectContext } from '../context';
import { isPoetryPin, pythonMarker, toPep440 } from './poetry-constraint';

export { toPep440 } from './poetry-constraint';

interface PoetryTables {
  readonly extras: ReadonlyMap<string, string>;
  readonly sources: ReadonlyMap<string, string>;
}

export interface PoetryResult {
  /** `[tool.poetry.dependencies]`, which Poetry 2 only uses to add to `[project]` when that lists dependencies. */
  readonly main: Dependency[];
  readonly groups: Dependency[];
}

export function readPoetry(ctx: PyprojectContext): PoetryResult {
  const poetry = tableAt(ctx.doc.root, 'tool', 'poetry');
  if (!poetry) return { main: [], groups: [] };
  const tables: PoetryTables = { extras: extrasByDependency(poetry), sources: sourceUrls(poetry) };
  const main = recordsOf(ctx, tableAt(poetry, 'dependencies'), null, tables);
  const groups: Dependency[] = [];
  for (const [name, entry] of tableAt(poetry, 'group')?.entries ?? []) {
    const group = normalizeName(name) === 'main' ? null : `group:${normalizeName(name)}`;
    const table = entry.value.kind === 'table' ? tableAt(entry.value, 'dependencies') : undefined;
    for (const record of recordsOf(ctx, table, group, tables)) (group == null ? main : groups).push(record);
  }
  for (const record of recordsOf(ctx, tableAt(poetry, 'dev-dependencies'), 'group:dev', tables)) groups.push(record);
  return { main, groups };
}

function recordsOf(ctx: PyprojectContext, table: TomlTable | undefined, group: string | null, tables: PoetryTables): Dependency[] {
  const out: Dependency[] = [];
  for (const entry of table?.entries.values() ?? []) {
    // `python` is the project's Python constraint, not a package.
    if (entry.key === 'python') continue;
    for (const spec of specsOf(ctx, entry)) out.push(poetryRecord(ctx, entry, spec, group, tables));
  }
  return out;
}

/** A constraint string, a table, or an array of tables: each is one record. */
function specsOf(ctx: PyprojectContext, entry: TomlEntry): (TomlString | TomlTable)[] {
  const value = entry.value;
  if (value.kind === 'string' || value.kind === 'table') return [value];
  if (value.kind === 'array') {
    const tables = tablesOf(value);
    if (tables.length !== value.items.length) reportShape(ctx, value, `Poetry dependency '${entry.key}': a list of constraints must hold tables`);
    return tables;
  }
  reportShape(ctx, value, `Poetry dependency '${entry.key}' must be a constraint string or a table`);
  return [];
}

function poetryRecord(ctx: PyprojectContext, entry: TomlEntry, spec: TomlString | TomlTable, group: string | null, tables: PoetryTables): Dependency {
  const table = spec.kind === 'table' ? spec : undefined;
  const constraint = spec.kind === 'string' ? spec : stringOf(entryAt(table, 'version')?.value);
  const nameRange = keyRange(ctx.doc, entry);
  const direct = directSource(table);
  const name = normalizeName(entry.key);
  const optional = booleanAt(table, 'optional') === true;
  let skipReason: SkipReason | null = direct ? direct.skipReason : 'unpinned';
  if (!direct && constraint) skipReason = constraintSkipReason(ctx, entry.key, constraint);
  return {
    file: ctx.file,
    line: lineAt(ctx.doc, entry.keyStart),
    name,
    rawName: entry.key,
    specifier: constraint ? constraint.value.replace(/\s+/g, '') : '',
    extras: textsOf(arrayAt(table, 'extras')),
    marker: markerOf(ctx, table),
    url: direct?.url ?? null,
    editable: booleanAt(table, 'develop') === true,
    constraint: false,
    version: null,
    group: optional ? (tables.extras.get(name) ?? group) : group,
    hashes: [],
    nameRange,
    specifierRange: constraint ? stringRange(ctx.doc, constraint) : { start: nameRange.end, end: nameRange.end },
    requirementRange: literalRange(ctx.doc, { start: entry.keyStart, end: spec.end }),
    skipReason,
    via: [],
    source: direct ? direct.source : indexSource(table, tables),
  };
}

function stringOf(value: TomlValue | undefined): TomlString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

function constraintSkipReason(ctx: PyprojectContext, name: string, constraint: TomlString): SkipReason | null {
  if (toPep440(constraint.value) === undefined) {
    report(ctx, stringRange(ctx.doc, constraint), `Invalid Poetry version constraint for '${name}': '${constraint.value}'`);
    return 'invalid';
  }
  return isPoetryPin(constraint.value) ? null : 'unpinned';
}

interface Direct {
  readonly source: PackageSource;
  readonly skipReason: SkipReason;
  readonly url: string | null;
}

/** `git` (with `rev`, `tag` or `branch`), `path` (with `develop`), or `url`: not an index release. */
function directSource(table: TomlTable | undefined): Direct | undefined {
  const git = textAt(table, 'git');
  if (git !== undefined) {
    const rev = textAt(table, 'rev') ?? textAt(table, 'tag') ?? textAt(table, 'branch') ?? null;
    return { source: { type: 'git', url: git, rev }, skipReason: 'vcs', url: git };
  }
  const path = textAt(table, 'path');
  if (path !== undefined) return { source: { type: 'path', path, editable: booleanAt(table, 'develop') === true }, skipReason: 'path', url: null };
  const url = textAt(table, 'url');
  if (url !== undefined) return { source: { type: 'url', url }, skipReason: 'url', url };
  return undefined;
}

/** `source = "<name>"` picks one of `[[tool.poetry.source]]`; the release still comes from an index. */
function indexSource(table: TomlTable | undefined, tables: PoetryTables): PackageSource | null {
  const name = textAt(table, 'source');
  if (name === undefined) return null;
  return { type: 'registry', url: tables.sources.get(name) ?? null };
}

/** `markers`, `python` and `platform` together, as Poetry writes them into the package's metadata. */
function markerOf(ctx: PyprojectContext, table: TomlTable | undefined): string | null {
  const parts: string[] = [];
  const markers = stringOf(entryAt(table, 'markers')?.value);
  if (markers) parts.push(markers.value);
  const python = stringOf(entryAt(table, 'python')?.value);
  if (python) {
    const marker = pythonMarker(python.value);
    if (marker === undefined) report(ctx, stringRange(ctx.doc, python), `Invalid Poetry python constraint '${python.value}'`);
    else if (marker != null) parts.push(marker);
  }
  const platform = textAt(table, 'platform');
  if (platform !== undefined) parts.push(`sys_platform == "${platform}"`);
  if (parts.length === 0) return null;
  const text = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' and ');
  const parsed = parseMarker(text);
  if (parsed.ok) return formatMarker(parsed.value);
  if (markers) report(ctx, stringRange(ctx.doc, markers), `Invalid marker '${markers.value}': ${parsed.error.message}`);
  return text;
}

/** `[tool.poetry.extras] test = ["pytest", "pytest-cov"]` read backwards: package → its first extra. */
function extrasByDependency(poetry: TomlTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const [extra, entry] of tableAt(poetry, 'extras')?.entries ?? []) {
    for (const item of entry.value.kind === 'array' ? textsOf(entry.value) : []) {
      const name = normalizeName(item.trim().split(/[\s[(;<>=!~^]/)[0] ?? '');
      if (!out.has(name)) out.set(name, `extra:${normalizeName(extra)}`);
    }
  }
  return out;
}

function sourceUrls(poetry: TomlTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of tablesOf(arrayAt(poetry, 'source'))) {
    const name = textAt(source, 'name');
    const url = textAt(source, 'url');
    if (name !== undefined && url !== undefined) out.set(name, url);
  }
  return out;
}
