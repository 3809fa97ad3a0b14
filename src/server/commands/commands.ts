/**
 * The server's subcommands. Each opens the configured store (applying migrations), does one thing
 * and closes it; output goes to the given stream so that tests can run them in-process.
 */
import type { Writable } from 'node:stream';
import type { Logger } from '../../core/ports';
import { readRecordsFrom } from '../../node/offline-db/import';
import { ROLES, type Role } from '../../protocol/tokens';
import { ROUTES } from '../../protocol/routes';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import type { ServerConfig } from '../config';
import { Mirror } from '../mirror/service';
import { buildOpenApi } from '../openapi';
import type { ServerDeps } from '../server';
import { SCHEMA_VERSION } from '../store/migrations';
import { describeStore, openStore } from '../store/open';
import type { Store } from '../store/store';

export type Out = Pick<Writable, 'write'>;

async function withStore<T>(config: ServerConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function migrateCommand(config: ServerConfig, out: Out): Promise<number> {
  await withStore(config, async () => undefined);
  out.write(`${describeStore(config)}: schema at migration ${SCHEMA_VERSION}\n`);
  return 0;
}

export async function tokenCommand(config: ServerConfig, args: readonly string[], options: { role?: string; name?: string }, out: Out): Promise<number> {
  const [action, id] = args;
  if (action === 'create') {
    if (!options.role || !(ROLES as readonly string[]).includes(options.role)) throw new Error(`token create needs --role ${ROLES.join('|')}`);
    if (!options.name) throw new Error('token create needs --name NAME (it becomes the author of what the token writes)');
    const created = await withStore(config, (store) => createToken(store, options.name!, options.role as Role, new Date()));
    out.write(`${created.token}\n`);
    out.write(`# token ${created.id} for ${created.name} (${created.role}); shown once, only its hash is stored\n`);
    return 0;
  }
  if (action === 'list') {
    const tokens = await withStore(config, (store) => listTokens(store));
    for (const t of tokens) out.write(`${t.id}\t${t.role}\t${t.name}\tcreated ${t.created}${t.revoked ? `\trevoked ${t.revoked}` : ''}\n`);
    return 0;
  }
  if (action === 'revoke' && id) {
    const revoked = await withStore(config, (store) => revokeToken(store, id, new Date()));
    if (!revoked) throw new Error(`no token ${id} (see token list)`);
    out.write(`revoked ${revoked.id} (${revoked.name})\n`);
    return 0;
  }
  throw new Error('usage: token create --role R --name N | token list | token revoke ID');
}

export async function mirrorCommand(config: ServerConfig, deps: ServerDeps, args: readonly string[], out: Out): Promise<number> {
  const [action, file] = args;
  return withStore(config, async (store) => {
    const mirror = new Mirror({ store, clock: { now: () => Date.now() }, logger: commandLogger(out), config: config.mirror, bulk: deps.bulk, parsers: deps.parsers });
    if (action === 'status') {
      out.write(`${JSON.stringify(await mirror.status(), null, 2)}\n`);
      return 0;
    }
    let report;
    if (action === 'import' && file) {
      const read = await readRecordsFrom(file);
      if (read.status !== 'ok') throw new Error(read.detail);
      report = await mirror.importRecords({ records: read.value.records, problems: read.value.problems.map((p) => `${p.where}: ${p.message}`) }, read.value.source);
    }
    else if (action === 'sync') report = await mirror.sync();
    else throw new Error('usage: mirror import FILE | mirror sync | mirror status');
    out.write(`${report.kind} ${report.status}: ${report.detail}${report.skipped > 0 ? ` (${report.skipped} entries skipped)` : ''}\n`);
    return report.status === 'ok' ? 0 : 1;
  });
}

export function openApiCommand(out: Out): number {
  out.write(`${JSON.stringify(buildOpenApi(ROUTES), null, 2)}\n`);
  return 0;
}

/** Warnings of a one-shot command go to its output as plain lines. */
function commandLogger(out: Out): Logger {
  const line = (level: string) => (message: string, meta?: Record<string, unknown>) => void out.write(`${level}: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`);
  return { error: line('error'), warn: line('warning'), info: () => {}, debug: () => {} };
}
