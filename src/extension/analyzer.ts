/**
 * Runs the core's analyze() over the workspace and publishes Snapshots. A run reads what changed,
 * builds the projects and publishes them at once with the assessments already known (so
 * diagnostics follow an edit without waiting for the network), then asks only what the previous
 * complete analysis did not answer. A newer run supersedes an older one: the older one's results
 * are dropped and its progress item ends. In team mode a backend that does not answer is replaced
 * by OSV and PyPI directly, and the snapshot says so.
 */
import * as vscode from 'vscode';
import { analyze, packagesOf, type Analysis } from '../core/analyze';
import { buildProjects, type Project } from '../core/graph/projects';
import type { Decision } from '../core/model/risk';
import { packageKey, type Logger } from '../core/ports';
import type { Lifetime } from './ctx';
import { targetOf, type Settings } from './settings';
import { EMPTY_SNAPSHOT, failedSources, type Snapshot } from './snapshot';
import type { SourcesHolder } from './sources';
import type { Team } from './team';
import type { ManifestFiles } from './workspace-files';

/** Long enough to let a burst of keystrokes pass, short enough to feel immediate. */
export const EDIT_DEBOUNCE_MS = 150;

export interface RunTimings {
  readonly reason: string;
  /** From the start of the run to the first snapshot with the new text (ms). */
  readonly readMs: number;
  readonly totalMs: number;
  readonly packages: number;
  /** Packages whose answers were asked for (the rest were reused). */
  readonly asked: number;
}

export interface Analyzer {
  readonly snapshot: Snapshot;
  readonly onDidChange: vscode.Event<Snapshot>;
  /** Runs after a short pause; bursts of calls make one run. */
  schedule(reason: string, delayMs?: number): void;
  /** Runs now; `fresh` forgets earlier answers so that every package is asked again. */
  run(reason: string, fresh?: boolean): Promise<void>;
  /** Resolves once nothing is scheduled or running. */
  idle(): Promise<void>;
  readonly lastRun: RunTimings | null;
}

export interface AnalyzerDeps {
  readonly files: ManifestFiles;
  readonly sources: SourcesHolder;
  readonly team: Team;
  readonly settings: () => Settings;
  readonly log: Logger;
  /** Tells the user about a failure (once per distinct message). */
  readonly warn: (message: string) => void;
}

