import { strict as assert } from 'node:assert';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { isNotFound } from '../../../../src/datasources/outcome';
import { ScorecardClient } from '../../../../src/datasources/scorecard/client';
import { readDate, repositoryId } from '../../../../src/datasources/scorecard/parse';
import { FakeServer, type Route } from '../../../helpers/fakes/server';
import { FakeScorecard } from '../../../helpers/fakes/scorecard';

const check = (name: string, score: number, reason: string, details: string[] | null = null) => ({ name, score, reason, details, documentation: { short: `${name} check`, url: `https://github.com/ossf/scorecard/blob/main/docs/checks.md#${name.toLowerCase()}` } });

// The webapp's key order: date, repo, scorecard, score, checks (metadata dropped when empty).
const results = new Map<string, Record<string, unknown>>([
  ['github.com/pallets/flask', {
    date: '2026-08-11',
    repo: { name: 'github.com/pallets/flask', commit: 'f4dfcefa9063c99d52e3b4d68375a0a7d8cdf5da' },
    scorecard: { version: 'v5.2.1', commit: 'c'.repeat(40) },
    score: 7.9,
    checks: [
      check('Maintained', 10, '30 commit(s) and 12 issue activity found in the last 90 days -- score normalized to 10'),
      check('Security-Policy', 10, 'security policy file detected', ['Info: security policy file detected: SECURITY.md:1']),
      check('Dangerous-Workflow', 10, 'no dangerous workflow patterns detected'),
      check('Code-Review', 0, 'no reviews found'),
      check('Token-Permissions', -1, 'internal error: some error'),
      check('Signed-Releases', -1, 'no releases found'),
    ],
  }],
  ['github.com/example/action-scored', {
    date: '2026-07-01T13:45:00+02:00',
    repo: { name: 'github.com/example/action-scored', commit: 'a'.repeat(40) },
    scorecard: { version: 'v5.2.1', commit: 'b'.repeat(40) },
    score: 5.1,
    checks: [check('Maintained', 0, 'project is archived')],
  }],
]);

describe('datasources/scorecard against the fake Scorecard API', () => {
  let scorecard: FakeScorecard;
  let oldHost: FakeServer;
  let http: HttpClient;

  before(async () => {
    scorecard = await new FakeScorecard(results).start();
    const redirect: Route = { name: 'moved', method: 'GET', match: () => ({}), handle: (request) => ({ status: 301, headers: { location: `${scorecard.url}${request.rawPath}` } }) };
    oldHost = await new FakeServer([redirect]).start();
  });

  after(async () => {
    await scorecard.close();
    await oldHost.close();
  });

  beforeEach(() => {
    scorecard.clearFaults();
    scorecard.resetCounts();
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  afterEach(async () => {
    await http.close();
  });

  const client = (baseUrl = scorecard.url): ScorecardClient => new ScorecardClient({ http, baseUrl });

  it('reads a weekly result: YYYY-MM-DD date, one-decimal score, inconclusive (-1) checks left out', async () => {
    assert.deepEqual(await client().scorecard('github.com/pallets/flask'), {
      status: 'ok',
      value: {
        repository: 'github.com/pallets/flask',
        date: '2026-08-11T00:00:00.000Z',
        score: 7.9,
        checks: [
          { name: 'Maintained', score: 10, reason: '30 commit(s) and 12 issue activity found in the last 90 days -- score normalized to 10' },
          { name: 'Security-Policy', score: 10, reason: 'security policy file detected' },
          { name: 'Dangerous-Workflow', score: 10, reason: 'no dangerous workflow patterns detected' },
          { name: 'Code-Review', score: 0, reason: 'no reviews found' },
        ],
      },
    });
  });

  it('reads an Action-published result with an RFC 3339 date, from any repository URL form', async () => {
    const outcome = await client().scorecard('https://github.com/example/action-scored.git');
    assert.deepEqual(outcome.status === 'ok' ? [outcome.value.date, outcome.value.score, outcome.value.checks.length] : null, ['2026-07-01T11:45:00.000Z', 5.1, 1]);
    assert.deepEqual(scorecard.log, ['GET /projects/github.com/example/action-scored']);
  });

  it('says "no Scorecard" for the empty-bodied 404: a finding, not a failure', async () => {
    const outcome = await client().scorecard('github.com/example/never-scored');
    assert.ok(isNotFound(outcome));
    assert.equal(outcome.status === 'unavailable' ? outcome.detail : '', 'scorecard: github.com/example/never-scored has no Scorecard results');
    assert.equal(scorecard.count('result'), 1);
  });

  it('follows the old host\'s redirect', async () => {
    const outcome = await client(oldHost.url).scorecard('github.com/pallets/flask');
    assert.equal(outcome.status === 'ok' ? outcome.value.score : null, 7.9);
    assert.equal(oldHost.count('moved'), 1);
  });

  it('names the failure: 5xx after retries, malformed JSON, a repository it cannot ask about', async () => {
    scorecard.inject('result', { kind: 'status', status: 500, body: '{"code":500,"message":"boom"}' });
    const down = await client().scorecard('github.com/pallets/flask');
    assert.equal(down.status, 'unavailable');
    assert.equal(scorecard.count('result'), 4);
    scorecard.clearFaults();
    scorecard.inject('result', { kind: 'malformed' });
    assert.equal((await client().scorecard('github.com/pallets/flask')).status, 'invalid');
    const bad = await client().scorecard('bitbucket.org/a/b');
    assert.deepEqual(bad, { status: 'invalid', detail: 'scorecard: "bitbucket.org/a/b" is not a github.com or gitlab.com repository' });
  });

  it('normalises repository ids and dates', () => {
    assert.deepEqual(['https://github.com/Pallets/Flask/', 'git+https://github.com/kjd/idna.git', 'github.com/o/r', 'https://www.github.com/o/r', 'https://gitlab.com/g/p', 'https://example.org/x/y', 'github.com/only'].map(repositoryId), [
      'github.com/Pallets/Flask', 'github.com/kjd/idna', 'github.com/o/r', 'github.com/o/r', 'gitlab.com/g/p', null, null,
    ]);
    assert.deepEqual(['2026-08-11', '2026-08-11T00:00:00Z', '2026-08-11T02:00:00.5+02:00', 'yesterday', '2026-13-45', 20260811].map(readDate), [
      '2026-08-11T00:00:00.000Z', '2026-08-11T00:00:00.000Z', '2026-08-11T00:00:00.500Z', null, null, null,
    ]);
  });
});
