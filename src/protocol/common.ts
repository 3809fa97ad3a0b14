/**
 * Building blocks of the wire contract: error bodies, limits, and JSON-schema helpers for text
 * fields. The schemas are plain objects so that the server (fastify validation and
 * serialisation), the OpenAPI document and the tests share one definition.
 */

/** At most this many packages in one POST /v1/assessments (the limit; more is 413). */
export const MAX_ASSESSMENT_BATCH = 5_000;

/** At most this many packages in one project snapshot. */
export const MAX_SNAPSHOT_PACKAGES = 20_000;

/** The only ecosystem the server has data for; others are answered `unknown`, never clean. */
export const PYPI = 'PyPI';

export type ErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'payload-too-large'
  | 'precondition-failed'
  | 'precondition-required'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'internal';

/** Every non-2xx answer of the API. */
export interface ErrorBody {
  readonly error: ErrorCode;
  readonly message: string;
}

export const errorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

/**
 * Text a person typed (reasons, names). PostgreSQL text cannot hold NUL, and a lone UTF-16
 * surrogate cannot be stored as UTF-8 without being replaced, so both are refused up front: what
 * is accepted is stored and returned verbatim.
 */
export function textSchema(maxLength: number, minLength = 0) {
  return { type: 'string', minLength, maxLength, pattern: '^[^\\u0000\\p{Cs}]*$' } as const;
}

export function nullable<S extends { readonly type: string }>(schema: S) {
  return { ...schema, type: [schema.type, 'null'] } as const;
}

/** A PEP 508 project name as written (normalised by the server with PEP 503). */
export const packageNameSchema = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;

/** A version as written; it is compared with PEP 440 by the server and may be a legacy version. */
export const versionSchema = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\s\\u0000]+$' } as const;

/** An ISO 8601 date (`2026-12-31`) or date-time, as an expiry. */
export const isoDateSchema = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
} as const;

export const stringArraySchema = { type: 'array', items: { type: 'string' } } as const;
