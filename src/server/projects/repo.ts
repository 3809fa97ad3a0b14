/**
 * Project snapshots in the database. A snapshot replaces the project's previous one as a whole,
 * in one transaction, so a reader sees either the old or the new list, never a mix.
 */
import { normalizeName } from '../../core/versions';
import type { PackageUsage, ProjectSummary, Snapshot, SnapshotInput, SnapshotPackage } from '../../protocol/projects';
import { bump } from '../state';
import type { Queryable, Store } from '../store/store';
import { toIso, toNumber, toStringOrNull } from '../store/store';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const CHUNK = 1000;

function jsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Code-point order, as the database's COLLATE "C": the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One row per name and version: a package listed twice keeps its smallest depth and all groups and paths. */
export function mergePackages(packages: readonly SnapshotPackage[]): SnapshotPackage[] {
  const merged = new Map<string, SnapshotPackage>();
  for (const p of packages) {
    const name = normalizeName(p.name);
    const key = `${name}@${p.version}`;
    const seen = merged.get(key);
    const groups = [...new Set([...(seen?.groups ?? []), ...(p.groups ?? [])])].sort();
    const paths = [...(seen?.paths ?? []), ...(p.paths ?? [])].slice(0, 10);
    merged.set(key, { name, version: p.version, depth: Math.min(seen?.depth ?? p.depth, p.depth), groups, paths });
  }
  return [...merged.values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.version, b.version));
}

export async function putSnapshot(store: Store, id: string, input: SnapshotInput, by: string, now: Date): Promise<ProjectSummary> {
  const packages = mergePackages(input.packages);
  const at = now.toISOString();
  await store.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO projects (id, updated, updated_by, source) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET updated = $2, updated_by = $3, source = $4',
      [id, at, by, input.source ?? null],
    );
    await tx.query('DELETE FROM project_packages WHERE project = $1', [id]);
    for (let start = 0; start < packages.length; start += CHUNK) await insertChunk(tx, id, packages.slice(start, start + CHUNK));
    await bump(tx, 'projects');
  });
  return { id, packages: packages.length, direct: packages.filter((p) => p.depth === 0).length, updated: at, updatedBy: by, source: input.source ?? null };
}

async function insertChunk(tx: Queryable, project: string, packages: readonly SnapshotPackage[]): Promise<void> {
  if (packages.length === 0) return;
  const params: unknown[] = [project];
  const rows = packages.map((p) => {
    params.push(p.name, p.version, p.depth, JSON.stringify(p.groups), JSON.stringify(p.paths));
    const n = params.length;
    return `($1, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await tx.query(`INSERT INTO project_packages (project, name, version, depth, groups, paths) VALUES ${rows.join(', ')}`, params);
}

const SUMMARY = `SELECT p.id, p.updated, p.updated_by, p.source,
  (SELECT count(*)::int FROM project_packages pp WHERE pp.project = p.id) AS packages,
  (SELECT count(*)::int FROM project_packages pp WHERE pp.project = p.id AND pp.depth = 0) AS direct
  FROM projects p`;

function toSummary(row: Record<string, unknown>): ProjectSummary {
  return {
    id: String(row['id']),
    packages: toNumber(row['packages']),
    direct: toNumber(row['direct']),
    updated: toIso(row['updated']),
    updatedBy: String(row['updated_by']),
    source: toStringOrNull(row['source']),
  };
}

export async function listProjects(db: Queryable): Promise<ProjectSummary[]> {
  return (await db.query(`${SUMMARY} ORDER BY p.id COLLATE "C"`)).map(toSummary);
}

export async function getSnapshot(db: Queryable, id: string): Promise<Snapshot | null> {
  const rows = await db.query(`${SUMMARY} WHERE p.id = $1`, [id]);
  if (!rows[0]) return null;
  const packages = await db.query('SELECT name, version, depth, groups, paths FROM project_packages WHERE project = $1 ORDER BY name COLLATE "C", version COLLATE "C"', [id]);
  return {
    ...toSummary(rows[0]),
    snapshot: packages.map((r) => ({
      name: String(r['name']),
      version: String(r['version']),
      depth: toNumber(r['depth']),
      groups: jsonValue<string[]>(r['groups']),
      paths: jsonValue<string[][]>(r['paths']),
    })),
  };
}

export async function deleteProject(store: Store, id: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    const rows = await tx.query('DELETE FROM projects WHERE id = $1 RETURNING id', [id]);
    if (rows.length > 0) await bump(tx, 'projects');
    return rows.length > 0;
  });
}

export async function packageUsage(db: Queryable, name: string): Promise<PackageUsage> {
  const rows = await db.query('SELECT project, version, depth, groups FROM project_packages WHERE name = $1 ORDER BY project COLLATE "C", version COLLATE "C"', [name]);
  return {
    package: name,
    projects: rows.map((r) => ({ project: String(r['project']), version: String(r['version']), depth: toNumber(r['depth']), groups: jsonValue<string[]>(r['groups']) })),
  };
}
