/**
 * HTTP for every data source, on undici. One HttpClient owns one connection pool (one dispatcher
 * per configuration) and answers every request with an Outcome: it never throws to its callers, so
 * "the source failed" can never be mistaken for "nothing found".
 *
 * A response with any final status is `ok` here (404 means something to PyPI, 400 to OSV): the
 * sources decide. The transport itself fails as `unavailable` (network errors, timeouts, 5xx after
 * the retries), `rate-limited` (429 after the retries, or a Retry-After longer than we wait) or
 * `invalid` (a body over the size bound, truncated, or undecodable).
 */
import type { Dispatcher } from 'undici';
import { version } from '../../package.json';
import type { Clock, Outcome } from '../core/ports';
import { decodeBody, describeError, readBoundedBody } from './http-body';
import { createDispatcher } from './http-dispatcher';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './http-retry';
import { createKeyedLimiter } from './limiter';

export const USER_AGENT = `Beachcomber/${version} (Python dependency risk; undici)`;

export interface HttpResponse {
  readonly status: number;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded (gunzipped) body; empty for 304. */
  readonly body: Buffer;
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as the JSON body, with Content-Type: application/json. */
  readonly json?: unknown;
  /** Validators of a cached answer: sent as If-None-Match / If-Modified-Since; 304 comes back ok. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /** Sent to the request's own origin only, never across a redirect to another host. */
  readonly authorization?: string | null;
  readonly maxBytes?: number;
  /** Bound on one attempt, headers and body together. */
  readonly timeoutMs?: number;
}

export interface HttpTimeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyMs: number;
  readonly totalMs: number;
}

