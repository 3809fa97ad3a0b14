/**
 * The base of every fake: a REAL HTTP server on 127.0.0.1 (port 0) with a small router, request
 * counting per route, gzip when asked for, strong ETags with 304s, and fault injection per route
 * that a test switches at run time (latency, 429 with or without Retry-After, 5xx, a truncated
 * body, malformed JSON, a connection reset, a stall that never answers).
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { TEST_CERT, TEST_KEY } from './tls';

export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly kind: 'truncate' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'stall' };

export interface FakeRequest {
  readonly method: string;
  /** The raw path, still percent-encoded, without the query. */
  readonly rawPath: string;
  /** Path segments split on the raw '/' and only then percent-decoded, so `%2F` stays inside one. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string or Buffer as is. */
  readonly body?: unknown;
  /** Strong ETag on the body, and 304 for a matching If-None-Match (PyPI does this). */
  readonly etag?: boolean;
}

export interface Route {
  readonly name: string;
  readonly method: string;
  /** Returns the route's parameters when it matches, else null. */
  match(request: FakeRequest): Record<string, string> | null;
  handle(request: FakeRequest, params: Record<string, string>): FakeReply | Promise<FakeReply>;
}

export interface FakeServerOptions {
  readonly gzip?: boolean;
  readonly https?: boolean;
}

interface FaultRule {
  readonly fault: Fault;
  remaining: number;
}

export class FakeServer {
  private server: Server | undefined;
  private readonly counts = new Map<string, number>();
  private readonly faults = new Map<string, FaultRule[]>();
  /** Every request as `METHOD /path`, in arrival order. */
  readonly log: string[] = [];
  /** Every answer as `route status` (304s included), in order; faults that never answer leave none. */
  readonly replies: string[] = [];
  url = '';

  constructor(private readonly routes: readonly Route[], private readonly options: FakeServerOptions = {}) {}

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.dispatch(req, res);
    this.server = this.options.https ? createHttpsServer({ cert: TEST_CERT, key: TEST_KEY }, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `${this.options.https ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests seen by one route, or by all when no route is named. */
  count(route?: string): number {
    if (route !== undefined) return this.counts.get(route) ?? 0;
    let total = 0;
    for (const value of this.counts.values()) total += value;
    return total;
  }

  resetCounts(): void {
    this.counts.clear();
    this.log.length = 0;
    this.replies.length = 0;
  }

  /** Applies `fault` to the next `times` requests of `route` ('*' for every route). */
  inject(route: string, fault: Fault, times = Infinity): void {
    const rules = this.faults.get(route) ?? [];
    rules.push({ fault, remaining: times });
    this.faults.set(route, rules);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private takeFaults(route: string): Fault[] {
    const taken: Fault[] = [];
    for (const key of [route, '*']) {
      for (const rule of this.faults.get(key) ?? []) {
        if (rule.remaining <= 0) continue;
        rule.remaining--;
        taken.push(rule.fault);
      }
    }
    return taken;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    this.log.push(`${request.method} ${request.rawPath}`);
    const found = this.findRoute(request);
    const name = found?.route.name ?? '(unrouted)';
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    const faults = this.takeFaults(name);
    for (const fault of faults) {
      if (fault.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    }
    const early = faults.find((fault) => fault.kind === 'status' || fault.kind === 'reset' || fault.kind === 'stall');
    if (early?.kind === 'stall') return;
    if (early?.kind === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (early?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (early.retryAfter !== undefined) headers['retry-after'] = early.retryAfter;
      send(res, early.status, headers, Buffer.from(early.body ?? JSON.stringify({ code: early.status === 429 ? 8 : 13, message: 'injected fault' })));
      return;
    }
    let reply: FakeReply;
    try {
      reply = found ? await found.route.handle(request, found.params) : { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 Not Found' };
    } catch (error) {
      reply = { status: 500, body: { code: 13, message: `fake failed: ${String(error)}` } };
    }
    this.replies.push(`${name} ${this.respond(req, res, reply, faults)}`);
  }

  private findRoute(request: FakeRequest): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const params = route.match(request);
      if (params) return { route, params };
    }
    return null;
  }

  private respond(req: IncomingMessage, res: ServerResponse, reply: FakeReply, faults: readonly Fault[]): number {
    const headers: Record<string, string> = { ...reply.headers };
    let body = toBuffer(reply.body, headers);
    if (faults.some((fault) => fault.kind === 'malformed')) body = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
    if (reply.etag && reply.status === 200) {
      const etag = `"${createHash('md5').update(body).digest('base64').replace(/=+$/, '')}"`;
      headers['etag'] = etag;
      if (req.headers['if-none-match'] === etag) {
        send(res, 304, { etag, ...pick(headers, ['cache-control', 'vary']) }, Buffer.alloc(0));
        return 304;
      }
    }
    if (this.options.gzip !== false && !headers['content-encoding'] && body.length > 0 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
      headers['vary'] = headers['vary'] ? `Accept-Encoding, ${headers['vary']}` : 'Accept-Encoding';
    }
    if (faults.some((fault) => fault.kind === 'truncate')) {
      res.writeHead(reply.status, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return reply.status;
    }
    send(res, reply.status, headers, body);
    return reply.status;
  }
}

function toBuffer(body: unknown, headers: Record<string, string>): Buffer {
  if (body == null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body);
  headers['content-type'] ??= 'application/json';
  return Buffer.from(JSON.stringify(body));
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

function pick(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  return {
    method: req.method ?? 'GET',
    rawPath,
    segments: rawPath.split('/').filter((segment) => segment !== '').map(safeDecode),
    query: new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)),
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A route on `method` whose decoded segments match `pattern` (`:name` captures one segment). */
export function route(name: string, method: string, pattern: string, handle: Route['handle']): Route {
  const parts = pattern.split('/').filter((part) => part !== '');
  return {
    name,
    method,
    handle,
    match(request) {
      if (request.segments.length !== parts.length) return null;
      const params: Record<string, string> = {};
      for (const [index, part] of parts.entries()) {
        const segment = request.segments[index] as string;
        if (part.startsWith(':')) params[part.slice(1)] = segment;
        else if (part !== segment) return null;
      }
      return params;
    },
  };
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): FakeReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
