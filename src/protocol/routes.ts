/**
 * Every route of the API with its role and its schemas. The server registers exactly these, and
 * the OpenAPI document is generated from them, so the contract is written once.
 */
import { assessRequestSchema, assessResponseSchema } from './assessment';
import { errorSchema, packageNameSchema } from './common';
import { decisionHistorySchema, decisionInputSchema, decisionListSchema, decisionRecordSchema, decisionUpdateSchema } from './decisions';
import { livenessSchema, readinessSchema } from './health';
import { inventoryQuerySchema, inventorySchema } from './inventory';
import { mirrorStatusSchema, syncReportSchema } from './mirror';
import { packageUsageSchema, projectIdSchema, projectListSchema, snapshotInputSchema, snapshotSchema, projectSummarySchema } from './projects';
import { createdTokenSchema, tokenInfoSchema, tokenInputSchema, tokenListSchema, whoAmISchema, type Role } from './tokens';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSchema {
  readonly body?: object;
  readonly params?: object;
  readonly querystring?: object;
  readonly response: Readonly<Record<number, object>>;
}

export interface RouteSpec {
  /** The OpenAPI operationId and the server's handler name. */
  readonly id: string;
  readonly method: Method;
  /** fastify syntax: `/v1/decisions/:id`. */
  readonly url: string;
  /** Null for public routes (health, the OpenAPI document). */
  readonly role: Role | null;
  readonly summary: string;
  readonly tag: string;
  readonly schema: RouteSchema;
  /** Request body types other than JSON, for uploads. */
  readonly bodyTypes?: readonly string[];
  /** Response types other than JSON for the 200 answer. */
  readonly responseTypes?: readonly string[];
  /** Request headers the route reads, for the OpenAPI document. */
  readonly headers?: readonly { readonly name: string; readonly required: boolean; readonly description: string }[];
}

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 429: errorSchema } as const;
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const nameParams = { type: 'object', additionalProperties: false, required: ['name'], properties: { name: packageNameSchema } } as const;
const projectParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: projectIdSchema } } as const;
const packageQuery = { type: 'object', additionalProperties: false, properties: { package: packageNameSchema } } as const;
const ifMatch = [{ name: 'If-Match', required: true, description: 'The ETag of the decision as last read; a stale one gets 412, none gets 428.' }];
const noContent = { type: 'null' } as const;

