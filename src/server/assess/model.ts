/**
 * What the engine asks of the core's risk model. The server owns no OSV evaluator and no risk
 * rules of its own: `core-model.ts` binds this to src/core/advisories and src/core/risk.
 */
import type { OsvRecord } from '../../core/model/advisory';
import type { DepsDevInfo, ProjectInfo, Provenance, ReleaseInfo, Scorecard } from '../../core/model/package-info';
import type { Assessment, Decision } from '../../core/model/risk';
import type { Outcome } from '../../core/ports';

/** The cached health answers; an absent part was not asked (e.g. no repository known for Scorecard). */
export interface HealthInputs {
  readonly project: Outcome<ProjectInfo>;
  readonly release: Outcome<ReleaseInfo>;
  readonly provenance: Outcome<Provenance>;
  readonly depsDev: Outcome<DepsDevInfo>;
  readonly scorecard: Outcome<Scorecard> | undefined;
}

export interface ModelInput {
  /** PEP 503 normalised. */
  readonly name: string;
  readonly version: string;
  /** The records that affect this version, or why they are not known. */
  readonly advisories: Outcome<readonly OsvRecord[]>;
  /** Null when the server does not gather health data at all. */
  readonly health: HealthInputs | null;
  readonly decision: Decision | null;
  /** Milliseconds since the epoch. */
  readonly now: number;
}

export interface RiskModel {
  /** Of the records about `name`, those that affect `version` (withdrawn ones never). */
  affecting(records: readonly OsvRecord[], name: string, version: string): OsvRecord[];
  assess(input: ModelInput): Assessment;
}
