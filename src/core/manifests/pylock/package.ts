/**
 * One `[[packages]]` entry of a pylock.toml (PEP 751): where it comes from (`vcs`, `directory`,
 * `archive`, or an index with `sdist` / `wheels`), its file hashes, and which groups install it.
 */
import type { PackageSource } from '../../model/dependency';
import type { MarkerList } from '../../pep508/markers';
import { parseMarker } from '../../pep508/requirement';
import { arrayAt, booleanAt, tableAt, tablesOf, textAt, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import { MAIN_GROUP } from '../lock-common';

/** PEP 751: `vcs` (git and others), `directory`, `archive`, else the index the files came from. */
export function sourceOf(table: TomlTable): PackageSource {
  const vcs = tableAt(table, 'vcs');
  if (vcs) {
    const url = textAt(vcs, 'url') ?? textAt(vcs, 'path') ?? '';
    if (textAt(vcs, 'type') === 'git') return { type: 'git', url, rev: textAt(vcs, 'commit-id') ?? textAt(vcs, 'requested-revision') ?? null };
    return { type: 'url', url };
  }
  const directory = tableAt(table, 'directory');
  if (directory) return { type: 'path', path: textAt(directory, 'path') ?? '', editable: booleanAt(directory, 'editable') === true };
  const archive = tableAt(table, 'archive');
  if (archive) {
    const url = textAt(archive, 'url');
    return url !== undefined ? { type: 'url', url } : { type: 'path', path: textAt(archive, 'path') ?? '', editable: false };
  }
  return { type: 'registry', url: textAt(table, 'index') ?? null };
}

/** Hashes as `algorithm:hex`, the form pip's `--hash` takes, from `hashes = {sha256 = "..."}` tables. */
export function hashesOf(table: TomlTable): string[] {
  const holders = [tableAt(table, 'sdist'), tableAt(table, 'archive'), ...tablesOf(arrayAt(table, 'wheels'))];
  const hashes: string[] = [];
  for (const holder of holders) {
    for (const [algorithm, entry] of tableAt(holder, 'hashes')?.entries ?? []) {
      if (entry.value.kind === 'string') hashes.push(`${algorithm}:${entry.value.value}`);
    }
  }
  return hashes;
}

/**
 * PEP 751 markers select groups with `'<group>' in dependency_groups` and extras with
 * `'<extra>' in extras`. A package whose marker names none is installed by default (main);
 * a dependency group listed in `default-groups` is the main group under another name.
 */
export function groupsOfMarker(marker: string | undefined, defaultGroups: ReadonlySet<string>): string[] {
  if (marker === undefined) return [MAIN_GROUP];
  const parsed = parseMarker(marker);
  if (!parsed.ok) return [MAIN_GROUP];
  const groups: string[] = [];
  collect(parsed.value, defaultGroups, groups);
  return groups.length > 0 ? [...new Set(groups)] : [MAIN_GROUP];
}

function collect(list: MarkerList, defaultGroups: ReadonlySet<string>, out: string[]): void {
  for (const item of list) {
    if (typeof item === 'string') continue;
    if (Array.isArray(item)) {
      collect(item as MarkerList, defaultGroups, out);
      continue;
    }
    const atom = item as Exclude<MarkerList[number], string | MarkerList>;
    if (atom.op !== 'in' || atom.lhs.kind !== 'string' || atom.rhs.kind !== 'variable') continue;
    const name = normalizeName(atom.lhs.value);
    if (atom.rhs.name === 'dependency_groups') out.push(defaultGroups.has(name) ? MAIN_GROUP : `group:${name}`);
    else if (atom.rhs.name === 'extras') out.push(`extra:${name}`);
  }
}
