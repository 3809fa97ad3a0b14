/**
 * The OpenSSF Scorecard API: `GET /projects/github.com/<owner>/<repo>` on api.scorecard.dev (the
 * old host api.securityscorecards.dev redirects, and redirects are followed). A repository that
 * was never scored answers 404 with an EMPTY body and no Content-Type: that is "no Scorecard", a
 * finding, not a failure. Results are cached for hours; the cron re-scores weekly.
 */
import type { Scorecard } from '../../core/model/package-info';
import type { Cache, Clock, Outcome, ScorecardSource } from '../../core/ports';
import { Freshness } from '../cached';
import type { HttpClient } from '../http';
import { failure, jsonBody, notFound, unexpectedStatus } from '../outcome';
import { readScorecard, repositoryId } from './parse';

export const SCORECARD_API = 'https://api.scorecard.dev';

export interface ScorecardClientOptions {
  readonly http: HttpClient;
  readonly baseUrl?: string;
  readonly cache?: Cache | null;
  readonly clock?: Clock;
  readonly ttlMs?: number;
}

export class ScorecardClient implements ScorecardSource {
  private readonly baseUrl: string;
  private readonly freshness: Freshness;

  constructor(private readonly options: ScorecardClientOptions) {
    this.baseUrl = (options.baseUrl ?? SCORECARD_API).replace(/\/+$/, '');
    this.freshness = new Freshness({ cache: options.cache ?? null, clock: options.clock ?? Date, source: 'scorecard', ...(options.ttlMs !== undefined ? { ttlMs: { scorecard: options.ttlMs } } : {}) });
  }

  async scorecard(repository: string): Promise<Outcome<Scorecard>> {
    const id = repositoryId(repository);
    if (!id) return failure('invalid', `scorecard: "${repository}" is not a github.com or gitlab.com repository`);
    return this.freshness.get<Scorecard>('scorecard', id, async () => {
      const path = id.split('/').map(encodeURIComponent).join('/');
      const outcome = await this.options.http.request({ url: `${this.baseUrl}/projects/${path}` });
      if (outcome.status !== 'ok') return outcome;
      const response = outcome.value;
      if (response.status === 404) return notFound(`scorecard: ${id} has no Scorecard results`);
      if (response.status !== 200) return unexpectedStatus(response);
      const body = jsonBody(response);
      if (body.status !== 'ok') return body;
      const scorecard = readScorecard(body.value, id);
      return scorecard ? { status: 'ok', value: { value: scorecard } } : failure('invalid', `scorecard: the result for ${id} has no date, score or checks`);
    });
  }
}
