/**
 * deps.dev v3 bodies (risk-data-apis.md §3): lowerCamelCase keys, enums as strings, zero values
 * present or absent alike. GetVersion gives licences, advisories, PEP 740 attestations, the PEP 792
 * status and the source project; GetProject gives stars, open issues and the Scorecard.
 */
import type { ProjectStatus, Scorecard } from '../../core/model/package-info';
import { isObject, stringOrNull } from '../outcome';
import { readScorecard, repositoryId } from '../scorecard/parse';
import { readProjectStatus } from '../pypi/simple';

export interface DepsDevVersion {
  readonly version: string;
  readonly licenses: readonly string[];
  readonly advisoryIds: readonly string[];
  readonly attestations: readonly { readonly type: string; readonly verified: boolean; readonly sourceRepository: string | null }[];
  readonly projectStatus: ProjectStatus | null;
  /** `github.com/owner/repo`, the project key deps.dev's GetProject takes. */
  readonly projectId: string | null;
}

export interface DepsDevProject {
  readonly stars: number | null;
  readonly openIssues: number | null;
  readonly scorecard: Scorecard | null;
}

export function readVersion(body: unknown): DepsDevVersion | null {
  if (!isObject(body) || !isObject(body['versionKey']) || typeof body['versionKey']['version'] !== 'string') return null;
  const status = isObject(body['projectStatus']) ? body['projectStatus'] : {};
  return {
    version: body['versionKey']['version'],
    licenses: strings(body['licenses']),
    advisoryIds: objects(body['advisoryKeys']).map((key) => stringOrNull(key['id'])).filter((id): id is string => id != null),
    attestations: objects(body['attestations']).map((attestation) => ({
      type: typeof attestation['type'] === 'string' ? attestation['type'] : '',
      verified: attestation['verified'] === true,
      sourceRepository: stringOrNull(attestation['sourceRepository']),
    })),
    projectStatus: readProjectStatus(status['status']),
    projectId: projectIdOf(body),
  };
}

/**
 * The source repository: a related project deps.dev verified through a PyPI publish attestation
 * first, then any SOURCE_REPO relation, then the (unverified) SOURCE_REPO link from the metadata.
 */
function projectIdOf(body: Record<string, unknown>): string | null {
  const related = objects(body['relatedProjects']).filter((project) => project['relationType'] === 'SOURCE_REPO');
  const ranked = [...related.filter((project) => project['relationProvenance'] === 'PYPI_PUBLISH_ATTESTATION'), ...related];
  for (const project of ranked) {
    const key = isObject(project['projectKey']) ? stringOrNull(project['projectKey']['id']) : null;
    if (key) return key;
  }
  for (const link of objects(body['links'])) {
    if (link['label'] !== 'SOURCE_REPO' || typeof link['url'] !== 'string') continue;
    const id = repositoryId(link['url']);
    if (id) return id;
  }
  return null;
}

export function readProject(body: unknown, projectId: string): DepsDevProject | null {
  if (!isObject(body) || !isObject(body['projectKey'])) return null;
  return {
    stars: typeof body['starsCount'] === 'number' ? body['starsCount'] : null,
    openIssues: typeof body['openIssuesCount'] === 'number' ? body['openIssuesCount'] : null,
    scorecard: isObject(body['scorecard']) ? readScorecard(body['scorecard'], projectId) : null,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
