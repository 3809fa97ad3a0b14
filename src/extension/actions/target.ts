/**
 * From a PackageTarget (what a diagnostic, a hover link or a tree item names) to what an edit
 * plan needs: the project, the assessment, and — for a direct dependency — the record parsed from
 * the file as it is NOW, so that the plan's ranges match the text it edits (the snapshot may be a
 * few keystrokes old).
 */
import { isLockFile, type Project } from '../../core/graph/projects';
import { DEFAULT_PARSE_OPTIONS } from '../../core/manifests/format';
import { formatFor } from '../../core/manifests/registry';
import type { Dependency } from '../../core/model/dependency';
import type { Assessment } from '../../core/model/risk';
import type { FileText } from '../../core/edits';
import type { FileSource } from '../../core/ports';
import type { PackageTarget } from '../command-ids';
import { findRecord, placesOf } from '../locate';
import type { Snapshot } from '../snapshot';

export interface Resolved {
  readonly target: PackageTarget;
  readonly project: Project;
  readonly assessment: Assessment | null;
  /** The manifest as it is now: where a direct dependency is edited, or a transitive one constrained. */
  readonly manifest: FileText | null;
  /** The record to edit, for a direct dependency. */
  readonly record: Dependency | null;
  /** The path from the direct dependency, for a package pulled in by another. */
  readonly through: readonly string[] | null;
  readonly lockFiles: readonly string[];
}

export async function resolveTarget(target: PackageTarget, snapshot: Snapshot, files: FileSource): Promise<Resolved | string> {
  const project = snapshot.projects.find((p) => p.id === target.projectId);
  if (!project) return `${target.name} is no longer part of the analysis; wait for it to finish and try again`;
  const assessment = target.version ? (snapshot.assessments.get(`${target.name}@${target.version}`) ?? null) : null;
  const lockFiles = project.lock ? [project.lock.path] : [];
  const through = target.through && target.through.length > 1 ? target.through : null;
  if (through) {
    if (isLockFile(project.root)) return `${project.root.path} has no manifest beside it to add a constraint to`;
    const text = await files.read(project.root.path);
    if (text === undefined) return `cannot read ${project.root.path}`;
    return { target, project, assessment, manifest: { path: project.root.path, text }, record: null, through, lockFiles };
  }
  const manifestPath = target.file && !isLockPath(project, target.file) ? target.file : (placesOf(project, target.name).records[0]?.file ?? null);
  if (!manifestPath) return `${target.name} is not written in a manifest of ${project.id}; change what pulls it in instead`;
  const text = await files.read(manifestPath);
  if (text === undefined) return `cannot read ${manifestPath}`;
  const format = formatFor(manifestPath);
  if (!format) return `${manifestPath} is not a manifest Beachcomber can edit`;
  const parsed = format.parse(text, manifestPath, DEFAULT_PARSE_OPTIONS);
  const line = target.file === manifestPath ? target.line : null;
  const record = findRecord(parsed.dependencies, target.name, line);
  if (!record) return `${target.name} is no longer in ${manifestPath}`;
  return { target, project, assessment, manifest: { path: manifestPath, text }, record, through: null, lockFiles };
}

function isLockPath(project: Project, path: string): boolean {
  return project.files.some((file) => file.path === path && isLockFile(file));
}