export const ROUTES: readonly RouteSpec[] = [
  { id: 'liveness', method: 'GET', url: '/healthz', role: null, tag: 'health', summary: 'The process is up.', schema: { response: { 200: livenessSchema } } },
  { id: 'readiness', method: 'GET', url: '/readyz', role: null, tag: 'health', summary: 'Database reachable, migrations applied, mirror state.', schema: { response: { 200: readinessSchema, 503: readinessSchema } } },
  { id: 'openapi', method: 'GET', url: '/openapi.json', role: null, tag: 'health', summary: 'This API as an OpenAPI 3.1 document.', schema: { response: { 200: { type: 'object' } } } },
  { id: 'whoami', method: 'GET', url: '/v1/whoami', role: 'reader', tag: 'tokens', summary: 'The name and role of the token used.', schema: { response: { 200: whoAmISchema, ...errors } } },
  {
    id: 'assess', method: 'POST', url: '/v1/assessments', role: 'reader', tag: 'assessments',
    summary: 'Assess up to 5,000 packages in one round trip, from the server\'s own mirror, health cache and decisions.',
    schema: { body: assessRequestSchema, response: { 200: assessResponseSchema, ...errors, 413: errorSchema } },
  },
  { id: 'listDecisions', method: 'GET', url: '/v1/decisions', role: 'reader', tag: 'decisions', summary: 'Every current decision, or those of one package.', schema: { querystring: packageQuery, response: { 200: decisionListSchema, ...errors } } },
  { id: 'createDecision', method: 'POST', url: '/v1/decisions', role: 'triager', tag: 'decisions', summary: 'Record a decision; answers 201 with its ETag.', schema: { body: decisionInputSchema, response: { 201: decisionRecordSchema, ...errors, 413: errorSchema } } },
  { id: 'getDecision', method: 'GET', url: '/v1/decisions/:id', role: 'reader', tag: 'decisions', summary: 'One decision with its ETag.', schema: { params: idParams, response: { 200: decisionRecordSchema, ...errors, 404: errorSchema } } },
  {
    id: 'updateDecision', method: 'PUT', url: '/v1/decisions/:id', role: 'triager', tag: 'decisions', headers: ifMatch,
    summary: 'Replace a decision\'s fields; needs If-Match with the current ETag.',
    schema: { params: idParams, body: decisionUpdateSchema, response: { 200: decisionRecordSchema, ...errors, 404: errorSchema, 412: errorSchema, 413: errorSchema, 428: errorSchema } },
  },
  {
    id: 'deleteDecision', method: 'DELETE', url: '/v1/decisions/:id', role: 'triager', tag: 'decisions', headers: ifMatch,
    summary: 'Delete a decision (recorded in the history); needs If-Match with the current ETag.',
    schema: { params: idParams, response: { 204: noContent, ...errors, 404: errorSchema, 412: errorSchema, 428: errorSchema } },
  },
  { id: 'packageDecisions', method: 'GET', url: '/v1/packages/:name/decisions', role: 'reader', tag: 'decisions', summary: 'The current decisions about one package.', schema: { params: nameParams, response: { 200: decisionListSchema, ...errors } } },
  { id: 'packageHistory', method: 'GET', url: '/v1/packages/:name/history', role: 'reader', tag: 'decisions', summary: 'Every decision event about one package, oldest first.', schema: { params: nameParams, response: { 200: decisionHistorySchema, ...errors } } },
  { id: 'packageUsage', method: 'GET', url: '/v1/packages/:name/projects', role: 'reader', tag: 'projects', summary: 'Which projects use the package, at which versions.', schema: { params: nameParams, response: { 200: packageUsageSchema, ...errors } } },
  { id: 'listProjects', method: 'GET', url: '/v1/projects', role: 'reader', tag: 'projects', summary: 'Every project that reported a snapshot.', schema: { response: { 200: projectListSchema, ...errors } } },
  { id: 'getSnapshot', method: 'GET', url: '/v1/projects/:id/snapshot', role: 'reader', tag: 'projects', summary: 'The last dependency snapshot of a project.', schema: { params: projectParams, response: { 200: snapshotSchema, ...errors, 404: errorSchema } } },
  {
    id: 'putSnapshot', method: 'PUT', url: '/v1/projects/:id/snapshot', role: 'admin', tag: 'projects',
    summary: 'Replace the dependency snapshot of a project (its packages, depth, groups, paths).',
    schema: { params: projectParams, body: snapshotInputSchema, response: { 200: projectSummarySchema, ...errors, 413: errorSchema } },
  },
  { id: 'deleteProject', method: 'DELETE', url: '/v1/projects/:id', role: 'admin', tag: 'projects', summary: 'Forget a project and its snapshot.', schema: { params: projectParams, response: { 204: noContent, ...errors, 404: errorSchema } } },
  {
    id: 'inventory', method: 'GET', url: '/v1/inventory', role: 'reader', tag: 'inventory', responseTypes: ['text/csv', 'application/vnd.cyclonedx+json'],
    summary: 'The inventory of a project (or of all): JSON, CSV with the spreadsheet\'s columns, or CycloneDX 1.6 with VEX.',
    schema: { querystring: inventoryQuerySchema, response: { 200: inventorySchema, ...errors, 404: errorSchema } },
  },
  { id: 'mirrorStatus', method: 'GET', url: '/v1/mirror', role: 'reader', tag: 'mirror', summary: 'The state of the OSV mirror.', schema: { response: { 200: mirrorStatusSchema, ...errors } } },
  { id: 'syncMirror', method: 'POST', url: '/v1/mirror/sync', role: 'admin', tag: 'mirror', summary: 'Sync the mirror now from modified_id.csv (or all.zip when empty).', schema: { response: { 200: syncReportSchema, ...errors } } },
  {
    id: 'importMirror', method: 'POST', url: '/v1/mirror/import', role: 'admin', tag: 'mirror', bodyTypes: ['application/zip', 'application/x-ndjson'],
    summary: 'Import OSV records: an all.zip (application/zip) or JSON lines (application/x-ndjson).',
    schema: { response: { 200: syncReportSchema, ...errors, 413: errorSchema, 415: errorSchema } },
  },
  { id: 'listTokens', method: 'GET', url: '/v1/tokens', role: 'admin', tag: 'tokens', summary: 'Every token (never the secrets).', schema: { response: { 200: tokenListSchema, ...errors } } },
  { id: 'createToken', method: 'POST', url: '/v1/tokens', role: 'admin', tag: 'tokens', summary: 'Create a token; the secret is in this answer only.', schema: { body: tokenInputSchema, response: { 201: createdTokenSchema, ...errors } } },
  { id: 'revokeToken', method: 'DELETE', url: '/v1/tokens/:id', role: 'admin', tag: 'tokens', summary: 'Revoke a token.', schema: { params: idParams, response: { 200: tokenInfoSchema, ...errors, 404: errorSchema } } },
];

export function routeById(id: string): RouteSpec {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`no route ${id}`);
  return route;
}
