/**
 * One analysis of a workspace, through the ports: every package of every project's graph is asked
 * about at once (advisories first, in one call), assessed, and reported; then health signals
 * (index, provenance, deps.dev, Scorecard) stream in and the assessments are rebuilt. The same
 * function serves the extension, the CLI and the backend.
 */
import type { OsvRecord } from './model/advisory';
import type { DepsDevInfo, ProjectInfo, Provenance, Scorecard } from './model/package-info';
import type { Assessment, Decision } from './model/risk';
import type { AdvisorySource, Clock, DepsDevSource, Outcome, PackageIndex, PackageVersion, ScorecardSource, SourceStatus } from './ports';
import { packageKey } from './ports';
import { mapLimit } from './concurrency';
import { reachability, type Reach } from './graph/graph';
import type { Project } from './graph/projects';
import { assess } from './risk/assess';
import type { RiskPolicy } from './risk/policy';
import { parseRepositoryUrl, repositoryFrom } from './upstream';

export interface AnalyzePorts {
  readonly advisories: AdvisorySource;
  /** Absent: health from the index is not asked (reported as 'off'). */
  readonly index?: PackageIndex;
  readonly depsDev?: DepsDevSource;
  readonly scorecard?: ScorecardSource;
  readonly clock: Clock;
}

export interface AnalyzeOptions {
  /** Ask the Integrity API for PEP 740 provenance of each release. */
  readonly provenance?: boolean;
  readonly policy?: RiskPolicy;
  readonly decisions?: readonly Decision[];
  /** How many health questions may be in flight at once. */
  readonly concurrency?: number;
  /** Assessments from an earlier run that had every answer are kept, not asked again. */
  readonly previous?: Analysis;
}

/** A package at a version as the workspace uses it. */
export interface PackageUse {
  readonly name: string;
  readonly version: string;
  readonly direct: boolean;
  /** Reached for the target environment (a marker can switch a package off). */
  readonly active: boolean;
  readonly depth: number | null;
  readonly groups: readonly string[];
  /** A few shortest introduced-through paths, each from a direct dependency to this package. */
  readonly paths: readonly (readonly string[])[];
  /** Ids of the projects that use it. */
  readonly projects: readonly string[];
}

export type SourceName = 'osv' | 'offline-db' | 'backend' | 'pypi' | 'deps.dev' | 'scorecard';

export interface SourceReport {
  readonly name: SourceName;
  readonly status: SourceStatus | 'off';
  readonly detail: string;
}

export type AnalysisPhase = 'advisories' | 'done';

export interface Analysis {
  readonly projects: readonly Project[];
  readonly packages: readonly PackageUse[];
  /** By packageKey (`name@version`). */
  readonly assessments: ReadonlyMap<string, Assessment>;
  readonly sources: readonly SourceReport[];
  readonly phase: AnalysisPhase;
}

interface Health {
  project?: Outcome<ProjectInfo | null>;
  provenance?: Outcome<Provenance>;
  depsDev?: Outcome<DepsDevInfo>;
  scorecard?: Outcome<Scorecard>;
}

/**
 * Analyses the projects. `onUpdate` sees the result after the advisories (phase 'advisories')
 * and at the end (phase 'done'); the promise resolves to the final one.
 */
export async function analyze(projects: readonly Project[], ports: AnalyzePorts, options: AnalyzeOptions = {}, onUpdate?: (analysis: Analysis) => void): Promise<Analysis> {
  const packages = packagesOf(projects);
  const reused = reusable(options.previous);
  const asked = packages.filter((p) => !reused.has(packageKey(p)));

  const advisories = asked.length > 0 ? await ports.advisories.advisories(asked) : ({ status: 'ok', value: new Map() } as const);
  const advisoryFor = (p: PackageVersion): Outcome<readonly OsvRecord[]> => recordsFor(advisories, packageKey(p), ports.advisories.name);
  const now = ports.clock.now();
  const build = (health: ReadonlyMap<string, Health>, sources: SourceReport[], phase: AnalysisPhase): Analysis => {
    const assessments = new Map<string, Assessment>();
    for (const p of packages) {
      const key = packageKey(p);
      const kept = reused.get(key);
      if (kept) {
        assessments.set(key, kept);
        continue;
      }
      const h = health.get(key) ?? {};
      assessments.set(
        key,
        assess({
          name: p.name,
          version: p.version,
          advisories: advisoryFor(p),
          advisorySource: ports.advisories.name,
          ...(ports.advisories.recordsFor ? { packageRecords: ports.advisories.recordsFor(p.name) } : {}),
          ...h,
          now,
          ...(options.decisions ? { decisions: options.decisions } : {}),
          ...(options.policy ? { policy: options.policy } : {}),
        }),
      );
    }
    return { projects, packages, assessments, sources, phase };
  };

  const advisoryReport = report(ports.advisories.name, [advisories], asked.length, missing(advisories, asked));
  onUpdate?.(build(new Map(), [advisoryReport], 'advisories'));

  const health = await healthOf(asked, ports, options);
  const final = build(health.byPackage, [advisoryReport, ...health.reports], 'done');
  onUpdate?.(final);
  return final;
}

