/**
 * A faithful fake of deps.dev v3 (risk-data-apis.md §3 and §6.4): GetPackage, GetVersion and
 * GetProject with the router splitting on the RAW '/' and decoding each segment afterwards (a
 * project id `github.com%2Fpallets%2Fflask` is one segment), `:suffix` methods after the last
 * segment, a case-insensitive system in the path and upper case in answers, lowerCamelCase keys
 * with zero values emitted, PEP 503 names and deps.dev's canonical versions (`3.10` is stored as
 * `3.10.0` and found by PEP 440 equality), 404 for anything unknown.
 */
import * as pep440 from '@renovatebot/pep440';
import { normalize } from './osv-evaluator';
import { FakeServer, jsonReply, route, type FakeReply } from './server';

export interface DepsDevVersionData {
  readonly name: string;
  /** As deps.dev stores it (canonical). */
  readonly version: string;
  readonly licenses?: readonly string[];
  readonly advisoryIds?: readonly string[];
  readonly attestations?: readonly { type: string; verified: boolean; sourceRepository: string; commit?: string }[];
  readonly links?: readonly { label: string; url: string }[];
  readonly relatedProjects?: readonly { id: string; relationProvenance: string; relationType: string }[];
  readonly projectStatus?: { status: string; reason: string };
  readonly publishedAt?: string;
}

export interface DepsDevProjectData {
  readonly id: string;
  readonly starsCount?: number;
  readonly openIssuesCount?: number;
  readonly forksCount?: number;
  readonly license?: string;
  readonly description?: string;
  readonly scorecard?: Record<string, unknown>;
}

export class FakeDepsDev extends FakeServer {
  constructor(private readonly versions: readonly DepsDevVersionData[], private readonly projects: readonly DepsDevProjectData[]) {
    super([
      route('package', 'GET', '/v3/systems/:system/packages/:name', (_request, params) => this.getPackage(params)),
      route('version', 'GET', '/v3/systems/:system/packages/:name/versions/:version', (_request, params) => this.getVersion(params)),
      route('project', 'GET', '/v3/projects/:id', (_request, params) => this.getProject(params['id'] as string)),
    ]);
  }

  private find(params: Record<string, string>): { data: DepsDevVersionData | undefined; method: string | null } {
    const [version, method] = splitMethod(params['version'] as string);
    if ((params['system'] as string).toUpperCase() !== 'PYPI') return { data: undefined, method };
    const name = normalize(params['name'] as string);
    const valid = pep440.valid(version) != null;
    const data = this.versions.find((item) => item.name === name && (item.version === version || (valid && pep440.valid(item.version) != null && pep440.eq(item.version, version))));
    return { data, method };
  }

  private getPackage(params: Record<string, string>): FakeReply {
    const name = normalize(params['name'] as string);
    const versions = this.versions.filter((item) => item.name === name);
    if ((params['system'] as string).toUpperCase() !== 'PYPI' || versions.length === 0) return notFound('package not found');
    return jsonReply(200, { packageKey: { system: 'PYPI', name }, versions: versions.map((item) => ({ versionKey: versionKey(item), publishedAt: item.publishedAt ?? '', isDefault: false, isDeprecated: false, deprecatedReason: '' })) });
  }

  private getVersion(params: Record<string, string>): FakeReply {
    const { data, method } = this.find(params);
    if (!data) return notFound('version not found');
    if (method === 'requirements') return jsonReply(200, { pypi: { dependencies: [], providedExtras: [], externalDependencies: [], requiredPythonVersion: '' } });
    if (method != null) return jsonReply(400, { code: 3, message: `unknown method ${method}` });
    return jsonReply(200, {
      versionKey: versionKey(data),
      publishedAt: data.publishedAt ?? '2025-07-29T05:52:08Z',
      isDefault: false,
      isDeprecated: false,
      deprecatedReason: '',
      licenses: data.licenses ?? [],
      advisoryKeys: (data.advisoryIds ?? []).map((id) => ({ id })),
      links: data.links ?? [],
      slsaProvenances: [],
      attestations: (data.attestations ?? []).map((item) => ({ url: '', commit: '', ...item })),
      registries: ['https://pypi.org/simple'],
      relatedProjects: (data.relatedProjects ?? []).map((item) => ({ projectKey: { id: item.id }, relationProvenance: item.relationProvenance, relationType: item.relationType })),
      ...(data.projectStatus ? { projectStatus: data.projectStatus } : {}),
    });
  }

  private getProject(rawId: string): FakeReply {
    const [id, method] = splitMethod(rawId);
    const project = this.projects.find((item) => item.id.toLowerCase() === id.toLowerCase());
    if (!project) return notFound('project not found');
    if (method === 'packageversions') return jsonReply(200, { versions: [] });
    return jsonReply(200, {
      projectKey: { id: project.id },
      openIssuesCount: project.openIssuesCount ?? 0,
      starsCount: project.starsCount ?? 0,
      forksCount: project.forksCount ?? 0,
      license: project.license ?? '',
      description: project.description ?? '',
      homepage: '',
      ...(project.scorecard ? { scorecard: project.scorecard } : {}),
    });
  }
}

function splitMethod(segment: string): [string, string | null] {
  const colon = segment.lastIndexOf(':');
  return colon < 0 ? [segment, null] : [segment.slice(0, colon), segment.slice(colon + 1)];
}

function versionKey(data: DepsDevVersionData): Record<string, string> {
  return { system: 'PYPI', name: data.name, version: data.version };
}

function notFound(message: string): FakeReply {
  return jsonReply(404, { code: 5, message });
}
