/**
 * /healthz answers as long as the process runs. /readyz answers 200 only when the database is
 * reachable and every migration is applied; it also reports the mirror, so a load balancer or a
 * person can see at a glance whether assessments would be complete.
 */
import type { Readiness } from '../../protocol/health';
import type { Handlers, ServerContext } from '../context';
import { SCHEMA_VERSION, appliedMigrations } from '../store/migrations';

async function readiness(ctx: ServerContext): Promise<Readiness> {
  const kind = ctx.store.kind;
  try {
    const applied = await appliedMigrations(ctx.store);
    const mirror = await ctx.mirror.summary();
    const ready = applied === SCHEMA_VERSION;
    const detail = ready ? 'reachable' : `schema at migration ${applied}, this server needs ${SCHEMA_VERSION}`;
    return { status: ready ? 'ready' : 'not-ready', database: { status: 'ok', kind, detail }, migrations: { applied, expected: SCHEMA_VERSION }, mirror };
  } catch (e) {
    return {
      status: 'not-ready',
      database: { status: 'failed', kind, detail: e instanceof Error ? e.message : String(e) },
      migrations: { applied: 0, expected: SCHEMA_VERSION },
      mirror: null,
    };
  }
}

export function healthHandlers(ctx: ServerContext): Handlers {
  return {
    liveness: async () => ({ status: 'ok' }),
    readiness: async (_request, reply) => {
      const answer = await readiness(ctx);
      return reply.code(answer.status === 'ready' ? 200 : 503).send(answer);
    },
  };
}
