/**
 * Reading a response body without trusting it: never more than a bound (compressed or not), and a
 * body that ends early is reported as truncated rather than passed on as if it were complete.
 */
import { promisify } from 'node:util';
import { gunzip, inflate, brotliDecompress } from 'node:zlib';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const brotliAsync = promisify(brotliDecompress);

export type BodyResult =
  | { readonly kind: 'ok'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly detail: string }
  | { readonly kind: 'truncated'; readonly detail: string }
  | { readonly kind: 'undecodable'; readonly detail: string };

export async function readBoundedBody(body: AsyncIterable<Buffer> & { destroy(): unknown }, declaredLength: string | undefined, maxBytes: number): Promise<BodyResult> {
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    body.destroy();
    return { kind: 'too-large', detail: `response of ${declaredLength} bytes exceeds the limit of ${maxBytes}` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        return { kind: 'too-large', detail: `response exceeds the limit of ${maxBytes} bytes` };
      }
      chunks.push(chunk);
    }
  } catch (error) {
    return { kind: 'truncated', detail: `truncated body after ${size} bytes (${describeError(error)})` };
  }
  return { kind: 'ok', body: Buffer.concat(chunks, size) };
}

/** Undoes Content-Encoding, with the same bound on the decoded size (a gzip bomb is "too large"). */
export async function decodeBody(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<BodyResult> {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '' || body.length === 0) return { kind: 'ok', body };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return { kind: 'ok', body: await gunzipAsync(body, { maxOutputLength: maxBytes }) };
    if (coding === 'deflate') return { kind: 'ok', body: await inflateAsync(body, { maxOutputLength: maxBytes }) };
    if (coding === 'br') return { kind: 'ok', body: await brotliAsync(body, { maxOutputLength: maxBytes }) };
  } catch (error) {
    if (error instanceof RangeError) return { kind: 'too-large', detail: `decoded response exceeds the limit of ${maxBytes} bytes` };
    return { kind: 'undecodable', detail: `cannot decode ${coding} body (${describeError(error)})` };
  }
  return { kind: 'undecodable', detail: `unsupported Content-Encoding ${coding}` };
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
