/**
 * The resolver's view of the index: each project's releases and each release's requirements,
 * asked through the PackageIndex port at most once per project and once per (project, version)
 * — the answers (or the promise of one) are kept for the whole resolution, and the port's own
 * cache keeps them across runs. Waves ask many at once, bounded, so that one depth level of the
 * graph costs about one round trip for the project pages and one for the metadata files.
 */
import { mapLimit } from '../../concurrency';
import type { ReleaseSummary } from '../../model/package-info';
import type { PackageIndex } from '../../ports';

export type ProjectAnswer =
  | { readonly kind: 'ok'; readonly releases: readonly ReleaseSummary[] }
  | { readonly kind: 'not-found'; readonly detail: string }
  | { readonly kind: 'failed'; readonly detail: string };

export type ReleaseAnswer =
  | { readonly kind: 'ok'; readonly requiresDist: readonly string[]; readonly requiresPython: string | null }
  /** The index answered, but not with the release's requirements: they are unknown, never "none". */
  | { readonly kind: 'unknown'; readonly detail: string }
  | { readonly kind: 'failed'; readonly detail: string };

export interface IndexStats {
  projectRequests: number;
  /** Distinct (project, version) metadata questions: each is asked once. */
  metadataRequests: number;
  waves: number;
}

export interface IndexReader {
  readonly stats: IndexStats;
  /** The index's failures (not "not found"): the graph that results is incomplete. */
  readonly failures: readonly string[];
  project(name: string): ProjectAnswer | undefined;
  release(name: string, version: string): ReleaseAnswer | undefined;
  loadProject(name: string): Promise<ProjectAnswer>;
  loadRelease(name: string, version: string): Promise<ReleaseAnswer>;
  /** Runs the tasks of one wave, at most `concurrency` at a time. */
  wave(tasks: readonly (() => Promise<void>)[]): Promise<void>;
}

export function createIndexReader(index: PackageIndex, concurrency: number): IndexReader {
  const projects = new Map<string, ProjectAnswer>();
  const releases = new Map<string, ReleaseAnswer>();
  const askingProjects = new Map<string, Promise<ProjectAnswer>>();
  const askingReleases = new Map<string, Promise<ReleaseAnswer>>();
  const stats: IndexStats = { projectRequests: 0, metadataRequests: 0, waves: 0 };
  const failures: string[] = [];

  /** The answer under `key`, asked only when it is neither known nor already being asked. */
  function once<T>(key: string, done: Map<string, T>, inFlight: Map<string, Promise<T>>, ask: () => Promise<T>): Promise<T> {
    const known = done.get(key);
    if (known !== undefined) return Promise.resolve(known);
    const asking = inFlight.get(key);
    if (asking) return asking;
    const promise = ask().then((answer) => {
      done.set(key, answer);
      inFlight.delete(key);
      return answer;
    });
    inFlight.set(key, promise);
    return promise;
  }

  return {
    stats,
    failures,
    project: (name) => projects.get(name),
    release: (name, version) => releases.get(`${name}@${version}`),
    loadProject: (name) =>
      once(name, projects, askingProjects, async () => {
        stats.projectRequests++;
        const answer = await askProject(index, name);
        if (answer.kind === 'failed') failures.push(`${name}: ${answer.detail}`);
        return answer;
      }),
    loadRelease: (name, version) =>
      once(`${name}@${version}`, releases, askingReleases, async () => {
        stats.metadataRequests++;
        const answer = await askRelease(index, name, version);
        if (answer.kind === 'failed') failures.push(`${name} ${version}: ${answer.detail}`);
        return answer;
      }),
    async wave(tasks) {
      if (tasks.length === 0) return;
      stats.waves++;
      await mapLimit(tasks, concurrency, (task) => task());
    },
  };
}

async function askProject(index: PackageIndex, name: string): Promise<ProjectAnswer> {
  const outcome = await index.project(name).catch((error: unknown) => ({ status: 'unavailable' as const, detail: String(error) }));
  if (outcome.status === 'ok') return { kind: 'ok', releases: outcome.value.releases };
  if ('notFound' in outcome && outcome.notFound) return { kind: 'not-found', detail: outcome.detail };
  return { kind: 'failed', detail: `${outcome.status}: ${outcome.detail}` };
}

async function askRelease(index: PackageIndex, name: string, version: string): Promise<ReleaseAnswer> {
  const outcome = await index.release(name, version).catch((error: unknown) => ({ status: 'unavailable' as const, detail: String(error) }));
  if (outcome.status !== 'ok') {
    if ('notFound' in outcome && outcome.notFound) return { kind: 'unknown', detail: 'the index has no metadata for this release' };
    return { kind: 'failed', detail: `${outcome.status}: ${outcome.detail}` };
  }
  const info = outcome.value;
  // PyPI's JSON API says `requires_dist: null` both for "no requirements" and for an sdist whose
  // metadata it never read, so null without a `.metadata` file is unknown, never "none".
  if (info.requiresDist == null) return { kind: 'unknown', detail: 'no wheel metadata (PEP 658) and no requires_dist from the JSON API' };
  return { kind: 'ok', requiresDist: info.requiresDist, requiresPython: info.requiresPython };
}
