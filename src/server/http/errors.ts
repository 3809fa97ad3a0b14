/**
 * Errors as the API answers them: a status and an `ErrorBody`. Handlers throw `HttpError`; the
 * error handler turns fastify's own errors (validation, body too large, bad JSON, unknown content
 * type) into the same shape, so every non-2xx answer looks alike.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../protocol/common';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'bad-request', message);
}

export function notFound(message: string): HttpError {
  return new HttpError(404, 'not-found', message);
}

const BY_FASTIFY_CODE: Readonly<Record<string, { status: number; code: ErrorCode }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload-too-large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad-request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad-request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad-request' },
};

/** A batch over the limit is "too large" (413), as the issue asks, not merely invalid. */
function isBatchTooLarge(error: FastifyError): boolean {
  return (error.validation ?? []).some((v) => v.keyword === 'maxItems' && /^\/(packages)$/.test(v.instancePath));
}

export function toErrorAnswer(error: FastifyError | HttpError): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.statusCode, body: { error: error.code, message: error.message }, headers: { ...error.headers } };
  if (error.validation) {
    if (isBatchTooLarge(error)) return { status: 413, body: { error: 'payload-too-large', message: `too many packages in one request: ${error.message}` }, headers: {} };
    return { status: 400, body: { error: 'bad-request', message: error.message }, headers: {} };
  }
  const known = error.code ? BY_FASTIFY_CODE[error.code] : undefined;
  if (known) return { status: known.status, body: { error: known.code, message: error.message }, headers: {} };
  // JSON.parse errors from fastify's parser carry statusCode 400 without a code of ours.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { error: 'bad-request', message: error.message }, headers: {} };
  }
  return { status: 500, body: { error: 'internal', message: 'internal server error' }, headers: {} };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const answer = toErrorAnswer(error);
  if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.code(answer.status).headers(answer.headers).send(answer.body);
}
