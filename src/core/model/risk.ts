import type { Advisory, RiskLevel } from './advisory';
import type { DepsDevInfo, Provenance, ProjectStatus, Scorecard } from './package-info';

/** Where a piece of evidence came from; shown next to it so every claim can be traced. */
export type SignalSource = 'osv' | 'offline-db' | 'pypi' | 'deps.dev' | 'scorecard' | 'backend' | 'team';

export type SignalKind =
  | 'malicious'
  | 'vulnerable'
  | 'yanked'
  | 'archived'
  | 'quarantined'
  | 'deprecated'
  | 'abandoned'
  | 'unmaintained'
  | 'no-provenance'
  | 'no-security-policy'
  | 'dangerous-workflow'
  | 'weak-scorecard'
  | 'not-on-index'
  | 'unknown-risk';

/** One explainable finding: what, how bad, why, on what evidence, and from which source. */
export interface Signal {
  readonly kind: SignalKind;
  readonly level: RiskLevel;
  readonly reason: string;
  readonly evidence: readonly string[];
  readonly source: SignalSource;
  /** The advisory behind the signal, for vulnerable / malicious. */
  readonly advisoryId?: string;
  /**
   * Set when an active team decision accepts this finding: the signal is still shown, but counts
   * as `info` towards the assessment's level (docs/risk-model.md, "Decisions").
   */
  readonly accepted?: boolean;
}

export type Action = 'fix' | 'fork' | 'forgo';

export type DecisionAction = Action | 'accept';

/** A team's decision about a package (beachcomber.toml in the repo, or the shared backend). */
export interface Decision {
  readonly package: string;
  readonly action: DecisionAction;
  readonly reason: string;
  readonly author: string;
  /** ISO date; an `accept` quiets findings until then. */
  readonly until: string | null;
  /** The fork or alternative chosen, for fork / forgo. */
  readonly replacement: string | null;
  /** Limits the decision to versions matching this PEP 440 specifier. */
  readonly versions: string | null;
  /** Limits the decision to one advisory. */
  readonly advisory: string | null;
  readonly origin: 'repo' | 'backend';
  readonly created: string | null;
}

/** Health facts about a package, as gathered (each part null when its source did not answer). */
export interface Health {
  readonly latest: string | null;
  readonly latestUploadTime: string | null;
  readonly versionUploadTime: string | null;
  readonly yanked: boolean | null;
  readonly yankedReason: string | null;
  readonly status: ProjectStatus | null;
  readonly provenance: Provenance | null;
  readonly scorecard: Scorecard | null;
  readonly depsDev: DepsDevInfo | null;
  readonly license: string | null;
  readonly repository: string | null;
  readonly projectUrls: Readonly<Record<string, string>>;
}

export interface Assessment {
  readonly name: string;
  readonly version: string;
  /** The highest level among the signals; `unknown` when a needed source did not answer. */
  readonly level: RiskLevel;
  readonly signals: readonly Signal[];
  readonly advisories: readonly Advisory[];
  /** The smallest release above the version in use, not yanked, that no known advisory affects. */
  readonly nearestSafe: string | null;
  readonly actions: readonly Action[];
  readonly health: Health | null;
  readonly decision: Decision | null;
  /** Sources that failed for this package, with why; a non-empty list means the picture is incomplete. */
  readonly unknown: readonly { readonly source: SignalSource; readonly detail: string }[];
}