export interface HttpClientOptions {
  readonly userAgent?: string;
  readonly timeouts?: Partial<HttpTimeouts>;
  readonly retry?: Partial<RetryPolicy>;
  readonly maxConcurrentPerHost?: number;
  readonly maxResponseBytes?: number;
  readonly maxRedirects?: number;
  readonly proxy?: string | null;
  readonly noProxy?: string | null;
  readonly caBundle?: string | null;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Tests inject these; the defaults are undici, Date.now, setTimeout and Math.random. */
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<Outcome<HttpResponse>>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: 120_000 };
/** OSV's own cap on an HTTP/1.1 response is 32 MiB; nothing we ask for should be larger. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

type Attempt =
  | { readonly kind: 'response'; readonly response: HttpResponse }
  | { readonly kind: 'failed'; readonly status: 'unavailable' | 'invalid'; readonly detail: string; readonly retryable: boolean };

/** The connection pool a client's options describe: proxies, extra CA, timeouts, pool size. */
export function dispatcherFor(options: HttpClientOptions, timeouts: HttpTimeouts, connectionsPerOrigin: number): Dispatcher {
  return createDispatcher({
    proxy: options.proxy ?? null,
    noProxy: options.noProxy ?? null,
    env: options.env ?? process.env,
    caBundle: options.caBundle ?? null,
    connectTimeoutMs: timeouts.connectMs,
    headersTimeoutMs: timeouts.headersMs,
    bodyTimeoutMs: timeouts.bodyMs,
    connectionsPerOrigin,
  });
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const perHost = options.maxConcurrentPerHost ?? 16;
  const dispatcher = options.dispatcher ?? dispatcherFor(options, timeouts, perHost);
  const settings: AttemptSettings = {
    dispatcher,
    timeouts,
    userAgent: options.userAgent ?? USER_AGENT,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
  const context: RequestContext = {
    settings,
    retry,
    maxRedirects: options.maxRedirects ?? 5,
    limiterFor: createKeyedLimiter(perHost),
    now: () => (options.clock ?? Date).now(),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  return {
    request: (request) => send(context, request).catch((error: unknown) => ({ status: 'unavailable', detail: describeError(error) })),
    close: () => dispatcher.close(),
  };
}

interface AttemptSettings {
  readonly dispatcher: Dispatcher;
  readonly timeouts: HttpTimeouts;
  readonly userAgent: string;
  readonly maxBytes: number;
}

interface RequestContext {
  readonly settings: AttemptSettings;
  readonly retry: RetryPolicy;
  readonly maxRedirects: number;
  readonly limiterFor: ReturnType<typeof createKeyedLimiter>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

async function send(context: RequestContext, original: HttpRequest): Promise<Outcome<HttpResponse>> {
  const firstOrigin = new URL(original.url).origin;
  let request = original;
  let redirects = 0;
  for (let attempt = 1; ; attempt++) {
    const url = new URL(request.url);
    const result = await context.limiterFor(url.host).run(() => attemptOnce(context.settings, request, url.origin === firstOrigin));
    if (result.kind === 'response') {
      const next = redirectOf(request, result.response);
      if (next && redirects < context.maxRedirects) {
        redirects++;
        attempt--;
        request = next;
        continue;
      }
      const status = result.response.status;
      if (!isRetryableStatus(status)) return { status: 'ok', value: result.response };
      const retryAfterMs = parseRetryAfter(result.response.headers['retry-after'], context.now());
      const failure = statusFailure(url.host, status, attempt, retryAfterMs);
      if (attempt >= context.retry.attempts) return failure;
      if (retryAfterMs !== undefined && retryAfterMs > context.retry.maxRetryAfterMs) return failure;
      await context.sleep(retryAfterMs ?? backoffDelay(context.retry, attempt, context.random));
      continue;
    }
    if (!result.retryable || attempt >= context.retry.attempts) {
      return { status: result.status, detail: `${url.host}: ${result.detail}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}` };
    }
    await context.sleep(backoffDelay(context.retry, attempt, context.random));
  }
}

function statusFailure(host: string, status: number, attempts: number, retryAfterMs: number | undefined): Outcome<HttpResponse> {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? `; retry after ${Math.ceil(retryAfterMs / 1000)} s` : '';
    return { status: 'rate-limited', detail: `${host}: HTTP 429 Too Many Requests${tries}${wait}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { status: 'unavailable', detail: `${host}: HTTP ${status}${tries}` };
}

/** Follows 301/302/303/307/308 (PyPI sends 301 for non-normalised names; Scorecard moved hosts). */
function redirectOf(request: HttpRequest, response: HttpResponse): HttpRequest | null {
  if (![301, 302, 303, 307, 308].includes(response.status)) return null;
  const location = response.headers['location'];
  if (!location) return null;
  const url = new URL(location, response.url).toString();
  // As in the Fetch standard: 303, and 301/302 after a POST, continue as a GET without a body.
  const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === 'POST');
  return asGet ? { ...request, url, method: 'GET', json: undefined } : { ...request, url };
}

async function attemptOnce(settings: AttemptSettings, request: HttpRequest, sameOrigin: boolean): Promise<Attempt> {
  const url = new URL(request.url);
  const maxBytes = request.maxBytes ?? settings.maxBytes;
  const body = request.json === undefined ? null : JSON.stringify(request.json);
  let response: Dispatcher.ResponseData;
  try {
    response = await settings.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method ?? 'GET',
      headers: requestHeaders(settings, request, sameOrigin),
      body,
      headersTimeout: settings.timeouts.headersMs,
      bodyTimeout: settings.timeouts.bodyMs,
      signal: AbortSignal.timeout(request.timeoutMs ?? settings.timeouts.totalMs),
    });
  } catch (error) {
    return { kind: 'failed', status: 'unavailable', ...networkFailure(error) };
  }
  const headers = flattenHeaders(response.headers);
  const raw = await readBoundedBody(response.body, headers['content-encoding'] ? undefined : headers['content-length'], maxBytes);
  if (raw.kind === 'truncated') return { kind: 'failed', status: 'invalid', detail: raw.detail, retryable: true };
  if (raw.kind !== 'ok') return { kind: 'failed', status: 'invalid', detail: raw.detail, retryable: false };
  const decoded = await decodeBody(raw.body, headers['content-encoding'], maxBytes);
  if (decoded.kind !== 'ok') return { kind: 'failed', status: 'invalid', detail: decoded.detail, retryable: false };
  return { kind: 'response', response: { status: response.statusCode, url: url.toString(), headers, body: decoded.body } };
}

function requestHeaders(settings: AttemptSettings, request: HttpRequest, sameOrigin: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    'accept-encoding': 'gzip, deflate',
    accept: 'application/json',
  };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  if (request.authorization && sameOrigin) headers['authorization'] = request.authorization;
  return headers;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** What went wrong below HTTP, and whether trying again could help. */
function networkFailure(error: unknown): { detail: string; retryable: boolean } {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  // A proxy that refuses our credentials, or a certificate we do not trust, will do so again: those
  // are settings to fix (proxy auth, the CA bundle), not glitches to retry.
  if (/\b407\b/.test(message)) return { detail: 'proxy authentication required (HTTP 407)', retryable: false };
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return { detail: `TLS certificate not trusted (${code}); set the extra CA bundle`, retryable: false };
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { detail: 'timed out connecting', retryable: true };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || name === 'TimeoutError') return { detail: 'timed out waiting for a response', retryable: true };
  if (code === 'UND_ERR_BODY_TIMEOUT') return { detail: 'timed out reading the response', retryable: true };
  if (code === 'ECONNREFUSED') return { detail: 'connection refused', retryable: true };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { detail: 'connection reset', retryable: true };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { detail: 'host not found', retryable: true };
  return { detail: `network error (${describeError(error)})`, retryable: true };
}
