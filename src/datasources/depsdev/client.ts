/**
 * deps.dev's v3 API: GetVersion (`/v3/systems/pypi/packages/{name}/versions/{version}`) and
 * GetProject (`/v3/projects/{id}`) for the source repository's stars, issues and Scorecard. Every
 * path segment is percent-encoded (a project id `github.com/o/r` travels as
 * `github.com%2Fo%2Fr`). deps.dev canonicalises versions (`3.10` comes back as `3.10.0`), so the
 * answer is matched to the question by PEP 440 equality, never by text. Unknown packages and
 * versions answer 404: "not indexed", a finding.
 */
import type { DepsDevInfo } from '../../core/model/package-info';
import type { Cache, Clock, DepsDevSource, Outcome } from '../../core/ports';
import { isValidVersion, normalizeName, versionsEqual } from '../../core/versions';
import { Freshness } from '../cached';
import type { HttpClient, HttpResponse } from '../http';
import { failure, jsonBody, notFound, unexpectedStatus } from '../outcome';
import { readProject, readVersion, type DepsDevProject, type DepsDevVersion } from './parse';

export const DEPS_DEV_API = 'https://api.deps.dev';

export interface DepsDevClientOptions {
  readonly http: HttpClient;
  readonly baseUrl?: string;
  readonly cache?: Cache | null;
  readonly clock?: Clock;
  readonly ttlMs?: number;
}

export class DepsDevClient implements DepsDevSource {
  private readonly baseUrl: string;
  private readonly freshness: Freshness;

  constructor(private readonly options: DepsDevClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEPS_DEV_API).replace(/\/+$/, '');
    this.freshness = new Freshness({ cache: options.cache ?? null, clock: options.clock ?? Date, source: 'deps.dev', ...(options.ttlMs !== undefined ? { ttlMs: { depsdev: options.ttlMs } } : {}) });
  }

  async version(name: string, version: string): Promise<Outcome<DepsDevInfo>> {
    const n = normalizeName(name);
    return this.freshness.get<DepsDevInfo>('depsdev', `${n}@${version}`, async () => {
      const found = await this.getVersion(n, version);
      if (found.status !== 'ok') return found;
      const project = found.value.projectId ? await this.getProject(found.value.projectId) : { status: 'ok' as const, value: null };
      if (project.status !== 'ok') return project;
      return { status: 'ok', value: { value: toInfo(found.value, project.value) } };
    });
  }

  private async getVersion(name: string, version: string): Promise<Outcome<DepsDevVersion>> {
    const response = await this.get(`/v3/systems/pypi/packages/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`);
    if (response.status !== 'ok') return response;
    if (response.value.status === 404) return notFound(`deps.dev: pypi ${name} ${version} is not indexed`);
    if (response.value.status !== 200) return unexpectedStatus(response.value);
    const body = jsonBody(response.value);
    if (body.status !== 'ok') return body;
    const parsed = readVersion(body.value);
    if (!parsed) return failure('invalid', `deps.dev: the answer for ${name} ${version} has no versionKey`);
    if (!sameVersion(parsed.version, version)) return failure('invalid', `deps.dev: asked for ${name} ${version}, answered ${parsed.version}`);
    return { status: 'ok', value: parsed };
  }

  /** A project deps.dev does not know (404) is simply not there: no stars, no Scorecard. */
  private async getProject(id: string): Promise<Outcome<DepsDevProject | null>> {
    const response = await this.get(`/v3/projects/${encodeURIComponent(id)}`);
    if (response.status !== 'ok') return response;
    if (response.value.status === 404) return { status: 'ok', value: null };
    if (response.value.status !== 200) return unexpectedStatus(response.value);
    const body = jsonBody(response.value);
    if (body.status !== 'ok') return body;
    const project = readProject(body.value, id);
    return project ? { status: 'ok', value: project } : failure('invalid', `deps.dev: the answer for project ${id} has no projectKey`);
  }

  private get(path: string): Promise<Outcome<HttpResponse>> {
    return this.options.http.request({ url: `${this.baseUrl}${path}` });
  }
}

function sameVersion(answered: string, asked: string): boolean {
  if (answered === asked) return true;
  return isValidVersion(answered) && isValidVersion(asked) && versionsEqual(answered, asked);
}

function toInfo(version: DepsDevVersion, project: DepsDevProject | null): DepsDevInfo {
  return {
    licenses: version.licenses,
    sourceRepository: version.projectId,
    attestations: version.attestations,
    advisoryIds: version.advisoryIds,
    projectStatus: version.projectStatus,
    stars: project?.stars ?? null,
    openIssues: project?.openIssues ?? null,
    scorecard: project?.scorecard ?? null,
  };
}
