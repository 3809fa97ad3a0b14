/**
 * PEP 621 `[project]`: `dependencies` (the main group, null) and `optional-dependencies` (one
 * group per extra, `extra:<name>`). Extra names are compared normalised (PEP 685), so the group
 * is named by the normalised extra.
 */
import type { Dependency } from '../../../model/dependency';
import { entryAt, tableAt, textAt, type TomlTable } from '../../../toml';
import { normalizeName } from '../../../versions';
import { reportShape, type PyprojectContext } from '../context';
import { requirementsOf } from '../requirement';

export interface Pep621Result {
  readonly dependencies: Dependency[];
  readonly projectName: string | null;
}

export function readPep621(ctx: PyprojectContext): Pep621Result {
  const project = tableAt(ctx.doc.root, 'project');
  if (!project) return { dependencies: [], projectName: null };
  const dependencies = requirementsOf(ctx, entryAt(project, 'dependencies')?.value, null, 'project.dependencies');
  const optional = entryAt(project, 'optional-dependencies')?.value;
  if (optional && optional.kind !== 'table') reportShape(ctx, optional, 'project.optional-dependencies must be a table of extras');
  for (const [extra, entry] of optional?.kind === 'table' ? optional.entries : []) {
    const where = `project.optional-dependencies.${extra}`;
    for (const record of requirementsOf(ctx, entry.value, `extra:${normalizeName(extra)}`, where)) dependencies.push(record);
  }
  return { dependencies, projectName: textAt(project, 'name') ?? null };
}

/** Whether `[project] dependencies` is written out (not absent, not listed in `dynamic`). */
export function hasStaticDependencies(root: TomlTable): boolean {
  return entryAt(root, 'project', 'dependencies') !== undefined;
}
