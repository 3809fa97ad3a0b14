/**
 * Assessments answered from the server's own stores, fast: the advisory index (every active
 * mirror record, by PEP 503 name), the team's decisions and the health data are held in memory,
 * and each computed assessment is kept per package and version. Before answering, the engine
 * compares the change counters of this request with those its copies were built from and rebuilds
 * only what changed: the index when the mirror changed, the decisions when they changed, the
 * assessments of the packages whose health data arrived. Data the server does not have makes an
 * assessment `unknown`, never clean: an empty mirror, another ecosystem, an invalid name.
 */
import type { DepsDevInfo, ProjectInfo, Scorecard } from '../../core/model/package-info';
import type { OsvRecord, RiskLevel } from '../../core/model/advisory';
import type { Clock, Outcome } from '../../core/ports';
import { isValidName, normalizeName } from '../../core/versions';
import { buildAdvisoryIndex, lookupAdvisories, recordsFor, type AdvisoryIndex } from '../../core/offline/advisory-index';
import { isNotFound } from '../../datasources/outcome';
import { PYPI } from '../../protocol/common';
import type { AssessedPackage, PackageRef } from '../../protocol/assessment';
import type { Decision } from '../../core/model/risk';
import type { DecisionRecord } from '../../protocol/decisions';
import type { MirrorSummary } from '../../protocol/mirror';
import type { AssessmentEntry, Assessor, MirrorService } from '../context';
import { listDecisions } from '../decisions/repo';
import { toCoreDecision } from '../../protocol/decisions';
import { mostSpecificFirst } from '../decisions/select';
import { loadActiveRecords } from '../mirror/records';
import type { PackageData } from '../signals/cache';
import type { DataKind } from '../signals/data';
import { repositoryOf, type Refresher } from '../signals/refresher';
import { changed, type StateKey, type StateWatcher, type Versions } from '../state';
import type { Store } from '../store/store';
import type { HealthInputs, RiskModel } from './model';

/** Assessments depend on the date (expiring decisions, age of releases): recompute after this. */
const MAX_AGE_MS = 5 * 60 * 1000;
/** A bound on memory: past this many kept assessments, the cache starts over. */
const MAX_ENTRIES = 100_000;
const WATCHED: readonly StateKey[] = ['mirror', 'mirror-log', 'decisions', 'health'];

export const EMPTY_MIRROR = "the server's OSV mirror is empty: it was never imported (beachcomber-server mirror import, or mirror sync)";

export interface EngineDeps {
  readonly store: Store;
  readonly state: StateWatcher;
  readonly mirror: MirrorService;
  readonly data: PackageData;
  /** Null when health data is off: assessments then carry no health signals, and do not ask. */
  readonly refresher: Refresher | null;
  readonly clock: Clock;
  readonly model: RiskModel;
  /** Whether deps.dev and Scorecard are asked (each can be switched off). */
  readonly depsDevEnabled: boolean;
  readonly scorecardEnabled: boolean;
}

interface Kept extends AssessmentEntry {
  readonly computedAt: number;
}

export class AssessmentEngine implements Assessor {
  private built: Versions | null = null;
  private rebuilding: Promise<void> | null = null;
  private index: AdvisoryIndex = buildAdvisoryIndex([]);
  private byId = new Map<string, OsvRecord>();
  private decisions = new Map<string, Decision[]>();
  private summary: MirrorSummary | null = null;
  private kept = new Map<string, Kept>();

  constructor(private readonly deps: EngineDeps) {}

  async assess(packages: readonly PackageRef[]): Promise<{ entries: AssessmentEntry[]; mirror: MirrorSummary }> {
    await this.current();
    const now = this.deps.clock.now();
    if (this.kept.size + packages.length > MAX_ENTRIES) this.kept = new Map();
    return { entries: packages.map((ref) => this.entry(ref, now)), mirror: this.summary! };
  }

  records(ids: Iterable<string>): OsvRecord[] {
    return [...ids].flatMap((id) => this.byId.get(id) ?? []);
  }

  projectInfo(name: string): ProjectInfo | null {
    const outcome = this.deps.data.outcome<ProjectInfo>('pypi-project', normalizeName(name));
    return outcome.status === 'ok' ? outcome.value : null;
  }

  /** Brings the in-memory copies up to this request's counters (one rebuild at a time). */
  private async current(): Promise<void> {
    while (changed(this.built, await this.deps.state.versions(), WATCHED)) {
      this.rebuilding ??= this.rebuild(await this.deps.state.versions()).finally(() => {
        this.rebuilding = null;
      });
      await this.rebuilding;
    }
  }

  private async rebuild(versions: Versions): Promise<void> {
    const before = this.built;
    const { store } = this.deps;
    if (changed(before, versions, ['mirror'])) {
      const records = await loadActiveRecords(store);
      this.index = buildAdvisoryIndex(records);
      this.byId = new Map(records.map((r) => [r.id, r]));
      this.kept = new Map();
    }
    if (changed(before, versions, ['mirror', 'mirror-log'])) this.summary = await this.deps.mirror.summary();
    if (changed(before, versions, ['decisions'])) {
      this.decisions = byPackage(mostSpecificFirst(await listDecisions(store, null)));
      this.kept = new Map();
    }
    if (changed(before, versions, ['health'])) {
      const touched = await this.deps.data.refresh(store);
      for (const [key, entry] of this.kept) if (touched.has(entry.item.name)) this.kept.delete(key);
    }
    this.built = versions;
  }

