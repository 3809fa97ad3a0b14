/**
 * The real `beachcomber-server` as a child process (src/server/main.ts through tsx, as
 * dist/server.js runs it after the build), on a test store, listening on a free port.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StoreLocation } from './stores';

const ROOT = join(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'src', 'server', 'main.ts');
const run = promisify(execFile);

export function storeEnv(location: StoreLocation): Record<string, string> {
  const env: Record<string, string> = { BEACHCOMBER_DATA_DIR: location.dataDir, BEACHCOMBER_NO_SYNC: '1', BEACHCOMBER_NO_HEALTH: '1', BEACHCOMBER_MIRROR_URL: 'off' };
  if (location.databaseUrl) env['DATABASE_URL'] = location.databaseUrl;
  if (location.schema) env['BEACHCOMBER_DATABASE_SCHEMA'] = location.schema;
  return env;
}

function childEnv(location: StoreLocation, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...storeEnv(location), ...extra };
  delete env['DATABASE_URL'];
  return { ...env, ...(location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {}) };
}

/** Runs one subcommand to its end; its standard output. */
export async function runCli(location: StoreLocation, args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['-r', 'tsx/cjs', MAIN, ...args], { cwd: ROOT, env: childEnv(location), timeout: 60_000 });
  return stdout;
}

/** Creates a token with the CLI and returns the secret (its first output line). */
export async function cliToken(location: StoreLocation, role: string, name: string): Promise<string> {
  const out = await runCli(location, ['token', 'create', '--role', role, '--name', name]);
  return out.split('\n')[0]!.trim();
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: string[];
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<string>;
}

export async function startServerProcess(location: StoreLocation, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', MAIN, 'serve', '--port', '0', '--log-level', 'info'], { cwd: ROOT, env: childEnv(location, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const read = (chunk: Buffer): void => {
      output.push(chunk.toString('utf8'));
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*listening/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((how) => reject(new Error(`server exited (${how}) before listening:\n${output.join('')}`)));
  });
  return { url, child, output, exited };
}
