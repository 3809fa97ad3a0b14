/**
 * The undici dispatcher behind one HttpClient: a keep-alive connection pool per origin, proxies
 * from an explicit setting or from HTTPS_PROXY / HTTP_PROXY / NO_PROXY, and an extra CA bundle for
 * corporate TLS interception.
 */
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
// The dispatchers from their own modules: undici's index also loads fetch, WebSocket, the HTTP
// cache and the mock agent, which nothing here uses and which add about 215 KB minified to the
// extension's bundle (goal: at most 1 MB). Like the index, give every dispatcher request(),
// stream() and the other API methods.
import Agent from 'undici/lib/dispatcher/agent.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import api from 'undici/lib/api/index.js';

Object.assign(DispatcherBase.prototype, api);

export interface DispatcherOptions {
  /** An explicit proxy URL (`http://user:pass@proxy:3128`); it wins over the environment. */
  readonly proxy?: string | null;
  /** Hosts that bypass the proxy, in NO_PROXY syntax; defaults to NO_PROXY from `env`. */
  readonly noProxy?: string | null;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (lower case first, as curl and undici do). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Extra trusted certificates (PEM text), added to Node's bundled roots, never replacing them. */
  readonly caBundle?: string | null;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  /** Connections kept per origin; also the number of requests in flight to it. */
  readonly connectionsPerOrigin: number;
}

export interface ProxyChoice {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

/** Which proxy applies, from the explicit setting or the environment; empty strings mean none. */
export function proxyChoice(options: Pick<DispatcherOptions, 'proxy' | 'noProxy' | 'env'>): ProxyChoice {
  const env = options.env;
  const noProxy = options.noProxy ?? env['no_proxy'] ?? env['NO_PROXY'] ?? '';
  if (options.proxy) return { httpProxy: options.proxy, httpsProxy: options.proxy, noProxy };
  const httpProxy = env['http_proxy'] ?? env['HTTP_PROXY'] ?? '';
  const httpsProxy = env['https_proxy'] ?? env['HTTPS_PROXY'] ?? httpProxy;
  return { httpProxy, httpsProxy, noProxy };
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const ca = options.caBundle ? [...rootCertificates, options.caBundle] : undefined;
  const agentOptions = {
    connect: { timeout: options.connectTimeoutMs, ...(ca ? { ca } : {}) },
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    connections: options.connectionsPerOrigin,
    keepAliveTimeout: 30_000,
  };
  const proxy = proxyChoice(options);
  if (proxy.httpProxy === '' && proxy.httpsProxy === '') return new Agent(agentOptions);
  // EnvHttpProxyAgent applies NO_PROXY per request. Credentials in the proxy URL become a
  // Proxy-Authorization header. Plain-HTTP targets are forwarded with an absolute URI
  // (`proxyTunnel: false`), as curl and pip do; HTTPS targets go through a CONNECT tunnel, where
  // `requestTls` carries the extra CA to the TLS session with the target.
  return new EnvHttpProxyAgent({
    ...agentOptions,
    httpProxy: proxy.httpProxy,
    httpsProxy: proxy.httpsProxy,
    noProxy: proxy.noProxy,
    proxyTunnel: false,
    ...(ca ? { requestTls: { ca } } : {}),
  });
}
