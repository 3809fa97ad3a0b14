/**
 * What the engine asks of the core's risk model: src/core/risk's `assess`, fed from the server's
 * own stores. The server owns no OSV evaluator and no risk rules: lookups go through
 * src/core/offline's advisory index (src/core/advisories underneath), assessments through
 * src/core/risk.
 */
import type { OsvRecord } from '../../core/model/advisory';
import type { DepsDevInfo, ProjectInfo, Provenance, ReleaseInfo, Scorecard } from '../../core/model/package-info';
import type { Assessment, Decision } from '../../core/model/risk';
import type { Outcome } from '../../core/ports';
import { assess } from '../../core/risk/assess';

/** The cached health answers; an absent part was not asked (e.g. no repository known for Scorecard). */
export interface HealthInputs {
  /** `ok` with null: the index answered that it does not know the package. */
  readonly project: Outcome<ProjectInfo | null>;
  readonly release: Outcome<ReleaseInfo> | undefined;
  readonly provenance: Outcome<Provenance> | undefined;
  readonly depsDev: Outcome<DepsDevInfo> | undefined;
  readonly scorecard: Outcome<Scorecard> | undefined;
}

export interface ModelInput {
  /** PEP 503 normalised. */
  readonly name: string;
  readonly version: string;
  /** The records that affect this version, or why they are not known. */
  readonly advisories: Outcome<readonly OsvRecord[]>;
  /** Every record about the package, for the nearest safe version. */
  readonly packageRecords: readonly OsvRecord[];
  /** Null when the server does not gather health data at all. */
  readonly health: HealthInputs | null;
  /** The package's decisions, most specific first. */
  readonly decisions: readonly Decision[];
  /** Milliseconds since the epoch. */
  readonly now: number;
}

export interface RiskModel {
  assess(input: ModelInput): Assessment;
}

export const CORE_RISK_MODEL: RiskModel = {
  assess(input) {
    const health = input.health;
    return assess({
      name: input.name,
      version: input.version,
      advisories: input.advisories,
      advisorySource: 'backend',
      packageRecords: input.packageRecords,
      ...(health ? { project: health.project } : {}),
      ...(health?.release ? { release: health.release } : {}),
      ...(health?.provenance ? { provenance: health.provenance } : {}),
      ...(health?.depsDev ? { depsDev: health.depsDev } : {}),
      ...(health?.scorecard ? { scorecard: health.scorecard } : {}),
      decisions: input.decisions,
      now: input.now,
    });
  },
};
