/**
 * uv's `[tool.uv]`: `dev-dependencies` (uv's legacy dev group, `group:dev`),
 * `constraint-dependencies` (`uv:constraint`, records marked as constraints) and
 * `override-dependencies` (`uv:override`); and `[tool.uv.sources]`, which redirects a dependency
 * to git, a URL, a local path or a workspace member (then it is not an index release), or to a
 * named `[[tool.uv.index]]` (then it still is).
 */
import type { Dependency, PackageSource, SkipReason } from '../../../model/dependency';
import { arrayAt, booleanAt, entryAt, tableAt, tablesOf, textAt, type TomlTable, type TomlValue } from '../../../toml';
import { normalizeName } from '../../../versions';
import type { PyprojectContext } from '../context';
import { requirementsOf } from '../requirement';

export function readUv(ctx: PyprojectContext): Dependency[] {
  const uv = tableAt(ctx.doc.root, 'tool', 'uv');
  if (!uv) return [];
  return [
    ...requirementsOf(ctx, entryAt(uv, 'dev-dependencies')?.value, 'group:dev', 'tool.uv.dev-dependencies'),
    ...requirementsOf(ctx, entryAt(uv, 'constraint-dependencies')?.value, 'uv:constraint', 'tool.uv.constraint-dependencies', { constraint: true }),
    ...requirementsOf(ctx, entryAt(uv, 'override-dependencies')?.value, 'uv:override', 'tool.uv.override-dependencies'),
  ];
}

interface Redirect {
  readonly source: PackageSource;
  readonly skipReason: SkipReason | null;
  readonly url: string | null;
  readonly editable: boolean;
}

/**
 * Applies `[tool.uv.sources]` to records that name a package without a URL of their own. A source
 * may be a list of tables selected by markers; when any of them leaves the index, the record is
 * marked by the first such table.
 */
export function applyUvSources(root: TomlTable, records: readonly Dependency[]): Dependency[] {
  const sources = tableAt(root, 'tool', 'uv', 'sources');
  if (!sources || sources.entries.size === 0) return [...records];
  const indexes = indexUrls(root);
  const byName = new Map<string, Redirect>();
  for (const [name, entry] of sources.entries) {
    const redirect = redirectOf(entry.value, indexes);
    if (redirect) byName.set(normalizeName(name), redirect);
  }
  return records.map((record) => {
    const redirect = record.url == null ? byName.get(record.name) : undefined;
    if (!redirect) return record;
    const skipReason = redirect.skipReason ?? (record.skipReason === 'invalid' ? 'invalid' : record.skipReason);
    return { ...record, source: redirect.source, skipReason, url: redirect.url, editable: record.editable || redirect.editable };
  });
}

function redirectOf(value: TomlValue, indexes: ReadonlyMap<string, string>): Redirect | undefined {
  const tables = value.kind === 'table' ? [value] : value.kind === 'array' ? tablesOf(value) : [];
  const redirects = tables.map((t) => tableRedirect(t, indexes)).filter((r): r is Redirect => r !== undefined);
  return redirects.find((r) => r.skipReason != null) ?? redirects[0];
}

function tableRedirect(table: TomlTable, indexes: ReadonlyMap<string, string>): Redirect | undefined {
  const git = textAt(table, 'git');
  if (git !== undefined) {
    const rev = textAt(table, 'rev') ?? textAt(table, 'tag') ?? textAt(table, 'branch') ?? null;
    return { source: { type: 'git', url: git, rev }, skipReason: 'vcs', url: git, editable: false };
  }
  const url = textAt(table, 'url');
  if (url !== undefined) return { source: { type: 'url', url }, skipReason: 'url', url, editable: false };
  const path = textAt(table, 'path');
  const editable = booleanAt(table, 'editable') === true;
  if (path !== undefined) return { source: { type: 'path', path, editable }, skipReason: 'path', url: null, editable };
  // A workspace member is built from its folder, which the member's own pyproject names, not this one.
  if (booleanAt(table, 'workspace') === true) return { source: { type: 'path', path: '', editable: booleanAt(table, 'editable') !== false }, skipReason: 'path', url: null, editable: booleanAt(table, 'editable') !== false };
  const index = textAt(table, 'index');
  if (index !== undefined) return { source: { type: 'registry', url: indexes.get(index) ?? null }, skipReason: null, url: null, editable: false };
  return undefined;
}

function indexUrls(root: TomlTable): Map<string, string> {
  const out = new Map<string, string>();
  for (const index of tablesOf(arrayAt(root, 'tool', 'uv', 'index'))) {
    const name = textAt(index, 'name');
    const url = textAt(index, 'url');
    if (name !== undefined && url !== undefined) out.set(name, url);
  }
  return out;
}
