/**
 * OpenSSF Scorecard results, from api.scorecard.dev or from deps.dev's copy (risk-data-apis.md §4
 * and §3.2). A check's score is 0..10 and -1 means it was inconclusive (no releases, an internal
 * error): such checks are left out, as Scorecard's own aggregate leaves them out. The date is
 * `YYYY-MM-DD` from the weekly cron and RFC 3339 from the Scorecard Action; both are read.
 */
import type { Scorecard, ScorecardCheck } from '../../core/model/package-info';
import { isObject } from '../outcome';

/** `owner/repo` forms people and APIs write, as `github.com/owner/repo`; null for other hosts. */
export function repositoryId(value: string): string | null {
  const trimmed = value.trim().replace(/^git\+/, '').replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  const match = /^(github\.com|gitlab\.com)\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/i.exec(trimmed);
  if (!match) return null;
  return `${(match[1] as string).toLowerCase()}/${match[2]}/${match[3]}`;
}

/** The result body of the Scorecard API (`score`, `checks[].documentation.short`) or of deps.dev (`overallScore`). */
export function readScorecard(body: unknown, fallbackRepository: string): Scorecard | null {
  if (!isObject(body)) return null;
  const date = readDate(body['date']);
  const score = typeof body['score'] === 'number' ? body['score'] : body['overallScore'];
  if (date == null || typeof score !== 'number' || !Array.isArray(body['checks'])) return null;
  const checks: ScorecardCheck[] = [];
  for (const check of body['checks']) {
    if (!isObject(check) || typeof check['name'] !== 'string' || typeof check['score'] !== 'number') continue;
    if (check['score'] < 0) continue;
    checks.push({ name: check['name'], score: check['score'], reason: typeof check['reason'] === 'string' ? check['reason'] : '' });
  }
  const repo = isObject(body['repo']) ? body['repo'] : isObject(body['repository']) ? body['repository'] : {};
  const repository = typeof repo['name'] === 'string' ? repo['name'] : fallbackRepository;
  return { repository, date, score, checks };
}

/** `2026-08-11` or `2026-08-11T00:00:00Z` (any RFC 3339 offset) as an ISO 8601 instant in UTC. */
export function readDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = /^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00Z` : value;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
