/**
 * Projects whose manifest leaves versions open and that have no lock file get their graph
 * resolved from index metadata, so their transitive packages are assessed like locked ones.
 */
import type { Problem } from '../model/dependency';
import type { PackageIndex } from '../ports';
import type { Project } from './projects';
import { resolve, wantsPrereleases, type ResolveOptions } from './resolve';

/** A manifest-only graph with a requirement that pins no version: resolving tells what installs. */
export function needsResolution(project: Project): boolean {
  return project.graph.origin === 'manifest' && project.files.some((f) => f.dependencies.some((d) => !d.constraint && d.skipReason === 'unpinned'));
}

export interface ResolvedProjects {
  readonly projects: readonly Project[];
  readonly problems: readonly Problem[];
  /** Index questions that failed: those graphs are incomplete. */
  readonly failures: readonly string[];
}

export async function resolveProjects(projects: readonly Project[], index: PackageIndex, options: ResolveOptions): Promise<ResolvedProjects> {
  const problems: Problem[] = [];
  const failures: string[] = [];
  const out: Project[] = [];
  for (const project of projects) {
    if (!needsResolution(project)) {
      out.push(project);
      continue;
    }
    const result = await resolve(project.files.flatMap((f) => f.dependencies), { index }, { ...options, prereleases: options.prereleases ?? wantsPrereleases(project.files) });
    problems.push(...result.problems);
    failures.push(...result.failures);
    // A resolution the index could not complete would hide packages: keep the graph as written.
    out.push(result.failures.length > 0 ? project : { ...project, graph: result.graph });
  }
  return { projects: out, problems, failures };
}
