/**
 * /healthz says the process is up; /readyz says whether it can answer: the database reachable,
 * every migration applied, and the state of the advisory mirror.
 */
import { mirrorSummarySchema, type MirrorSummary } from './mirror';

export interface Liveness {
  readonly status: 'ok';
}

export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly database: { readonly status: 'ok' | 'failed'; readonly kind: 'pglite' | 'postgres'; readonly detail: string };
  readonly migrations: { readonly applied: number; readonly expected: number };
  /** Null when the database could not be asked. */
  readonly mirror: MirrorSummary | null;
}

export const livenessSchema = { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } as const;

export const readinessSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'database', 'migrations', 'mirror'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not-ready'] },
    database: {
      type: 'object',
      additionalProperties: false,
      required: ['status', 'kind', 'detail'],
      properties: { status: { type: 'string', enum: ['ok', 'failed'] }, kind: { type: 'string', enum: ['pglite', 'postgres'] }, detail: { type: 'string' } },
    },
    migrations: {
      type: 'object',
      additionalProperties: false,
      required: ['applied', 'expected'],
      properties: { applied: { type: 'integer' }, expected: { type: 'integer' } },
    },
    mirror: { ...mirrorSummarySchema, type: ['object', 'null'] },
  },
} as const;
