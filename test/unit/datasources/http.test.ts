import { strict as assert } from 'node:assert';
import { gzipSync } from 'node:zlib';
import { createHttpClient, USER_AGENT, type HttpClient, type HttpClientOptions } from '../../../src/datasources/http';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../../src/datasources/http-retry';
import { FakeServer, jsonReply, route } from '../../helpers/fakes/server';

describe('datasources/http', () => {
  let server: FakeServer;
  let other: FakeServer;
  let inFlight = 0;
  let maxInFlight = 0;
  const sleeps: number[] = [];
  const clients: HttpClient[] = [];

  before(async () => {
    server = await new FakeServer([
      route('echo', 'GET', '/echo', (request) => jsonReply(200, { headers: request.headers })),
      route('post', 'POST', '/post', (request) => jsonReply(200, { got: JSON.parse(request.body.toString('utf8')) as unknown })),
      route('etag', 'GET', '/etag', () => ({ status: 200, body: { stable: true }, etag: true })),
      route('missing', 'GET', '/missing', () => jsonReply(404, { message: 'Not Found' })),
      route('big', 'GET', '/big', () => ({ status: 200, body: 'x'.repeat(5000) })),
      route('bomb', 'GET', '/bomb', () => ({ status: 200, headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(200_000)) })),
      route('moved', 'GET', '/moved', () => ({ status: 301, headers: { location: '/echo' } })),
      route('away', 'GET', '/away', () => ({ status: 302, headers: { location: `${other.url}/echo` } })),
      route('slow', 'GET', '/slow', async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 25));
        inFlight--;
        return jsonReply(200, {});
      }),
    ]).start();
    other = await new FakeServer([route('echo', 'GET', '/echo', (request) => jsonReply(200, { headers: request.headers }))]).start();
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
    await other.close();
  });

  beforeEach(() => {
    server.clearFaults();
    server.resetCounts();
    sleeps.length = 0;
  });

  function client(options: HttpClientOptions = {}): HttpClient {
    const made = createHttpClient({
      env: {},
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
      timeouts: { headersMs: 2000, bodyMs: 2000, totalMs: 5000 },
      ...options,
    });
    clients.push(made);
    return made;
  }

  async function get(path: string, options: HttpClientOptions = {}, extra: Partial<Parameters<HttpClient['request']>[0]> = {}) {
    return client(options).request({ url: `${server.url}${path}`, ...extra });
  }

  it('decodes gzip and names Beachcomber and its version in the User-Agent', async () => {
    const outcome = await get('/echo');
    assert.equal(outcome.status, 'ok');
    if (outcome.status !== 'ok') return;
    assert.equal(outcome.value.headers['content-encoding'], 'gzip');
    const headers = (JSON.parse(outcome.value.body.toString('utf8')) as { headers: Record<string, string> }).headers;
    assert.match(USER_AGENT, /^Beachcomber\/0\.1\.0 /);
    assert.equal(headers['user-agent'], USER_AGENT);
    assert.equal(headers['accept-encoding'], 'gzip, deflate');
  });

  it('sends JSON bodies with their content type', async () => {
    const outcome = await client().request({ url: `${server.url}/post`, method: 'POST', json: { queries: [1, 2] } });
    assert.equal(outcome.status, 'ok');
    if (outcome.status === 'ok') assert.deepEqual(JSON.parse(outcome.value.body.toString('utf8')), { got: { queries: [1, 2] } });
  });

  it('gives any non-retryable status back as an answer, once', async () => {
    const outcome = await get('/missing');
    assert.equal(outcome.status, 'ok');
    if (outcome.status === 'ok') assert.equal(outcome.value.status, 404);
    assert.equal(server.count('missing'), 1);
    assert.deepEqual(sleeps, []);
  });

  it('retries 5xx with exponential backoff, a bounded number of times', async () => {
    server.inject('echo', { kind: 'status', status: 503 });
    const outcome = await get('/echo');
    assert.deepEqual(outcome, { status: 'unavailable', detail: `${new URL(server.url).host}: HTTP 503 after 4 attempts` });
    assert.equal(server.count('echo'), 4);
    // random() = 0.5 → three quarters of 250, 500, 1000 ms.
    assert.deepEqual(sleeps, [188, 375, 750]);
  });

  it('recovers when the server recovers', async () => {
    server.inject('echo', { kind: 'status', status: 500 }, 2);
    const outcome = await get('/echo');
    assert.equal(outcome.status, 'ok');
    assert.equal(server.count('echo'), 3);
    assert.equal(sleeps.length, 2);
  });

  it('honours Retry-After in seconds', async () => {
    server.inject('echo', { kind: 'status', status: 429, retryAfter: '2' }, 1);
    assert.equal((await get('/echo')).status, 'ok');
    assert.deepEqual(sleeps, [2000]);
    assert.equal(server.count('echo'), 2);
  });

  it('honours Retry-After as an HTTP date, against the injected clock', async () => {
    server.inject('echo', { kind: 'status', status: 429, retryAfter: 'Thu, 01 Jan 2026 00:00:03 GMT' }, 1);
    assert.equal((await get('/echo')).status, 'ok');
    assert.deepEqual(sleeps, [3000]);
  });

  it('backs off on 429 without Retry-After, and says rate-limited when it persists', async () => {
    server.inject('echo', { kind: 'status', status: 429 });
    const outcome = await get('/echo', { retry: { attempts: 3 } });
    assert.equal(outcome.status, 'rate-limited');
    assert.match(outcome.status === 'rate-limited' ? outcome.detail : '', /HTTP 429 Too Many Requests after 3 attempts$/);
    assert.deepEqual(sleeps, [188, 375]);
    assert.equal(server.count('echo'), 3);
  });

  it('does not wait for a Retry-After beyond the cap, and passes it on', async () => {
    server.inject('echo', { kind: 'status', status: 429, retryAfter: '3600' });
    const outcome = await get('/echo');
    assert.equal(outcome.status, 'rate-limited');
    assert.equal(outcome.status === 'rate-limited' ? outcome.retryAfterMs : 0, 3_600_000);
    assert.equal(server.count('echo'), 1);
    assert.deepEqual(sleeps, []);
  });

  it('retries a connection reset and then reports it', async () => {
    server.inject('echo', { kind: 'reset' });
    const outcome = await get('/echo', { retry: { attempts: 2 } });
    assert.equal(outcome.status, 'unavailable');
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /connection reset \(after 2 attempts\)$/);
    assert.equal(server.count('echo'), 2);
  });

  it('times out a server that stalls', async () => {
    server.inject('echo', { kind: 'stall' });
    const started = Date.now();
    const outcome = await get('/echo', { retry: { attempts: 2 }, timeouts: { totalMs: 150 } });
    assert.equal(outcome.status, 'unavailable');
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /timed out waiting for a response \(after 2 attempts\)$/);
    assert.equal(server.count('echo'), 2);
    assert.ok(Date.now() - started < 1000, 'the stall must end by the timeout');
  });

  it('waits out added latency within the timeout, and times out beyond it', async () => {
    server.inject('echo', { kind: 'latency', ms: 100 }, 1);
    const started = Date.now();
    assert.equal((await get('/echo')).status, 'ok');
    assert.ok(Date.now() - started >= 100);
    server.inject('echo', { kind: 'latency', ms: 400 });
    const late = await get('/echo', { retry: { attempts: 2 }, timeouts: { totalMs: 150 } });
    assert.equal(late.status, 'unavailable');
    assert.match(late.status === 'unavailable' ? late.detail : '', /timed out waiting for a response \(after 2 attempts\)$/);
    assert.equal(server.count('echo'), 3);
  });

  it('reports a truncated body as invalid after retrying it', async () => {
    server.inject('echo', { kind: 'truncate' });
    const outcome = await get('/echo', { retry: { attempts: 2 } });
    assert.equal(outcome.status, 'invalid');
    assert.match(outcome.status === 'invalid' ? outcome.detail : '', /truncated body after \d+ bytes/);
    assert.equal(server.count('echo'), 2);
  });

  it('never reads an unbounded body: over the limit is invalid, not retried', async () => {
    const outcome = await get('/big', { maxResponseBytes: 1000 }, {});
    assert.equal(outcome.status, 'invalid');
    assert.match(outcome.status === 'invalid' ? outcome.detail : '', /exceeds the limit of 1000/);
    assert.equal(server.count('big'), 1);
    const bomb = await get('/bomb', { maxResponseBytes: 10_000 });
    assert.equal(bomb.status, 'invalid');
    assert.match(bomb.status === 'invalid' ? bomb.detail : '', /decoded response exceeds the limit of 10000 bytes/);
  });

  it('revalidates with If-None-Match and gets 304', async () => {
    const first = await get('/etag');
    assert.equal(first.status, 'ok');
    const etag = first.status === 'ok' ? first.value.headers['etag'] : undefined;
    assert.ok(etag);
    const second = await get('/etag', {}, { etag });
    assert.equal(second.status, 'ok');
    if (second.status === 'ok') {
      assert.equal(second.value.status, 304);
      assert.equal(second.value.body.length, 0);
    }
  });

  it('follows redirects and keeps credentials on their own origin', async () => {
    const same = await get('/moved', {}, { authorization: 'Bearer secret' });
    assert.equal(same.status, 'ok');
    if (same.status === 'ok') {
      assert.equal(same.value.url, `${server.url}/echo`);
      assert.equal((JSON.parse(same.value.body.toString('utf8')) as { headers: Record<string, string> }).headers['authorization'], 'Bearer secret');
    }
    const away = await get('/away', {}, { authorization: 'Bearer secret' });
    assert.equal(away.status, 'ok');
    if (away.status === 'ok') {
      assert.equal(away.value.url, `${other.url}/echo`);
      assert.equal((JSON.parse(away.value.body.toString('utf8')) as { headers: Record<string, string> }).headers['authorization'], undefined);
    }
  });

  it('bounds the requests in flight per host', async () => {
    maxInFlight = 0;
    const http = client({ maxConcurrentPerHost: 3 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => http.request({ url: `${server.url}/slow` })));
    assert.equal(outcomes.filter((outcome) => outcome.status === 'ok').length, 12);
    assert.equal(maxInFlight, 3);
  });

  it('reports a refused connection as unavailable, never throwing', async () => {
    const closed = await new FakeServer([]).start();
    const url = closed.url;
    await closed.close();
    const outcome = await client({ retry: { attempts: 2 } }).request({ url: `${url}/echo` });
    assert.equal(outcome.status, 'unavailable');
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /connection refused/);
  });
});

describe('datasources/http-retry', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('grows the backoff exponentially up to the cap, with jitter in its upper half', () => {
    assert.deepEqual([1, 2, 3, 4, 10].map((attempt) => backoffDelay(DEFAULT_RETRY, attempt, () => 0)), [125, 250, 500, 1000, 4000]);
    assert.deepEqual([1, 2, 3, 4, 10].map((attempt) => backoffDelay(DEFAULT_RETRY, attempt, () => 1)), [250, 500, 1000, 2000, 8000]);
  });
});
