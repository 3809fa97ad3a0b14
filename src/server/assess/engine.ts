/**
 * Assessments answered from the server's own stores, fast: the advisory index (every active
 * mirror record, by PEP 503 name), the team's decisions and the health data are held in memory,
 * and each computed assessment is kept per package and version. Before answering, the engine
 * compares the change counters of this request with those its copies were built from and rebuilds
 * only what changed: the index when the mirror changed, the decisions when they changed, the
 * assessments of the packages whose health data arrived. Data the server does not have makes an
 * assessment `unknown`, never clean: an empty mirror, another ecosystem, an invalid name.
 */
import type { OsvRecord } from '../../core/model/advisory';
import type { DepsDevInfo, ProjectInfo } from '../../core/model/package-info';
import type { Clock, Outcome } from '../../core/ports';
import { isValidName, normalizeName } from '../../core/versions';
import { PYPI } from '../../protocol/common';
import type { AssessedPackage, PackageRef } from '../../protocol/assessment';
import type { DecisionRecord } from '../../protocol/decisions';
import type { MirrorSummary } from '../../protocol/mirror';
import type { AssessmentEntry, Assessor, MirrorService } from '../context';
import { listDecisions } from '../decisions/repo';
import { selectDecision, toCoreDecision } from '../decisions/select';
import { loadActiveRecords, pypiNames } from '../mirror/records';
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
}

interface Kept extends AssessmentEntry {
  readonly computedAt: number;
}

export class AssessmentEngine implements Assessor {
  private built: Versions | null = null;
  private rebuilding: Promise<void> | null = null;
  private index = new Map<string, OsvRecord[]>();
  private decisions = new Map<string, DecisionRecord[]>();
  private summary: MirrorSummary | null = null;
  private kept = new Map<string, Kept>();

  constructor(private readonly deps: EngineDeps) {}

  async assess(packages: readonly PackageRef[]): Promise<{ entries: AssessmentEntry[]; mirror: MirrorSummary }> {
    await this.current();
    const now = this.deps.clock.now();
    if (this.kept.size + packages.length > MAX_ENTRIES) this.kept = new Map();
    return { entries: packages.map((ref) => this.entry(ref, now)), mirror: this.summary! };
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
      this.index = indexByName(await loadActiveRecords(store));
      this.kept = new Map();
    }
    if (changed(before, versions, ['mirror', 'mirror-log'])) this.summary = await this.deps.mirror.summary();
    if (changed(before, versions, ['decisions'])) {
      this.decisions = byPackage(await listDecisions(store, null));
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
    const fresh: Kept = { item: this.compute(ref, now), json: null, computedAt: now };
    this.kept.set(key, fresh);
    return fresh;
  }

  private compute(ref: PackageRef, now: number): AssessedPackage {
    if (ref.ecosystem !== PYPI) return unknownAssessment(ref, ref.name, `the server has data for PyPI only, not for ${ref.ecosystem}`);
    if (!isValidName(ref.name)) return unknownAssessment(ref, ref.name, `${JSON.stringify(ref.name)} is not a valid Python package name`);
    const name = normalizeName(ref.name);
    const records = this.summary?.state === 'ready' ? this.deps.model.affecting(this.index.get(name) ?? [], name, ref.version) : null;
    const advisories: Outcome<readonly OsvRecord[]> = records ? { status: 'ok', value: records } : { status: 'unavailable', detail: EMPTY_MIRROR };
    const ids = new Set((records ?? []).flatMap((r) => [r.id, ...(r.aliases ?? [])]));
    const decision = selectDecision(this.decisions.get(name) ?? [], ref.version, ids);
    const assessment = this.deps.model.assess({
      name,
      version: ref.version,
      advisories,
      health: this.health(name, ref.version, now),
      decision: decision ? toCoreDecision(decision) : null,
      now,
    });
    return { ...assessment, ecosystem: PYPI, name, version: ref.version };
  }

  /** The cached health answers, asking the refresher for whatever is missing or old. */
  private health(name: string, version: string, now: number): HealthInputs | null {
    if (!this.deps.refresher) return null;
    const { data } = this.deps;
    const key = `${name}@${version}`;
    const project = data.outcome<ProjectInfo>('pypi-project', name);
    const depsDev = data.outcome<DepsDevInfo>('depsdev', key);
    const repo = repositoryOf(project.status === 'ok' ? project.value : null, depsDev.status === 'ok' ? depsDev.value : null);
    const due: [DataKind, string][] = [['pypi-project', name], ['pypi-release', key], ['provenance', key], ['depsdev', key]];
    if (repo) due.push(['scorecard', repo]);
    if (due.some(([kind, k]) => data.due(kind, k, now))) this.deps.refresher.request(name, version);
    return {
      project,
      release: data.outcome('pypi-release', key),
      provenance: data.outcome('provenance', key),
      depsDev,
      scorecard: repo ? data.outcome('scorecard', repo) : undefined,
    };
  }
}

function indexByName(records: readonly OsvRecord[]): Map<string, OsvRecord[]> {
  const index = new Map<string, OsvRecord[]>();
  for (const record of records) {
    for (const name of pypiNames(record)) {
      const list = index.get(name);
      if (list) list.push(record);
      else index.set(name, [record]);
    }
  }
  return index;
}

function byPackage(decisions: readonly DecisionRecord[]): Map<string, DecisionRecord[]> {
  const map = new Map<string, DecisionRecord[]>();
  for (const d of decisions) map.set(d.package, [...(map.get(d.package) ?? []), d]);
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
