/**
 * Everything the server can be told, with its defaults. `main.ts` fills it from the command line
 * and the environment; tests build it directly.
 */
import type { RateLimit } from './auth/rate-limit';
import type { StoreConfig } from './store/open';

export interface HealthConfig {
  /** Off: assessments carry no health signals (and say so); nothing is fetched. */
  readonly enabled: boolean;
  /** The Simple API root of PyPI or a private index (credentials may be in the URL). */
  readonly pypiUrl: string;
  /** The JSON API root; null lets the index decide (PyPI's own for PyPI, none for others). */
  readonly pypiJsonUrl: string | null;
  readonly depsDevUrl: string | null;
  readonly scorecardUrl: string | null;
  /** Packages refreshed at once by the background refresher. */
  readonly concurrency: number;
  /** How long fetched data is trusted before it is refreshed, and how soon a failure is retried. */
  readonly ttlSeconds: number;
  readonly retryFailedSeconds: number;
}

export interface MirrorConfig {
  /** OSV's bulk bucket or an offline mirror of it: `<base>/PyPI/all.zip`, `<base>/PyPI/modified_id.csv`. */
  readonly baseUrl: string;
  /** 0 turns the scheduled sync off. */
  readonly syncIntervalSeconds: number;
}

export interface ServerConfig extends StoreConfig {
  readonly host: string;
  readonly port: number;
  /** Largest JSON request body; a larger one is answered 413. */
  readonly bodyLimitBytes: number;
  /** Largest upload to POST /v1/mirror/import. */
  readonly importLimitBytes: number;
  readonly rateLimit: RateLimit;
  /** Origins allowed to call from a browser; empty (the default) sends no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Check every response against its schema (tests and development; costs time per request). */
  readonly validateResponses: boolean;
  readonly mirror: MirrorConfig;
  readonly health: HealthConfig;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: '.beachcomber-data',
  databaseUrl: null,
  databaseSchema: null,
  bodyLimitBytes: 4 * 1024 * 1024,
  importLimitBytes: 512 * 1024 * 1024,
  rateLimit: { perSecond: 50, burst: 200 },
  corsOrigins: [],
  logLevel: 'info',
  validateResponses: false,
  mirror: { baseUrl: 'https://storage.googleapis.com/osv-vulnerabilities', syncIntervalSeconds: 3600 },
  health: {
    enabled: true,
    pypiUrl: 'https://pypi.org/simple/',
    pypiJsonUrl: null,
    depsDevUrl: 'https://api.deps.dev',
    scorecardUrl: 'https://api.scorecard.dev',
    concurrency: 8,
    ttlSeconds: 24 * 3600,
    retryFailedSeconds: 15 * 60,
  },
};
