/**
 * The inventory of a project (or of every project): one row per package and version with the
 * "beach cleaning" spreadsheet's columns, built from the snapshot, the assessment, the cached PyPI
 * / deps.dev / Scorecard data and the team's decisions.
 */
import { PackageURL } from 'packageurl-js';
import type { ProjectInfo } from '../../core/model/package-info';
import type { AssessedPackage } from '../../protocol/assessment';
import type { DecisionRecord } from '../../protocol/decisions';
import type { InventoryRow, Maintenance } from '../../protocol/inventory';
import type { Assessor } from '../context';
import { listDecisions } from '../decisions/repo';
import { mostSpecificFirst, recordOf } from '../decisions/select';
import type { Queryable } from '../store/store';
import { toNumber } from '../store/store';

export interface InventoryEntry {
  readonly row: InventoryRow;
  readonly assessment: AssessedPackage;
  readonly decision: DecisionRecord | null;
  /** Introduced-through paths (names), for the CycloneDX dependency graph. */
  readonly paths: readonly (readonly string[])[];
}

interface Used {
  readonly name: string;
  readonly version: string;
  depth: number;
  readonly projects: Set<string>;
  readonly paths: string[][];
}

/** The packages of one project, or of all of them merged by name and version (smallest depth). */
async function usedPackages(db: Queryable, project: string | null): Promise<Used[]> {
  const sql = 'SELECT project, name, version, depth, paths FROM project_packages';
  const rows = project == null ? await db.query(`${sql} ORDER BY name COLLATE "C", version COLLATE "C"`) : await db.query(`${sql} WHERE project = $1 ORDER BY name COLLATE "C", version COLLATE "C"`, [project]);
  const byKey = new Map<string, Used>();
  for (const r of rows) {
    const key = `${String(r['name'])}@${String(r['version'])}`;
    const used = byKey.get(key) ?? { name: String(r['name']), version: String(r['version']), depth: Infinity, projects: new Set<string>(), paths: [] };
    used.depth = Math.min(used.depth, toNumber(r['depth']));
    used.projects.add(String(r['project']));
    const paths = (typeof r['paths'] === 'string' ? JSON.parse(r['paths']) : r['paths']) as string[][];
    used.paths.push(...paths);
    byKey.set(key, used);
  }
  return [...byKey.values()];
}

export function purlOf(name: string, version: string): string {
  return new PackageURL('pypi', null, name, version, null, null).toString();
}

function maintenanceOf(assessment: AssessedPackage): Maintenance {
  const kinds = new Set(assessment.signals.map((s) => s.kind));
  for (const kind of ['quarantined', 'archived', 'deprecated', 'abandoned', 'unmaintained'] as const) if (kinds.has(kind)) return kind;
  const status = assessment.health?.status ?? null;
  if (status && status !== 'active') return status;
  return status === 'active' || assessment.health?.latest ? 'active' : 'unknown';
}

function communityOf(assessment: AssessedPackage): string | null {
  const depsDev = assessment.health?.depsDev ?? null;
  const scorecard = assessment.health?.scorecard ?? depsDev?.scorecard ?? null;
  const parts: string[] = [];
  if (depsDev?.stars != null) parts.push(`${depsDev.stars.toLocaleString('en-US')} stars`);
  if (depsDev?.openIssues != null) parts.push(`${depsDev.openIssues.toLocaleString('en-US')} open issues`);
  if (scorecard) parts.push(`Scorecard ${scorecard.score.toFixed(1)}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

const VCS_LABEL = /^(source|source code|repository|code|github|gitlab|vcs)$/i;
const VCS_HOST = /^https?:\/\/(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//i;

/** deps.dev's source repository, else a project URL labelled as the source, else one on a code host. */
function vcsOf(assessment: AssessedPackage): string | null {
  const health = assessment.health;
  const repo = health?.repository ?? health?.depsDev?.sourceRepository ?? null;
  if (repo) return /^[a-z]+:\/\//i.test(repo) ? repo : `https://${repo}`;
  const urls = Object.entries(health?.projectUrls ?? {});
  return urls.find(([label]) => VCS_LABEL.test(label.trim()))?.[1] ?? urls.find(([, url]) => VCS_HOST.test(url))?.[1] ?? null;
}

function licensesOf(assessment: AssessedPackage): string[] {
  const fromDepsDev = assessment.health?.depsDev?.licenses ?? [];
  if (fromDepsDev.length > 0) return [...fromDepsDev];
  const license = assessment.health?.license ?? null;
  return license ? [license] : [];
}

/** "accept by alice until 2026-12-31 (advisory GHSA-…): reason". */
export function describeDecision(decision: DecisionRecord | null): string | null {
  if (!decision) return null;
  const scope = [decision.versions ? `versions ${decision.versions}` : null, decision.advisory ? `advisory ${decision.advisory}` : null].filter(Boolean);
  const until = decision.expires ? ` until ${decision.expires}` : '';
  const replacement = decision.replacement ? ` → ${decision.replacement}` : '';
  return `${decision.action}${replacement} by ${decision.author}${until}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}: ${decision.reason}`;
}

function buildRow(used: Used, assessment: AssessedPackage, project: ProjectInfo | null, decision: DecisionRecord | null): InventoryRow {
  return {
    name: used.name,
    author: project?.author ?? (project && project.maintainers.length > 0 ? project.maintainers.join(', ') : null),
    version: used.version,
    description: project?.summary ?? null,
    direct: used.depth === 0,
    depth: used.depth,
    licenses: licensesOf(assessment),
    purl: purlOf(used.name, used.version),
    pypiUrl: `https://pypi.org/project/${used.name}/${used.version}/`,
    vcsUrl: vcsOf(assessment),
    unpatchedAdvisories: assessment.advisories.map((a) => a.id).sort(),
    trustedPublishing: assessment.health?.provenance?.trustedPublishing ?? null,
    maintenance: maintenanceOf(assessment),
    community: communityOf(assessment),
    level: assessment.level,
    decision: describeDecision(decision),
    projects: [...used.projects].sort(),
  };
}

export async function inventoryEntries(db: Queryable, assessor: Assessor, project: string | null): Promise<InventoryEntry[]> {
  const used = await usedPackages(db, project);
  const { entries } = await assessor.assess(used.map((u) => ({ ecosystem: 'PyPI', name: u.name, version: u.version })));
  const decisions = new Map<string, DecisionRecord[]>();
  for (const d of mostSpecificFirst(await listDecisions(db, null))) decisions.set(d.package, [...(decisions.get(d.package) ?? []), d]);
  return used.map((u, i) => {
    const assessment = entries[i]!.item;
    const decision = recordOf(decisions.get(u.name) ?? [], assessment.decision);
    return { row: buildRow(u, assessment, assessor.projectInfo(u.name), decision), assessment, decision, paths: u.paths };
  });
}
