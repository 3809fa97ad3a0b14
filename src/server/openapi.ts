/**
 * The OpenAPI 3.1 document, generated from the route table in src/protocol/routes.ts — the same
 * schemas fastify validates with — so the document cannot drift from the server. OpenAPI 3.1
 * speaks JSON Schema 2020-12; the route schemas use its common subset.
 */
import type { RouteSpec } from '../protocol/routes';
import { version } from '../../package.json';

type Json = Record<string, unknown>;

function pathOf(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}');
}

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [['path', route.schema.params], ['query', route.schema.querystring]] as const) {
    const object = schema as { properties?: Record<string, object>; required?: string[] } | undefined;
    for (const [name, property] of Object.entries(object?.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (object?.required ?? []).includes(name), schema: property });
    }
  }
  for (const header of route.headers ?? []) out.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } });
  return out;
}

function requestBody(route: RouteSpec): Json | undefined {
  if (route.schema.body) return { required: true, content: { 'application/json': { schema: route.schema.body } } };
  if (route.bodyTypes) return { required: true, content: Object.fromEntries(route.bodyTypes.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])) };
  return undefined;
}

function responses(route: RouteSpec): Json {
  const out: Json = {};
  for (const [status, schema] of Object.entries(route.schema.response)) {
    const code = Number(status);
    if (code === 204) {
      out[status] = { description: 'No content' };
      continue;
    }
    const content: Json = { 'application/json': { schema } };
    if (code === 200) for (const type of route.responseTypes ?? []) content[type] = { schema: { type: 'string' } };
    out[status] = { description: code < 300 ? 'Success' : 'Error', content };
  }
  return out;
}

export function buildOpenApi(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const operation: Json = { operationId: route.id, summary: route.summary, tags: [route.tag], parameters: parameters(route), responses: responses(route) };
    const body = requestBody(route);
    if (body) operation['requestBody'] = body;
    operation['security'] = route.role ? [{ bearer: [] }] : [];
    if (route.role) operation['x-beachcomber-role'] = route.role;
    paths[pathOf(route.url)] = { ...(paths[pathOf(route.url)] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beachcomber risk backend',
      version,
      description: 'One team\'s inventory, assessments and Fix / Fork / Forgo decisions. Roles: reader (assess, read) < triager (+ decisions) < admin (+ tokens, projects, mirror).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `beachcomber-server token create`.' } } },
    paths,
  };
}
