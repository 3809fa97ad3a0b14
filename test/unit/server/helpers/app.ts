/**
 * A server over a test store, driven with fastify's inject (no sockets): every response is also
 * checked against its route's response schema, so a handler that drifts from the contract fails.
 */
import type { LightMyRequestResponse } from 'fastify';
import { Writable } from 'node:stream';
import { DEFAULT_CONFIG, type ServerConfig } from '../../../../src/server/config';
import { createToken } from '../../../../src/server/auth/tokens';
import { createServer, type Server, type ServerDeps } from '../../../../src/server/server';
import type { Store } from '../../../../src/server/store/store';
import { CORE_RISK_MODEL } from '../../../../src/server/assess/model';
import { OSV_PARSERS } from '../../../../src/server/mirror/parsers';

export const TEST_CONFIG: ServerConfig = {
  ...DEFAULT_CONFIG,
  logLevel: 'info',
  validateResponses: true,
  rateLimit: { perSecond: 0, burst: 0 },
  mirror: { ...DEFAULT_CONFIG.mirror, syncIntervalSeconds: 0 },
  health: { ...DEFAULT_CONFIG.health, enabled: false },
};

export interface TestServer extends Server {
  readonly logs: string[];
  readonly tokens: { readonly admin: string; readonly triager: string; readonly reader: string };
  request(method: string, url: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse>;
}

export async function testServer(store: Store, config: Partial<ServerConfig> = {}, deps: Partial<ServerDeps> = {}): Promise<TestServer> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const server = await createServer({ ...TEST_CONFIG, ...config }, { model: CORE_RISK_MODEL, parsers: OSV_PARSERS, bulk: null, health: null, store, logStream, ...deps });
  const now = new Date();
  const suffix = Math.random().toString(36).slice(2, 8);
  const tokens = {
    admin: (await createToken(store, `admin-${suffix}`, 'admin', now)).token,
    triager: (await createToken(store, `triager-${suffix}`, 'triager', now)).token,
    reader: (await createToken(store, `reader-${suffix}`, 'reader', now)).token,
  };
  return {
    ...server,
    logs,
    tokens,
    request(method, url, options = {}) {
      const token = options.token === undefined ? tokens.admin : options.token;
      const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
      const payload = options.payload ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (options.body !== undefined) headers['content-type'] ??= 'application/json';
      return server.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
    },
  };
}
