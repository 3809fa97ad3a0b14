/**
 * How the backend client talks HTTP. Reads (GET, and POST /v1/assessments, which changes nothing)
 * go through the shared HttpClient: keep-alive, timeouts, bounded bodies, retries on network
 * errors, 429 and 5xx with Retry-After honoured. Writes are sent exactly once, on the same
 * connection pool: retrying a create after a lost answer could record a decision twice, and a
 * write that may have landed is for the caller (and If-Match) to sort out, not for a retry loop.
 */
import type { Dispatcher } from 'undici';
import type { Outcome } from '../../core/ports';
import { readBoundedBody, decodeBody, describeError } from '../http-body';
import { createHttpClient, dispatcherFor, DEFAULT_TIMEOUTS, USER_AGENT, type HttpClient, type HttpClientOptions, type HttpResponse } from '../http';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface BackendRequest {
  readonly method: Method;
  /** Path and query under the backend's base URL, e.g. `/v1/decisions?package=x`. */
  readonly path: string;
  readonly json?: unknown;
  /** Raw body with its content type (mirror uploads). */
  readonly body?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** Safe to send again: reads, and the read-only POST /v1/assessments. */
  readonly idempotent: boolean;
}

export interface Transport {
  send(request: BackendRequest): Promise<Outcome<HttpResponse>>;
  close(): Promise<void>;
}

export interface TransportOptions extends Pick<HttpClientOptions, 'proxy' | 'noProxy' | 'caBundle' | 'env' | 'retry' | 'timeouts' | 'sleep' | 'clock'> {
  readonly baseUrl: string;
  readonly token: string;
  readonly maxResponseBytes?: number;
  readonly dispatcher?: Dispatcher;
}

/** Answers can be large (a CycloneDX inventory of thousands of packages). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export function createTransport(options: TransportOptions): Transport {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const dispatcher = options.dispatcher ?? dispatcherFor(options, timeouts, 8);
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const reads: HttpClient = createHttpClient({ ...options, dispatcher, maxResponseBytes: maxBytes });
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Bearer ${options.token}`;
  return {
    send(request) {
      const url = `${base}${request.path}`;
      if (request.idempotent && (request.method === 'GET' || request.method === 'POST') && !request.body) {
        return reads.request({ url, method: request.method, json: request.json, headers: request.headers ?? {}, authorization });
      }
      return sendOnce(dispatcher, url, request, authorization, maxBytes, timeouts.totalMs);
    },
    close: () => dispatcher.close(),
  };
}

async function sendOnce(dispatcher: Dispatcher, url: string, request: BackendRequest, authorization: string, maxBytes: number, totalMs: number): Promise<Outcome<HttpResponse>> {
  const target = new URL(url);
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'application/json', 'accept-encoding': 'gzip', authorization, ...request.headers };
  let body: string | Uint8Array | null = null;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers['content-type'] = 'application/json';
  } else if (request.body) {
    body = request.body.bytes;
    headers['content-type'] = request.body.contentType;
  }
  try {
    const response = await dispatcher.request({ origin: target.origin, path: `${target.pathname}${target.search}`, method: request.method, headers, body, signal: AbortSignal.timeout(totalMs) });
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    const raw = await readBoundedBody(response.body, flat['content-encoding'] ? undefined : flat['content-length'], maxBytes);
    if (raw.kind !== 'ok') return { status: 'invalid', detail: `${target.host}: ${raw.detail}` };
    const decoded = await decodeBody(raw.body, flat['content-encoding'], maxBytes);
    if (decoded.kind !== 'ok') return { status: 'invalid', detail: `${target.host}: ${decoded.detail}` };
    return { status: 'ok', value: { status: response.statusCode, url, headers: flat, body: decoded.body } };
  } catch (error) {
    return { status: 'unavailable', detail: `${target.host}: ${describeError(error)} (not retried: the write may or may not have been applied)` };
  }
}
