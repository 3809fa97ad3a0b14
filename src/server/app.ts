/**
 * The fastify application: every route of the protocol's route table, with its schemas (requests
 * validated, responses serialised by them, and in tests also checked against them), the role it
 * needs, structured JSON logs with secrets redacted, one error shape, and no CORS unless asked.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Writable } from 'node:stream';
import { ROUTES, type RouteSpec } from '../protocol/routes';
import type { Handlers, ServerContext } from './context';
import { errorHandler } from './http/errors';
import { buildOpenApi } from './openapi';
import { assessmentHandlers } from './routes/assessments';
import { decisionHandlers } from './routes/decisions';
import { healthHandlers } from './routes/health';
import { inventoryHandlers } from './routes/inventory';
import { mirrorHandlers } from './routes/mirror';
import { projectHandlers } from './routes/projects';
import { tokenHandlers } from './routes/tokens';

export interface AppOptions {
  /** Where JSON log lines go (stdout by default); tests pass a stream to read them. */
  readonly logStream?: Writable;
}

/** Secrets never reach the logs, whatever a serializer or a plugin decides to log. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'token'];

export async function buildApp(ctx: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = fastify({
    logger: {
      level: ctx.config.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: ctx.config.bodyLimitBytes,
    // Requests are validated strictly: nothing is coerced or silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    return503OnClosing: true,
  });
  app.decorateRequest('auth', null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
  for (const type of ['application/zip', 'application/x-ndjson']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ctx.config.importLimitBytes }, (_request, body, done) => done(null, body));
  }
  if (ctx.config.corsOrigins.length > 0) enableCors(app, ctx.config.corsOrigins);
  const handlers: Handlers = {
    ...healthHandlers(ctx),
    ...tokenHandlers(ctx),
    ...decisionHandlers(ctx),
    ...projectHandlers(ctx),
    ...assessmentHandlers(ctx),
    ...inventoryHandlers(ctx),
    ...mirrorHandlers(ctx),
    openapi: async () => openApiDocument,
  };
  const openApiDocument = buildOpenApi(ROUTES);
  const responseCheck = ctx.config.validateResponses ? new ResponseCheck() : null;
  for (const route of ROUTES) registerRoute(app, ctx, route, handlers, responseCheck);
  await app.ready();
  return app;
}

function registerRoute(app: FastifyInstance, ctx: ServerContext, route: RouteSpec, handlers: Handlers, check: ResponseCheck | null): void {
  const handler = handlers[route.id];
  if (!handler) throw new Error(`no handler for route ${route.id}`);
  const role = route.role;
  app.route({
    method: route.method,
    url: route.url,
    schema: route.id === 'openapi' ? { response: { 200: { type: 'object', additionalProperties: true } } } : route.schema,
    ...(route.bodyTypes ? { bodyLimit: ctx.config.importLimitBytes } : {}),
    onRequest: role ? async (request) => ctx.guard.check(request, role) : undefined,
    onSend: check ? async (request, reply, payload) => check.verify(route, request, reply, payload) : undefined,
    handler,
  });
}

/**
 * Checks every JSON answer against its route's response schema: used in tests (and in
 * development) so that a handler that drifts from the contract fails loudly rather than having
 * fields silently dropped by the serializer.
 */
class ResponseCheck {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<object, ValidateFunction>();

  async verify(route: RouteSpec, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const schema = route.schema.response[reply.statusCode];
    const type = String(reply.getHeader('content-type') ?? '');
    const text = Buffer.isBuffer(payload) ? payload.toString('utf8') : payload;
    if (!schema || typeof text !== 'string' || !type.startsWith('application/json')) return payload;
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(JSON.parse(text))) return payload;
    const message = `response of ${route.id} (${reply.statusCode}) does not match its schema: ${this.ajv.errorsText(validate.errors)}`;
    request.log.error(message);
    void reply.code(500);
    return JSON.stringify({ error: 'internal', message });
  }
}

/** Only when origins are configured: answers preflights and marks answers for those origins. */
function enableCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      void reply
        .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
        .header('access-control-allow-headers', 'Authorization, Content-Type, If-Match')
        .header('access-control-expose-headers', 'ETag, Location, Retry-After')
        .code(204)
        .send();
    }
  });
  app.options('/*', async (_request, reply) => reply.code(204).send());
}
