/**
 * Fetches health data in the background: PyPI (project, release, PEP 740 provenance), deps.dev and
 * Scorecard, through the datasources clients (which retry, honour Retry-After and bound their
 * requests). A package is refreshed when an assessment finds its data missing or past its time;
 * the answers of one package are written in one transaction and bump the health counter, so every
 * process picks them up at its next request. Replicas may refresh the same package twice; the
 * writes are idempotent.
 */
import type { Clock, DepsDevSource, Logger, Outcome, PackageIndex, ScorecardSource } from '../../core/ports';
import type { DepsDevInfo, ProjectInfo } from '../../core/model/package-info';
import { isNotFound } from '../../datasources/outcome';
import type { HealthConfig } from '../config';
import { bump } from '../state';
import type { Store } from '../store/store';
import { writeData, type DataKind, type DataWrite } from './data';

export interface HealthSources {
  readonly index: PackageIndex;
  readonly depsDev: DepsDevSource | null;
  readonly scorecard: ScorecardSource | null;
}

export interface RefresherDeps {
  readonly store: Store;
  readonly sources: HealthSources;
  readonly config: HealthConfig;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** `github.com/owner/repo` from a repository URL, the form Scorecard names projects by. */
export function githubRepository(url: string | null | undefined): string | null {
  if (!url) return null;
  const match = /github\.com[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?(?:[/#?].*)?$/i.exec(url);
  return match ? `github.com/${match[1]}/${match[2]}`.toLowerCase() : null;
}

/** The repository of a package: deps.dev's source repository, else a GitHub link among the project URLs. */
export function repositoryOf(project: ProjectInfo | null, depsDev: DepsDevInfo | null): string | null {
  const fromDepsDev = githubRepository(depsDev?.sourceRepository);
  if (fromDepsDev) return fromDepsDev;
  for (const url of Object.values(project?.projectUrls ?? {})) {
    const repo = githubRepository(url);
    if (repo) return repo;
  }
  return null;
}

export class Refresher {
  private readonly queue: { name: string; version: string }[] = [];
  private readonly pending = new Set<string>();
  private running = 0;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly deps: RefresherDeps) {}

  /** Asks for a refresh of one package and version; repeated asks while it is queued are one. */
  request(name: string, version: string): void {
    const key = `${name}@${version}`;
    if (this.stopped || this.pending.has(key)) return;
    this.pending.add(key);
    this.queue.push({ name, version });
    this.pump();
  }

  /** Resolves when nothing is queued or running (tests and orderly shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    return this.idle();
  }

  private pump(): void {
    while (this.running < this.deps.config.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.refresh(job.name, job.version)
        .catch((e: unknown) => this.deps.logger.warn('health refresh failed', { package: job.name, version: job.version, error: String(e) }))
        .finally(() => {
          this.running--;
          this.pending.delete(`${job.name}@${job.version}`);
          this.pump();
          if (this.running === 0 && this.queue.length === 0) this.wake();
        });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  private async refresh(name: string, version: string): Promise<void> {
    const { index, depsDev, scorecard } = this.deps.sources;
    const key = `${name}@${version}`;
    const [project, release, provenance, depsDevInfo] = await Promise.all([
      index.project(name),
      index.release(name, version),
      index.provenance(name, version),
      depsDev ? depsDev.version(name, version) : Promise.resolve(null),
    ]);
    const writes = [this.row('pypi-project', name, project), this.row('pypi-release', key, release), this.row('provenance', key, provenance)];
    if (depsDevInfo) writes.push(this.row('depsdev', key, depsDevInfo));
    const repo = repositoryOf(project.status === 'ok' ? project.value : null, depsDevInfo?.status === 'ok' ? depsDevInfo.value : null);
    if (scorecard && repo) writes.push(this.row('scorecard', repo, await scorecard.scorecard(repo)));
    await this.deps.store.transaction(async (tx) => {
      await writeData(tx, writes);
      await bump(tx, 'health');
    });
  }

  private row(kind: DataKind, key: string, outcome: Outcome<unknown>): DataWrite {
    const now = this.deps.clock.now();
    const ok = outcome.status === 'ok';
    const answered = ok || isNotFound(outcome);
    const lifetime = (answered ? this.deps.config.ttlSeconds : this.deps.config.retryFailedSeconds) * 1000;
    return {
      kind,
      key,
      status: isNotFound(outcome) ? 'not-found' : outcome.status,
      value: ok ? outcome.value : null,
      detail: ok ? (outcome.stale ?? null) : outcome.detail,
      fetched: new Date(now),
      expires: new Date(now + lifetime),
    };
  }
}
