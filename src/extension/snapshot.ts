/**
 * What the extension knows at one moment: the files read, the projects built from them, the
 * assessments the last analysis produced, the team's decisions and how each source answered.
 * Every view (diagnostics, hovers, the tree, the status bar) renders from a Snapshot and nothing
 * else, so no view ever fetches (docs/architecture.md, invariant 3).
 */
import type { SourceReport } from '../core/analyze';
import type { Project, ManifestRead } from '../core/graph/projects';
import type { Problem } from '../core/model/dependency';
import type { Assessment, Decision } from '../core/model/risk';

export type SnapshotPhase = 'reading' | 'advisories' | 'done' | 'failed';

export interface Snapshot {
  readonly reads: readonly ManifestRead[];
  readonly projects: readonly Project[];
  /** By packageKey (`name@version`); may hold answers from an earlier analysis while a new one runs. */
  readonly assessments: ReadonlyMap<string, Assessment>;
  readonly decisions: readonly Decision[];
  /** Problems of each beachcomber.toml read, by path. */
  readonly decisionProblems: readonly Problem[];
  readonly sources: readonly SourceReport[];
  /** When the data behind the assessments was gathered (ms since the epoch), null before the first answer. */
  readonly analyzedAt: number | null;
  readonly phase: SnapshotPhase;
  /** Things the user must know about this analysis (the team backend fell back, a source could not be set up). */
  readonly notes: readonly string[];
  /** Why the last analysis failed altogether, if it did. */
  readonly failure: string | null;
}

export const EMPTY_SNAPSHOT: Snapshot = {
  reads: [],
  projects: [],
  assessments: new Map(),
  decisions: [],
  decisionProblems: [],
  sources: [],
  analyzedAt: null,
  phase: 'reading',
  notes: [],
  failure: null,
};

/** Sources that did not answer, as `osv: HTTP 503 …`. */
export function failedSources(snapshot: Snapshot): SourceReport[] {
  return snapshot.sources.filter((source) => source.status !== 'ok' && source.status !== 'off');
}
