/**
 * Which package sits at a place in a file, in the snapshot's terms: a manifest record (with the
 * version its project uses, from the lock file or its pin) or a lock file entry. Hovers, code
 * actions and commands all start here, so they agree on what "the package under the cursor" is.
 */
import { isLockFile, type Project } from '../core/graph/projects';
import { pinnedVersion } from '../core/graph/build';
import { nodeId, reachability } from '../core/graph/graph';
import type { Dependency, LockedPackage } from '../core/model/dependency';
import { comparePositions, containsPosition, type Position, type SourceRange } from '../core/model/range';
import type { Snapshot } from './snapshot';

export interface Located {
  readonly project: Project;
  readonly record: Dependency | null;
  readonly entry: LockedPackage | null;
  readonly name: string;
  /** The version in use (locked, or pinned when there is no lock), null when none is known. */
  readonly version: string | null;
  readonly direct: boolean;
  /** Reached for the target environment. */
  readonly active: boolean;
  /** Introduced-through paths, direct dependency first. */
  readonly paths: readonly (readonly string[])[];
  readonly range: SourceRange;
}

/** The package whose requirement (or lock entry name) contains the position, searched in every project. */
export function locate(snapshot: Pick<Snapshot, 'projects'>, file: string, position: Position): Located | null {
  for (const project of snapshot.projects) {
    for (const parsed of project.files) {
      if (parsed.path !== file) continue;
      if (isLockFile(parsed)) {
        const entry = parsed.lock?.packages.find((p) => !p.isProject && containsPosition(p.nameRange, position));
        if (entry) return fromEntry(project, entry);
        continue;
      }
      const record = narrowest(parsed.dependencies.filter((d) => !d.constraint && d.name !== '' && containsPosition(d.requirementRange, position)));
      if (record) return fromRecord(project, record);
    }
  }
  return null;
}

/** The record of `name` in `file` nearest to `line` (a snapshot's line may be a few edits old). */
export function findRecord(records: readonly Dependency[], name: string, line: number | null, group?: string | null): Dependency | null {
  const candidates = records.filter((d) => d.name === name && !d.constraint && (group === undefined || d.group === group));
  if (candidates.length === 0) return null;
  if (line == null) return candidates[0]!;
  return [...candidates].sort((a, b) => Math.abs(a.nameRange.start.line - line) - Math.abs(b.nameRange.start.line - line))[0]!;
}

/** Every place a project records a package: its manifest records and its lock entry. */
export function placesOf(project: Project, name: string): { records: Dependency[]; entry: LockedPackage | null } {
  const records: Dependency[] = [];
  for (const file of project.files) if (!isLockFile(file)) for (const d of file.dependencies) if (d.name === name && !d.constraint) records.push(d);
  const entry = project.lock?.lock?.packages.find((p) => p.name === name && !p.isProject) ?? null;
  return { records, entry };
}

export function fromRecord(project: Project, record: Dependency): Located {
  const direct = project.graph.direct.find((d) => d.record === record);
  const node = direct?.node ?? nodeFor(project, record);
  const reach = node ? reachability(project.graph).get(node) : undefined;
  return {
    project,
    record,
    entry: null,
    name: record.name,
    version: node ? (project.graph.nodes.get(node)?.version ?? null) : null,
    direct: direct != null || reach?.depth === 0,
    active: direct ? direct.active && reach != null : reach != null,
    paths: reach?.paths ?? [],
    range: record.requirementRange,
  };
}

function fromEntry(project: Project, entry: LockedPackage): Located {
  const reach = reachability(project.graph).get(nodeId(entry.name, entry.version));
  return {
    project,
    record: null,
    entry,
    name: entry.name,
    version: entry.version,
    direct: reach?.depth === 0,
    active: reach != null,
    paths: reach?.paths ?? [],
    range: entry.nameRange,
  };
}

/** A record of a manifest graph (no lock): its pinned node, when the graph has it. */
function nodeFor(project: Project, record: Dependency): string | null {
  const version = record.version ?? pinnedVersion(record.specifier);
  if (version == null) return null;
  const id = nodeId(record.name, version);
  return project.graph.nodes.has(id) ? id : null;
}

function narrowest(records: readonly Dependency[]): Dependency | null {
  let best: Dependency | null = null;
  for (const record of records) {
    if (!best || comparePositions(record.requirementRange.start, best.requirementRange.start) > 0) best = record;
  }
  return best;
}
