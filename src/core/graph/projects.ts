/**
 * A workspace holds projects: a pyproject with the lock file beside it, a requirements file with
 * everything it includes, a lock file on its own. Each project gets one graph.
 */
import type { ParsedFile } from '../model/dependency';
import { LOCK_FILE_KINDS } from '../model/dependency';
import { lockFileFor } from '../manifests/registry';
import type { TargetEnvironment } from '../pep508/markers';
import type { DependencyGraph } from './graph';
import { lockGraph, manifestGraph } from './build';

/** One root file as read by readManifest: the root first, then every file it included. */
export interface ManifestRead {
  readonly root: string;
  readonly files: readonly ParsedFile[];
}

export interface Project {
  /** The root file's path. */
  readonly id: string;
  /** The manifest (or, for a lock file alone, the lock file). */
  readonly root: ParsedFile;
  /** Every file of the project: the root, its includes, its lock file. */
  readonly files: readonly ParsedFile[];
  readonly lock: ParsedFile | null;
  readonly graph: DependencyGraph;
}

export function isLockFile(file: ParsedFile): boolean {
  return LOCK_FILE_KINDS.includes(file.kind);
}

/**
 * Groups what was read into projects. A file that another root includes (`-r`) belongs to that
 * root's project rather than standing alone; a lock file beside its manifest belongs to it.
 */
export function buildProjects(reads: readonly ManifestRead[], target: TargetEnvironment): Project[] {
  const included = new Set<string>();
  for (const read of reads) for (const f of read.files.slice(1)) included.add(f.path);
  const roots = reads.map((r) => r.root);
  const pairedLocks = new Set<string>();
  const byRoot = new Map(reads.map((r) => [r.root, r]));

  const projects: Project[] = [];
  for (const read of reads) {
    const root = read.files[0];
    if (!root || isLockFile(root) || included.has(read.root)) continue;
    const lockPath = lockFileFor(read.root, roots);
    const lock = lockPath ? (byRoot.get(lockPath)?.files[0] ?? null) : null;
    if (lockPath) pairedLocks.add(lockPath);
    const graph = lock ? lockGraph(lock, root, target) : manifestGraph(read.files, target);
    projects.push({ id: read.root, root, files: lock ? [...read.files, lock] : read.files, lock, graph });
  }
  for (const read of reads) {
    const root = read.files[0];
    if (!root || !isLockFile(root) || pairedLocks.has(read.root)) continue;
    projects.push({ id: read.root, root, files: read.files, lock: root, graph: lockGraph(root, null, target) });
  }
  return projects;
}
