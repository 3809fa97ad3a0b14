/**
 * The risk policy, as data: which finding is how bad. This table is the place to read first; the
 * rules that raise each signal live in signals.ts and are described in docs/risk-model.md.
 * A team overrides any entry (`resolvePolicy({ levels: { 'no-provenance': 'low' } })`).
 */
import type { RiskLevel } from '../model/advisory';
import type { SignalKind } from '../model/risk';

/** Signal kinds whose level the policy sets; `vulnerable` takes its level from the advisory. */
export type PolicyKind = Exclude<SignalKind, 'vulnerable' | 'unknown-risk' | 'weak-scorecard'> | 'vulnerable-no-fix';

export interface RiskPolicy {
  readonly levels: Readonly<Record<PolicyKind, RiskLevel>>;
  /** No release for this long is one half of "abandoned"; the other half is a reason to worry. */
  readonly abandonedAfterDays: number;
}

export const DEFAULT_POLICY: RiskPolicy = {
  levels: {
    // Installing it runs the attacker's code: nothing is worse.
    malicious: 'critical',
    // A vulnerability with a fix takes its CVSS level; without a fix it is at least this.
    'vulnerable-no-fix': 'high',
    // PEP 592: the maintainers withdrew this release; pip only installs it when pinned exactly.
    yanked: 'high',
    // PEP 792 project status: no more releases (archived), held by PyPI for review (quarantined),
    // or superseded by the maintainers (deprecated).
    archived: 'high',
    quarantined: 'high',
    deprecated: 'high',
    // A long silence together with open vulnerabilities, an archived repository or Scorecard
    // Maintained = 0. Old and quiet alone is "stable", not abandoned.
    abandoned: 'high',
    // Scorecard Maintained = 0 alone: no commits or issue activity in 90 days.
    unmaintained: 'low',
    // A name the index does not know: a typo, a removed package, or a squatter waiting for one.
    'not-on-index': 'high',
    // Scorecard Dangerous-Workflow below 10: a CI workflow an outsider can make run code.
    'dangerous-workflow': 'medium',
    // Worth proposing upstream, not a risk in itself.
    'no-provenance': 'info',
    'no-security-policy': 'info',
  },
  abandonedAfterDays: 730,
};

export interface PolicyOverrides {
  readonly levels?: Partial<Record<PolicyKind, RiskLevel>>;
  readonly abandonedAfterDays?: number;
}

export function resolvePolicy(overrides: PolicyOverrides = {}, base: RiskPolicy = DEFAULT_POLICY): RiskPolicy {
  return {
    levels: { ...base.levels, ...overrides.levels },
    abandonedAfterDays: overrides.abandonedAfterDays ?? base.abandonedAfterDays,
  };
}
