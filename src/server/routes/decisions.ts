/**
 * Decisions: read, create, update and delete with optimistic concurrency. An update or a delete
 * must name the revision it read in If-Match: without it the answer is 428 (so no client can
 * overwrite blindly), with a stale one 412 and the current ETag, never a silent overwrite.
 */
import type { FastifyRequest } from 'fastify';
import { isValidSpecifier, normalizeName } from '../../core/versions';
import type { DecisionFields, DecisionInput } from '../../protocol/decisions';
import { now, type Handlers, type ServerContext } from '../context';
import { createDecision, decisionHistory, deleteDecision, getDecision, listDecisions, updateDecision, type WriteResult } from '../decisions/repo';
import { HttpError, badRequest, notFound } from '../http/errors';

/** What JSON schema cannot say: the specifier must be PEP 440, the date real, a justification only on accept. */
function checkFields(fields: DecisionFields): void {
  if (fields.versions != null && (fields.versions.trim() === '' || !isValidSpecifier(fields.versions))) {
    throw badRequest(`versions must be a PEP 440 specifier such as ">=1.0,<2" (got ${JSON.stringify(fields.versions)})`);
  }
  if (fields.expires != null && Number.isNaN(Date.parse(fields.expires))) throw badRequest(`expires is not a valid date: ${fields.expires}`);
  if (fields.justification != null && fields.action !== 'accept') throw badRequest('a justification (VEX not_affected) belongs to an accept decision only');
}

function author(request: FastifyRequest): string {
  if (!request.auth) throw new HttpError(401, 'unauthorized', 'a bearer token is required');
  return request.auth.name;
}

function ifMatch(request: FastifyRequest): string {
  const header = request.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '') {
    throw new HttpError(428, 'precondition-required', 'send If-Match with the ETag of the decision as you last read it');
  }
  return header;
}

function written(result: WriteResult, id: string): WriteResult & { kind: 'ok' } {
  if (result.kind === 'not-found') throw notFound(`no decision ${id}`);
  if (result.kind === 'stale') {
    throw new HttpError(412, 'precondition-failed', `the decision changed since it was read (now revision ${result.current.revision} by ${result.current.updatedBy})`, {
      etag: result.current.etag,
    });
  }
  return result;
}

export function decisionHandlers(ctx: ServerContext): Handlers {
  return {
    listDecisions: async (request) => {
      const { package: pkg } = request.query as { package?: string };
      return { decisions: await listDecisions(ctx.store, pkg ? normalizeName(pkg) : null) };
    },
    packageDecisions: async (request) => {
      const { name } = request.params as { name: string };
      return { decisions: await listDecisions(ctx.store, normalizeName(name)) };
    },
    packageHistory: async (request) => {
      const name = normalizeName((request.params as { name: string }).name);
      return { package: name, events: await decisionHistory(ctx.store, name) };
    },
    getDecision: async (request, reply) => {
      const { id } = request.params as { id: string };
      const decision = await getDecision(ctx.store, id);
      if (!decision) throw notFound(`no decision ${id}`);
      return reply.header('etag', decision.etag).send(decision);
    },
    createDecision: async (request, reply) => {
      const input = request.body as DecisionInput;
      checkFields(input);
      const decision = await createDecision(ctx.store, { ...input, package: normalizeName(input.package) }, author(request), now(ctx));
      return reply.code(201).header('etag', decision.etag).header('location', `/v1/decisions/${decision.id}`).send(decision);
    },
    updateDecision: async (request, reply) => {
      const { id } = request.params as { id: string };
      const fields = request.body as DecisionFields;
      const precondition = ifMatch(request);
      checkFields(fields);
      const result = written(await updateDecision(ctx.store, id, precondition, fields, author(request), now(ctx)), id);
      return reply.header('etag', result.decision.etag).send(result.decision);
    },
    deleteDecision: async (request, reply) => {
      const { id } = request.params as { id: string };
      written(await deleteDecision(ctx.store, id, ifMatch(request), author(request), now(ctx)), id);
      return reply.code(204).send();
    },
  };
}
