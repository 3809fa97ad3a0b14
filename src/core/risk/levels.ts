/** Ordering risk levels: RISK_LEVELS lists them most severe first, `unknown` last. */
import { RISK_LEVELS, type RiskLevel } from '../model/advisory';

/** Negative when `a` is more severe than `b`. */
export function compareLevels(a: RiskLevel, b: RiskLevel): number {
  return RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b);
}

/** The most severe of the levels, `none` for an empty list; `unknown` is skipped (the caller decides what a missing answer means). */
export function worstLevel(levels: readonly RiskLevel[]): RiskLevel {
  let worst: RiskLevel = 'none';
  for (const level of levels) if (level !== 'unknown' && compareLevels(level, worst) < 0) worst = level;
  return worst;
}

export function atLeast(level: RiskLevel, floor: RiskLevel): RiskLevel {
  return compareLevels(level, floor) <= 0 ? level : floor;
}