  private entry(ref: PackageRef, now: number): AssessmentEntry {
    const key = ref.ecosystem === PYPI ? `${normalizeName(ref.name)}@${ref.version}` : `${ref.ecosystem}\u0000${ref.name}@${ref.version}`;
    const kept = this.kept.get(key);
    if (kept && now - kept.computedAt < MAX_AGE_MS) return kept;
    const { item, recordIds } = this.compute(ref, now);
    const fresh: Kept = { item, recordIds, json: null, computedAt: now };
    this.kept.set(key, fresh);
    return fresh;
  }

  private compute(ref: PackageRef, now: number): { item: AssessedPackage; recordIds: string[] } {
    if (ref.ecosystem !== PYPI) return { item: unknownAssessment(ref, ref.name, `the server has data for PyPI only, not for ${ref.ecosystem}`), recordIds: [] };
    if (!isValidName(ref.name)) return { item: unknownAssessment(ref, ref.name, `${JSON.stringify(ref.name)} is not a valid Python package name`), recordIds: [] };
    const name = normalizeName(ref.name);
    const records = this.summary?.state === 'ready' ? lookupAdvisories(this.index, name, ref.version) : null;
    const advisories: Outcome<readonly OsvRecord[]> = records ? { status: 'ok', value: records } : { status: 'unavailable', detail: EMPTY_MIRROR };
    const assessment = this.deps.model.assess({
      name,
      version: ref.version,
      advisories,
      packageRecords: recordsFor(this.index, name),
      health: this.health(name, ref.version, now),
      decisions: this.decisions.get(name) ?? [],
      now,
    });
    const level = withoutIndexData(assessment.level, this.deps.refresher != null && !this.hasProjectData(name));
    return { item: { ...assessment, level, ecosystem: PYPI, name, version: ref.version }, recordIds: (records ?? []).map((r) => r.id) };
  }

  /** Whether the index has answered about the project (known or not), now or before. */
  private hasProjectData(name: string): boolean {
    const outcome = this.deps.data.outcome('pypi-project', name);
    return outcome.status === 'ok' || isNotFound(outcome);
  }

  /** The cached health answers, asking the refresher for whatever is missing or old. */
  private health(name: string, version: string, now: number): HealthInputs | null {
    if (!this.deps.refresher) return null;
    const { data } = this.deps;
    const key = `${name}@${version}`;
    const stored = data.outcome<ProjectInfo>('pypi-project', name);
    const depsDev = this.deps.depsDevEnabled ? answered(data.outcome<DepsDevInfo>('depsdev', key)) : undefined;
    const repo = repositoryOf(stored.status === 'ok' ? stored.value : null, depsDev?.status === 'ok' ? depsDev.value : null);
    const due: [DataKind, string][] = [['pypi-project', name], ['pypi-release', key], ['provenance', key]];
    if (depsDev) due.push(['depsdev', key]);
    if (repo && this.deps.scorecardEnabled) due.push(['scorecard', repo]);
    if (due.some(([kind, k]) => data.due(kind, k, now))) this.deps.refresher.request(name, version);
    // "Not on the index" is an answer about the package: the project is unknown, and so are its
    // release and provenance, which are then not asked about at all.
    if (isNotFound(stored)) return { project: { status: 'ok', value: null }, release: undefined, provenance: undefined, depsDev, scorecard: undefined };
    return {
      project: stored,
      release: data.outcome('pypi-release', key),
      provenance: data.outcome('provenance', key),
      depsDev,
      scorecard: repo && this.deps.scorecardEnabled ? answered(data.outcome<Scorecard>('scorecard', repo)) : undefined,
    };
  }
}

/** The core's decisions by package, keeping the order given. */
/** deps.dev or Scorecard not knowing a package is no failure: there is just nothing to add. */
function answered<T>(outcome: Outcome<T>): Outcome<T> | undefined {
  return isNotFound(outcome) ? undefined : outcome;
}

/**
 * Without the index's word on a package (not fetched yet, or the index failed and nothing was
 * kept) the server cannot call it clean: an archived, yanked or unknown project would look fine.
 * A level at or above `low` stands, since what is known is bad enough; `none` and `info` become
 * `unknown`. deps.dev and Scorecard are extras: their failures are listed, the level stays.
 */
function withoutIndexData(level: RiskLevel, missing: boolean): RiskLevel {
  return missing && (level === 'none' || level === 'info') ? 'unknown' : level;
}

function byPackage(decisions: readonly DecisionRecord[]): Map<string, Decision[]> {
  const map = new Map<string, Decision[]>();
  for (const d of decisions) map.set(d.package, [...(map.get(d.package) ?? []), toCoreDecision(d)]);
  return map;
}

/** What the server says about a package it has no data for: unknown, with why. */
export function unknownAssessment(ref: PackageRef, name: string, detail: string): AssessedPackage {
  return {
    ecosystem: ref.ecosystem,
    name,
    version: ref.version,
    level: 'unknown',
    signals: [],
    advisories: [],
    nearestSafe: null,
    actions: [],
    health: null,
    decision: null,
    unknown: [{ source: 'backend', detail }],
  };
}
