/**
 * The server's configuration from the command line and the environment (flags win). Every
 * setting has a default, so `beachcomber-server` alone starts on the embedded store.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, type ServerConfig } from '../config';

export const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'database-schema': { type: 'string' },
  'mirror-url': { type: 'string' },
  'sync-interval': { type: 'string' },
  'no-sync': { type: 'boolean' },
  'no-health': { type: 'boolean' },
  'pypi-url': { type: 'string' },
  'pypi-json-url': { type: 'string' },
  'deps-dev-url': { type: 'string' },
  'scorecard-url': { type: 'string' },
  'rate-limit': { type: 'string' },
  'rate-burst': { type: 'string' },
  'body-limit': { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

export interface Parsed {
  readonly command: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
}

export function parse(argv: readonly string[]): Parsed {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  return { command: positionals, values };
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

/** `off` (or an empty value) turns an optional source off. */
function optionalUrl(value: string | undefined, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  return value === '' || value === 'off' ? null : value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export function configFrom(values: Parsed['values'], env: Env): ServerConfig {
  const text = (flag: string, variable: string): string | undefined => (values[flag] as string | undefined) ?? env[variable];
  const d = DEFAULT_CONFIG;
  const logLevel = text('log-level', 'BEACHCOMBER_LOG_LEVEL') ?? d.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const noSync = values['no-sync'] === true || env['BEACHCOMBER_NO_SYNC'] === '1';
  const corsFlag = values['cors-origin'] as string[] | undefined;
  return {
    host: text('host', 'BEACHCOMBER_HOST') ?? d.host,
    port: number(text('port', 'BEACHCOMBER_PORT'), '--port', d.port),
    dataDir: text('data-dir', 'BEACHCOMBER_DATA_DIR') ?? d.dataDir,
    databaseUrl: text('database-url', 'DATABASE_URL') || null,
    databaseSchema: text('database-schema', 'BEACHCOMBER_DATABASE_SCHEMA') || null,
    bodyLimitBytes: number(text('body-limit', 'BEACHCOMBER_BODY_LIMIT'), '--body-limit', d.bodyLimitBytes),
    importLimitBytes: d.importLimitBytes,
    rateLimit: {
      perSecond: number(text('rate-limit', 'BEACHCOMBER_RATE_LIMIT'), '--rate-limit', d.rateLimit.perSecond),
      burst: number(text('rate-burst', 'BEACHCOMBER_RATE_BURST'), '--rate-burst', d.rateLimit.burst),
    },
    corsOrigins: corsFlag ?? (env['BEACHCOMBER_CORS_ORIGINS'] ? env['BEACHCOMBER_CORS_ORIGINS'].split(',').map((o) => o.trim()).filter(Boolean) : d.corsOrigins),
    logLevel: logLevel as ServerConfig['logLevel'],
    validateResponses: env['BEACHCOMBER_VALIDATE_RESPONSES'] === '1',
    mirror: {
      baseUrl: text('mirror-url', 'BEACHCOMBER_MIRROR_URL') ?? d.mirror.baseUrl,
      syncIntervalSeconds: noSync ? 0 : number(text('sync-interval', 'BEACHCOMBER_SYNC_INTERVAL'), '--sync-interval', d.mirror.syncIntervalSeconds),
    },
    health: {
      ...d.health,
      enabled: !(values['no-health'] === true || env['BEACHCOMBER_NO_HEALTH'] === '1'),
      pypiUrl: text('pypi-url', 'BEACHCOMBER_PYPI_URL') ?? d.health.pypiUrl,
      pypiJsonUrl: optionalUrl(text('pypi-json-url', 'BEACHCOMBER_PYPI_JSON_URL'), d.health.pypiJsonUrl),
      depsDevUrl: optionalUrl(text('deps-dev-url', 'BEACHCOMBER_DEPS_DEV_URL'), d.health.depsDevUrl),
      scorecardUrl: optionalUrl(text('scorecard-url', 'BEACHCOMBER_SCORECARD_URL'), d.health.scorecardUrl),
    },
  };
}

export const USAGE = `beachcomber-server — the shared risk backend

Usage:
  beachcomber-server [serve] [options]        start the server (the default command)
  beachcomber-server migrate                  apply database migrations and exit
  beachcomber-server token create --role reader|triager|admin --name NAME
                                              create a token; it is printed once, only its hash is kept
  beachcomber-server token list               list tokens (never the secrets)
  beachcomber-server token revoke ID          revoke a token
  beachcomber-server mirror import PATH       import OSV records: all.zip, JSON lines, a .json file or a folder
  beachcomber-server mirror sync              sync the mirror now (modified_id.csv, or all.zip when empty)
  beachcomber-server mirror status            show the mirror's state
  beachcomber-server openapi                  print the OpenAPI 3.1 document

Options (environment variable in brackets):
  --host H               listen address (BEACHCOMBER_HOST; default 127.0.0.1)
  --port P               listen port (BEACHCOMBER_PORT; default 8080)
  --data-dir D           embedded PGlite store (BEACHCOMBER_DATA_DIR; default .beachcomber-data)
  --database-url URL     use PostgreSQL instead (DATABASE_URL)
  --database-schema S    PostgreSQL schema, created when missing (BEACHCOMBER_DATABASE_SCHEMA)
  --mirror-url U|off     OSV bulk data or a mirror of it (BEACHCOMBER_MIRROR_URL;
                         default https://storage.googleapis.com/osv-vulnerabilities)
  --sync-interval S      seconds between syncs, 0 = never (BEACHCOMBER_SYNC_INTERVAL; default 3600)
  --no-sync              no scheduled sync (BEACHCOMBER_NO_SYNC=1)
  --no-health            fetch no PyPI / deps.dev / Scorecard data (BEACHCOMBER_NO_HEALTH=1)
  --pypi-url U           Simple API of PyPI or a private index (BEACHCOMBER_PYPI_URL;
                         default https://pypi.org/simple/)
  --pypi-json-url U|off  its JSON API (BEACHCOMBER_PYPI_JSON_URL; default: PyPI's for PyPI, none else)
  --deps-dev-url U|off   deps.dev (BEACHCOMBER_DEPS_DEV_URL)
  --scorecard-url U|off  OpenSSF Scorecard (BEACHCOMBER_SCORECARD_URL)
  --rate-limit N         requests per second per token, 0 = no limit (BEACHCOMBER_RATE_LIMIT; default 50)
  --rate-burst N         burst per token (BEACHCOMBER_RATE_BURST; default 200)
  --body-limit BYTES     largest JSON request (BEACHCOMBER_BODY_LIMIT; default 4 MiB)
  --cors-origin O        allow browser calls from O (repeatable; BEACHCOMBER_CORS_ORIGINS=a,b; default none)
  --log-level L          fatal|error|warn|info|debug|silent (BEACHCOMBER_LOG_LEVEL; default info)
`;