export function createAnalyzer(lifetime: Lifetime, deps: AnalyzerDeps): Analyzer {
  const changed = lifetime.own(new vscode.EventEmitter<Snapshot>());
  let snapshot: Snapshot = EMPTY_SNAPSHOT;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reasons = new Set<string>();
  let running = 0;
  const waiters: (() => void)[] = [];
  let previous: { analysis: Analysis; key: string } | undefined;
  let endProgress: (() => void) | undefined;
  let lastRun: RunTimings | null = null;
  lifetime.own({ dispose: () => clearTimeout(timer) });

  function publish(next: Snapshot, gen: number): void {
    if (gen !== generation) return;
    snapshot = next;
    changed.fire(next);
  }

  function settle(): void {
    if (timer !== undefined || running > 0) return;
    for (const resolve of waiters.splice(0)) resolve();
  }

  function schedule(reason: string, delayMs = EDIT_DEBOUNCE_MS): void {
    reasons.add(reason);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const why = [...reasons].join(', ');
      reasons.clear();
      void start(why);
    }, delayMs);
  }

  /**
   * A run asked for (a refresh, a decision just recorded) reads beachcomber.toml again: the
   * watcher's word that it changed may come after the run.
   */
  function run(reason: string, fresh = false): Promise<void> {
    deps.files.forgetDecisions();
    return start(reason, fresh);
  }

  async function start(reason: string, fresh = false): Promise<void> {
    if (fresh) previous = undefined;
    const gen = ++generation;
    endProgress?.();
    running++;
    try {
      await withProgress((end) => (endProgress = end), () => analyseOnce(gen, reason));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`analysis failed: ${message}`, { reason });
      publish({ ...snapshot, phase: 'failed', failure: message }, gen);
      deps.warn(`Beachcomber could not analyse the workspace: ${message}`);
    } finally {
      running--;
      settle();
    }
  }

  async function analyseOnce(gen: number, reason: string): Promise<void> {
    const started = Date.now();
    const settings = deps.settings();
    const reads = await deps.files.readAll();
    const repo = await deps.files.readDecisions();
    deps.team.setUrl(settings.sources.backendUrl);
    const teamOn = await deps.team.active();
    const teamDecisions = teamOn ? await deps.team.decisions() : ({ status: 'ok', value: [] } as const);
    if (gen !== generation) return;
    const notes: string[] = [];
    if (teamDecisions.status !== 'ok') notes.push(`The team's decisions are not available (${teamDecisions.detail}): only beachcomber.toml applies.`);
    const decisions: Decision[] = [...repo.decisions, ...(teamDecisions.status === 'ok' ? teamDecisions.value : [])];
    const readDone = Date.now();
    const projects = buildProjects(reads, targetOf(settings));
    const built = Date.now();
    publish({ ...snapshot, reads, projects, decisions, decisionProblems: repo.problems, phase: projects.length > 0 ? 'reading' : 'done', notes, failure: null }, gen);
    const readMs = Date.now() - started;
    const steps = { readMs: readDone - started, buildMs: built - readDone, renderMs: Date.now() - built };
    if (projects.length === 0) {
      lastRun = { reason, readMs, totalMs: readMs, packages: 0, asked: 0 };
      return;
    }
    const key = JSON.stringify([settings.sources, teamOn, decisions]);
    if (previous?.key !== key) previous = undefined;
    const asked = toAsk(projects, previous?.analysis);
    deps.log.info(`analysing ${projects.length} project(s) because ${reason}`, { packages: asked.total, asking: asked.count, team: teamOn, ...steps });
    const update = (analysis: Analysis, extra: readonly string[]) =>
      publish({ ...snapshot, assessments: analysis.assessments, sources: analysis.sources, phase: analysis.phase, analyzedAt: analysis.phase === 'done' && (asked.count > 0 || snapshot.analyzedAt == null) ? Date.now() : snapshot.analyzedAt, notes: [...notes, ...extra] }, gen);

    let analysis = await analyzeWith(settings, teamOn ? 'team' : 'direct', projects, decisions, previous?.analysis, (a, problems) => update(a, problems));
    const backend = analysis.analysis.sources.find((s) => s.name === 'backend');
    if (teamOn && backend && backend.status !== 'ok' && gen === generation) {
      const note = `The team backend did not answer (${backend.detail}): using OSV and PyPI directly.`;
      deps.log.warn(note);
      notes.push(note);
      analysis = await analyzeWith(settings, 'direct', projects, decisions, undefined, (a, problems) => update(a, problems));
    }
    if (gen !== generation) return;
    previous = { analysis: analysis.analysis, key };
    report(analysis.analysis, Date.now() - started);
    lastRun = { reason, readMs, totalMs: Date.now() - started, packages: asked.total, asked: asked.count };
  }

  async function analyzeWith(settings: Settings, mode: 'team' | 'direct', projects: readonly Project[], decisions: readonly Decision[], earlier: Analysis | undefined, onUpdate: (analysis: Analysis, problems: readonly string[]) => void): Promise<{ analysis: Analysis }> {
    const sources = await deps.sources.get(settings, mode, mode === 'team' ? await deps.team.token() : null);
    const problems = sources.problems.map((p) => `A data source could not be set up: ${p}`);
    const analysis = await analyze(projects, sources.ports, { decisions, provenance: settings.sources.provenance, ...(earlier ? { previous: earlier } : {}) }, (a) => onUpdate(a, problems));
    return { analysis };
  }

  /** The log says what each source answered; the user hears about failures once each. */
  function report(analysis: Analysis, ms: number): void {
    const unknown = [...analysis.assessments.values()].filter((a) => a.level === 'unknown').length;
    deps.log.info(`analysis done in ${ms} ms`, { packages: analysis.packages.length, unknown, sources: analysis.sources.map((s) => `${s.name}: ${s.status}`).join(', ') });
    for (const source of failedSources(snapshot)) deps.log.warn(`${source.name} did not answer: ${source.detail}`);
    const advisories = failedSources(snapshot).find((s) => s.name === 'osv' || s.name === 'offline-db' || s.name === 'backend');
    if (advisories && unknown > 0) deps.warn(`Beachcomber: ${advisories.name} did not answer, so the risk of ${unknown} package(s) is unknown (${advisories.detail}).`);
  }

  async function withProgress(setEnd: (end: () => void) => void, work: () => Promise<void>): Promise<void> {
    let end: () => void = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    setEnd(end);
    const task = work().finally(end);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: '$(shield) Beachcomber: analysing' }, () => ended);
    await task;
  }

  return {
    get snapshot() {
      return snapshot;
    },
    onDidChange: changed.event,
    schedule,
    run,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    get lastRun() {
      return lastRun;
    },
  };
}

/** How many packages the run will ask about: those without a complete earlier answer. */
function toAsk(projects: readonly Project[], earlier: Analysis | undefined): { total: number; count: number } {
  const packages = packagesOf(projects);
  if (!earlier || earlier.phase !== 'done') return { total: packages.length, count: packages.length };
  const count = packages.filter((p) => {
    const known = earlier.assessments.get(packageKey(p));
    return !known || known.unknown.length > 0 || known.level === 'unknown';
  }).length;
  return { total: packages.length, count };
}