/** Every versioned package from an index that some project's graph holds, merged across projects. */
export function packagesOf(projects: readonly Project[]): PackageUse[] {
  // Airflow's 995 nodes carry 124,000 group memberships: a package used by one project takes its
  // (sorted, distinct) groups as they are, and only one shared by several projects merges them.
  const byKey = new Map<string, { name: string; version: string; reached: Reach[]; depth: number | null; projects: string[] }>();
  for (const project of projects) {
    const reach = reachability(project.graph);
    for (const node of project.graph.nodes.values()) {
      if (node.isProject || node.version == null) continue;
      if (node.source != null && node.source.type !== 'registry') continue;
      const key = packageKey({ name: node.name, version: node.version });
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { name: node.name, version: node.version, reached: [], depth: null, projects: [] }));
      const r = reach.get(node.id);
      if (r) {
        entry.reached.push(r);
        entry.depth = entry.depth == null ? r.depth : Math.min(entry.depth, r.depth);
      }
      if (!entry.projects.includes(project.id)) entry.projects.push(project.id);
    }
  }
  const out: PackageUse[] = [];
  for (const { name, version, reached, depth, projects: ids } of byKey.values()) {
    out.push({
      name,
      version,
      direct: depth === 0,
      active: reached.length > 0,
      depth,
      groups: reached.length === 1 ? reached[0]!.groups : [...new Set(reached.flatMap((r) => r.groups))].sort(),
      paths: reached.flatMap((r) => r.paths).slice(0, 3),
      projects: ids.sort(),
    });
  }
  // Code-unit order: names are normalised ASCII, and localeCompare costs milliseconds on Airflow's graph.
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/** Earlier assessments that had every answer; anything incomplete is asked again. */
function reusable(previous: Analysis | undefined): ReadonlyMap<string, Assessment> {
  const out = new Map<string, Assessment>();
  if (!previous || previous.phase !== 'done') return out;
  for (const [key, a] of previous.assessments) if (a.unknown.length === 0 && a.level !== 'unknown') out.set(key, a);
  return out;
}

function recordsFor(answer: Outcome<ReadonlyMap<string, readonly OsvRecord[]>>, key: string, source: string): Outcome<readonly OsvRecord[]> {
  if (answer.status !== 'ok') return answer;
  const records = answer.value.get(key);
  if (records === undefined) return { status: 'unavailable', detail: `${source} did not answer for this package` };
  return answer.stale ? { status: 'ok', value: records, stale: answer.stale } : { status: 'ok', value: records };
}

function missing(answer: Outcome<ReadonlyMap<string, readonly OsvRecord[]>>, asked: readonly PackageVersion[]): number {
  if (answer.status !== 'ok') return asked.length;
  return asked.filter((p) => !answer.value.has(packageKey(p))).length;
}

/** One line per source: ok, or the worst failure with how many answers it cost. */
function report(name: SourceName, outcomes: readonly Outcome<unknown>[], asked: number, unanswered = 0): SourceReport {
  const failures = outcomes.filter((o): o is Exclude<Outcome<unknown>, { status: 'ok' }> => o.status !== 'ok' && o.notFound !== true);
  const stale = outcomes.find((o): o is Extract<Outcome<unknown>, { status: 'ok' }> => o.status === 'ok' && o.stale !== undefined);
  if (failures.length === 0 && unanswered === 0) return { name, status: 'ok', detail: stale?.stale ?? `${asked} answered` };
  const first = failures[0];
  const status = first?.status ?? 'unavailable';
  const count = Math.max(failures.length, unanswered);
  return { name, status, detail: `${first?.detail ?? 'no answer'}${asked > 1 ? ` (${count} of ${asked} unanswered)` : ''}` };
}

