/**
 * Assembles one server process: the store (migrated), the change counters, the guard, the mirror,
 * the health refresher and the assessment engine, and the fastify app over them. `startServer`
 * also listens; `stop` closes everything in order (no new requests, background work finished, the
 * store closed last so that nothing acknowledged is lost).
 */
import type { FastifyInstance } from 'fastify';
import type { Writable } from 'node:stream';
import type { Clock, Logger, OsvBulkSource } from '../core/ports';
import { buildApp } from './app';
import { AssessmentEngine } from './assess/engine';
import type { RiskModel } from './assess/model';
import { Guard } from './auth/guard';
import { RateLimiter } from './auth/rate-limit';
import type { ServerConfig } from './config';
import type { ServerContext } from './context';
import { Mirror, type RecordParsers } from './mirror/service';
import { PackageData } from './signals/cache';
import { Refresher, type HealthSources } from './signals/refresher';
import { StateWatcher } from './state';
import { openStore } from './store/open';
import type { Store } from './store/store';

export interface ServerDeps {
  readonly model: RiskModel;
  readonly parsers: RecordParsers;
  /** OSV's bulk bucket (or a mirror of it); null turns sync off. */
  readonly bulk: OsvBulkSource | null;
  /** PyPI, deps.dev and Scorecard clients; null turns health data off. */
  readonly health: HealthSources | null;
  readonly clock?: Clock;
  /** An already open store (tests); otherwise the configuration's is opened and migrated. */
  readonly store?: Store;
  readonly logStream?: Writable;
}

export interface Server {
  readonly app: FastifyInstance;
  readonly ctx: ServerContext;
  readonly mirror: Mirror;
  readonly refresher: Refresher | null;
  stop(): Promise<void>;
}

/** A Logger for background work that writes through the app's structured log once it exists. */
function forwardingLogger(): { logger: Logger; attach(app: FastifyInstance): void } {
  let target: FastifyInstance['log'] | null = null;
  const at = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string, meta?: Record<string, unknown>) => target?.[level](meta ?? {}, message);
  return { logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, attach: (app) => (target = app.log) };
}

export async function createServer(config: ServerConfig, deps: ServerDeps): Promise<Server> {
  const clock = deps.clock ?? { now: () => Date.now() };
  const store = deps.store ?? (await openStore(config));
  const { logger, attach } = forwardingLogger();
  const state = new StateWatcher(store);
  const mirror = new Mirror({ store, clock, logger, config: config.mirror, bulk: deps.bulk, parsers: deps.parsers });
  const refresher = deps.health && config.health.enabled ? new Refresher({ store, sources: deps.health, config: config.health, clock, logger }) : null;
  const assessor = new AssessmentEngine({
    store,
    state,
    mirror,
    data: new PackageData(),
    refresher,
    clock,
    model: deps.model,
    depsDevEnabled: deps.health?.depsDev != null,
    scorecardEnabled: deps.health?.scorecard != null,
  });
  const guard = new Guard(store, state, new RateLimiter(config.rateLimit), clock);
  const ctx: ServerContext = { config, store, clock, logger, state, guard, assessor, mirror };
  const app = await buildApp(ctx, deps.logStream ? { logStream: deps.logStream } : {});
  attach(app);
  return {
    app,
    ctx,
    mirror,
    refresher,
    async stop() {
      await app.close();
      await mirror.stop();
      await refresher?.stop();
      if (!deps.store) await store.close();
    },
  };
}

/** Creates the server, listens, and starts the scheduled mirror sync. */
export async function startServer(config: ServerConfig, deps: ServerDeps): Promise<Server & { readonly url: string }> {
  const server = await createServer(config, deps);
  const address = await server.app.listen({ host: config.host, port: config.port });
  server.mirror.start();
  return { ...server, url: address };
}
