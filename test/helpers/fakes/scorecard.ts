/**
 * A faithful fake of api.scorecard.dev (risk-data-apis.md §4 and §6.5): results re-serialised in
 * the webapp's key order, 404 with an EMPTY body and no Content-Type, a malformed path → 400 with
 * an empty body, a `commit` that is not 40 hex characters → 422 with go-swagger's JSON error,
 * `Cache-Control: max-age=600` plus `Surrogate-Control`, and `/badge` → 302.
 */
import { FakeServer, jsonReply, route, type FakeReply } from './server';

const CACHE = { 'cache-control': 'max-age=600', 'surrogate-control': 'max-age=31557600' };

export class FakeScorecard extends FakeServer {
  constructor(private readonly results: ReadonlyMap<string, Record<string, unknown>>) {
    super([
      route('result', 'GET', '/projects/:platform/:org/:repo', (request, params) => this.result(`${params['platform']}/${params['org']}/${params['repo']}`, request.query.get('commit'))),
      route('badge', 'GET', '/projects/:platform/:org/:repo/badge', (_request, params) => ({ status: 302, headers: { location: `https://img.shields.io/ossf-scorecard/${params['platform']}/${params['org']}/${params['repo']}` } })),
      route('malformed', 'GET', '/projects/:platform/:org', () => ({ status: 400, headers: CACHE })),
    ]);
  }

  private result(id: string, commit: string | null): FakeReply {
    if (commit != null && !/^[0-9a-fA-F]{40}$/.test(commit)) return jsonReply(422, { code: 602, message: "commit in query should match '^[0-9a-fA-F]{40}$'" });
    const result = this.results.get(id.toLowerCase());
    // The webapp deletes Content-Type and writes no body on 404.
    if (!result) return { status: 404, headers: CACHE };
    return { status: 200, headers: { ...CACHE, 'content-type': 'application/json' }, body: JSON.stringify(result) };
  }
}
