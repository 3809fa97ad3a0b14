/**
 * PEP 735 `[dependency-groups]`: each group is a list of requirement strings and
 * `{include-group = "name"}` tables. Records stay under the group that writes them
 * (`group:<normalised name>`); includes are checked as PEP 735 asks: a group name that is not
 * defined, or an include that leads back to the including group, is an error at the include.
 */
import type { Dependency } from '../../../model/dependency';
import { entryAt, stringRange, textAt, type TomlEntry, type TomlString, type TomlTable } from '../../../toml';
import { normalizeName } from '../../../versions';
import { report, reportShape, type PyprojectContext } from '../context';
import { requirementRecord } from '../requirement';

interface GroupInclude {
  readonly target: string;
  readonly node: TomlString;
}

export function readDependencyGroups(ctx: PyprojectContext): Dependency[] {
  const value = entryAt(ctx.doc.root, 'dependency-groups')?.value;
  if (value === undefined) return [];
  if (value.kind !== 'table') {
    reportShape(ctx, value, 'dependency-groups must be a table of groups');
    return [];
  }
  const records: Dependency[] = [];
  const includes = new Map<string, GroupInclude[]>();
  for (const [name, entry] of value.entries) {
    const group = normalizeName(name);
    if (includes.has(group)) {
      report(ctx, ctx.doc.lines.rangeAt(entry.keyStart, entry.keyEnd), `Dependency group '${name}' is defined twice (names are compared normalised, PEP 735)`);
      continue;
    }
    const own: GroupInclude[] = [];
    includes.set(group, own);
    if (entry.value.kind !== 'array') {
      reportShape(ctx, entry.value, `dependency-groups.${name} must be an array`);
      continue;
    }
    for (const item of entry.value.items) {
      if (item.kind === 'string') records.push(requirementRecord(ctx, item, `group:${group}`));
      else if (item.kind === 'table') readInclude(ctx, name, item, own);
      else reportShape(ctx, item, `dependency-groups.${name} must hold requirement strings or {include-group = "..."} tables`);
    }
  }
  checkIncludes(ctx, includes);
  return records;
}

function readInclude(ctx: PyprojectContext, group: string, table: TomlTable, out: GroupInclude[]): void {
  const node = entryAt(table, 'include-group')?.value;
  if (node?.kind !== 'string' || table.entries.size !== 1) {
    reportShape(ctx, table, `dependency-groups.${group}: a table entry must be exactly {include-group = "<group>"}`);
    return;
  }
  out.push({ target: normalizeName(node.value), node });
}

/** Unknown targets, then cycles by depth-first search: each include that closes a cycle is reported once. */
function checkIncludes(ctx: PyprojectContext, includes: ReadonlyMap<string, readonly GroupInclude[]>): void {
  for (const list of includes.values()) {
    for (const include of list) {
      if (!includes.has(include.target)) report(ctx, stringRange(ctx.doc, include.node), `Dependency group '${include.node.value}' is not defined in [dependency-groups]`);
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (group: string): void => {
    state.set(group, 'open');
    path.push(group);
    for (const include of includes.get(group) ?? []) {
      const seen = state.get(include.target);
      if (seen === 'open') {
        const cycle = [...path.slice(path.indexOf(include.target)), include.target].join(' → ');
        report(ctx, stringRange(ctx.doc, include.node), `Dependency group include cycle: ${cycle}`);
      } else if (seen === undefined && includes.has(include.target)) {
        visit(include.target);
      }
    }
    path.pop();
    state.set(group, 'done');
  };
  for (const group of includes.keys()) if (!state.has(group)) visit(group);
}

/** Every group a group stands for, itself and what it includes, for callers that expand groups. */
export function expandGroup(root: TomlTable, group: string): string[] {
  const table = entryAt(root, 'dependency-groups')?.value;
  const byName = new Map<string, TomlEntry>();
  for (const [name, entry] of table?.kind === 'table' ? table.entries : []) byName.set(normalizeName(name), entry);
  const out: string[] = [];
  const queue = [normalizeName(group)];
  for (const name of queue) {
    if (out.includes(name) || !byName.has(name)) continue;
    out.push(name);
    const value = byName.get(name)!.value;
    for (const item of value.kind === 'array' ? value.items : []) {
      const target = item.kind === 'table' ? textAt(item, 'include-group') : undefined;
      if (target !== undefined) queue.push(normalizeName(target));
    }
  }
  return out;
}
