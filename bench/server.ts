/**
 * The shared backend under load: POST /v1/assessments with the first 700 packages of Airflow's
 * uv.lock, answered from a mirror of the corpus's PyPA advisory database, against the real server
 * process (so autocannon and the server do not share an event loop) on the embedded PGlite store
 * and on the PostgreSQL at 127.0.0.1:5432 side by side. Two runs per store: at a fixed 200
 * requests per second (the goal: p99 ≤ 50 ms there), and with ten connections as fast as it goes.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { CORPUS, table } from './harness';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const POSTGRES_URL = process.env.BEACHCOMBER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PACKAGES = 700;

interface AutocannonResult {
  readonly latency: { readonly p50: number; readonly p99: number; readonly average: number };
  readonly requests: { readonly average: number; readonly total: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; it is loaded at run time, unbundled.
const autocannon = createRequire(join(ROOT, 'package.json'))('autocannon') as Autocannon;

/** The server as built (dist/server.js) when the bench runs bundled, else its source through tsx. */
function serverCommand(): string[] {
  return __filename.endsWith(join('dist', 'bench.js')) ? [join(ROOT, 'dist', 'server.js')] : ['-r', 'tsx/cjs', join(ROOT, 'src', 'server', 'main.ts')];
}

/** `name==version` of the first packages in Airflow's uv.lock. */
function airflowPackages(): { ecosystem: string; name: string; version: string }[] {
  const text = readFileSync(join(CORPUS, 'airflow', 'uv.lock'), 'utf8');
  const found: { ecosystem: string; name: string; version: string }[] = [];
  for (const match of text.matchAll(/\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"/g)) {
    found.push({ ecosystem: 'PyPI', name: match[1]!, version: match[2]! });
    if (found.length === PACKAGES) break;
  }
  return found;
}

interface Target {
  readonly label: string;
  readonly env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
  return { label: 'PGlite (embedded)', env: { BEACHCOMBER_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function postgresTarget(): Target {
  const schema = `bc_bench_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
  return {
    label: 'PostgreSQL 127.0.0.1',
    env: { BEACHCOMBER_DATA_DIR: dir, DATABASE_URL: POSTGRES_URL, BEACHCOMBER_DATABASE_SCHEMA: schema },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

async function cli(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [...serverCommand(), ...args], { cwd: ROOT, env, timeout: 120_000 });
  return stdout;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...serverCommand(), 'serve', '--port', '0', '--log-level', 'info', '--rate-limit', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*listening/.exec(output);
      if (match) resolve(match[1]!);
    });
  });
  return { url, child };
}

async function measure(target: Target, body: string): Promise<(string | number)[][]> {
  const env = { ...process.env, ...target.env, BEACHCOMBER_NO_SYNC: '1', BEACHCOMBER_NO_HEALTH: '1', BEACHCOMBER_MIRROR_URL: 'off', BEACHCOMBER_LOG_LEVEL: 'warn' };
  await cli(env, ['mirror', 'import', join(CORPUS, 'osv', 'pypa-advisories.jsonl')]);
  const token = (await cli(env, ['token', 'create', '--role', 'reader', '--name', 'bench'])).split('\n')[0]!.trim();
  const { url, child } = await startServer(env);
  const request = { url: `${url}/v1/assessments`, method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
  try {
    // Warm up first: the first requests compute and serialise every assessment, and the JIT settles.
    await autocannon({ ...request, connections: 4, duration: 5 });
    const rows: (string | number)[][] = [];
    for (const [label, options] of [['max, 10 connections', { connections: 10, duration: 10 }], ['200 req/s', { connections: 10, overallRate: 200, duration: 10 }]] as const) {
      const result = await autocannon({ ...request, ...options });
      const failed = result.non2xx + result.errors + result.timeouts;
      rows.push([`${target.label}, ${label}`, result.requests.average, result.latency.p50, result.latency.p99, failed]);
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function benchServer(): Promise<void> {
  const packages = airflowPackages();
  const body = JSON.stringify({ packages });
  const rows: (string | number)[][] = [];
  for (const make of [pgliteTarget, postgresTarget]) {
    const target = make();
    try {
      rows.push(...(await measure(target, body)));
    } catch (error) {
      rows.push([`${target.label}: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}`, NaN, NaN, NaN, NaN]);
    } finally {
      await target.cleanup();
    }
  }
  table(`POST /v1/assessments, ${packages.length} packages per request (${Math.round(body.length / 1024)} KiB), goal p99 ≤ 50 ms at ≥ 200 req/s`, ['store, load', 'req/s', 'p50 ms', 'p99 ms', 'failed'], rows);
}

if (require.main === module) {
  benchServer().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