/** Health questions, bounded in parallel: one project page per name, then per-release and per-repository facts. */
async function healthOf(packages: readonly PackageUse[], ports: AnalyzePorts, options: AnalyzeOptions): Promise<{ byPackage: Map<string, Health>; reports: SourceReport[] }> {
  const limit = options.concurrency ?? 16;
  const byPackage = new Map<string, Health>(packages.map((p) => [packageKey(p), {}]));
  const reports: SourceReport[] = [];
  const names = [...new Set(packages.map((p) => p.name))];

  const projects = new Map<string, Outcome<ProjectInfo | null>>();
  if (ports.index) {
    const index = ports.index;
    const answers = await mapLimit(names, limit, (name) => index.project(name));
    names.forEach((name, i) => projects.set(name, notFoundAsNull(answers[i]!)));
    let provenance: Outcome<Provenance>[] = [];
    if (options.provenance !== false) provenance = await mapLimit(packages, limit, (p) => index.provenance(p.name, p.version));
    packages.forEach((p, i) => {
      const h = byPackage.get(packageKey(p))!;
      h.project = projects.get(p.name)!;
      if (provenance[i] && !(provenance[i]!.status !== 'ok' && provenance[i]!.notFound)) h.provenance = provenance[i]!;
    });
    reports.push(report('pypi', [...projects.values(), ...provenance], names.length));
  } else {
    reports.push({ name: 'pypi', status: 'off', detail: 'not asked' });
  }

  const depsDev = new Map<string, Outcome<DepsDevInfo>>();
  if (ports.depsDev) {
    const source = ports.depsDev;
    const answers = await mapLimit(packages, limit, (p) => source.version(p.name, p.version));
    packages.forEach((p, i) => {
      const answer = answers[i]!;
      depsDev.set(packageKey(p), answer);
      if (!(answer.status !== 'ok' && answer.notFound)) byPackage.get(packageKey(p))!.depsDev = answer;
    });
    reports.push(report('deps.dev', answers, packages.length));
  } else {
    reports.push({ name: 'deps.dev', status: 'off', detail: 'not asked' });
  }

  if (ports.scorecard) {
    const source = ports.scorecard;
    const repoOf = new Map<string, string>();
    for (const p of packages) {
      const repo = repositoryOf(projects.get(p.name), depsDev.get(packageKey(p)));
      if (repo) repoOf.set(packageKey(p), repo);
    }
    const repos = [...new Set(repoOf.values())];
    const answers = await mapLimit(repos, limit, (repo) => source.scorecard(repo));
    const byRepo = new Map(repos.map((repo, i) => [repo, answers[i]!]));
    for (const [key, repo] of repoOf) {
      const answer = byRepo.get(repo)!;
      if (!(answer.status !== 'ok' && answer.notFound)) byPackage.get(key)!.scorecard = answer;
    }
    reports.push(report('scorecard', answers, repos.length));
  } else {
    reports.push({ name: 'scorecard', status: 'off', detail: 'not asked' });
  }
  return { byPackage, reports };
}

/** assess() reads `ok` with null as "the index does not know this name". */
function notFoundAsNull(answer: Outcome<ProjectInfo>): Outcome<ProjectInfo | null> {
  if (answer.status !== 'ok' && answer.notFound) return { status: 'ok', value: null };
  return answer;
}

/** `github.com/owner/repo`, from deps.dev's verified source link, else from the project's own URLs. */
function repositoryOf(project: Outcome<ProjectInfo | null> | undefined, depsDev: Outcome<DepsDevInfo> | undefined): string | null {
  const verified = depsDev?.status === 'ok' && depsDev.value.sourceRepository ? parseRepositoryUrl(depsDev.value.sourceRepository) : null;
  const repo = verified ?? (project?.status === 'ok' && project.value ? repositoryFrom(project.value.projectUrls) : null);
  return repo && repo.host === 'github' ? `github.com/${repo.owner}/${repo.name}` : null;
}
