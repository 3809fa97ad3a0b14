/**
 * OSV records arrive as untrusted JSON (an API answer, a zip entry, a line of a file). The
 * evaluator reads every optional field defensively; this check only refuses what cannot be
 * keyed or evaluated at all, so that one bad record is reported and skipped, never fatal.
 */
import type { OsvRecord } from '../model/advisory';

export type RecordCheck = { readonly ok: true; readonly record: OsvRecord } | { readonly ok: false; readonly problem: string };

export function checkOsvRecord(value: unknown): RecordCheck {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) return refuse('not a JSON object');
  const record = value as Record<string, unknown>;
  if (typeof record['id'] !== 'string' || record['id'].trim() === '') return refuse('no "id" string');
  if (typeof record['modified'] !== 'string') return refuse(`${record['id']}: no "modified" timestamp`);
  const affected = record['affected'];
  if (affected !== undefined && !Array.isArray(affected)) return refuse(`${record['id']}: "affected" is not a list`);
  return { ok: true, record: value as OsvRecord };
}

/** Parses one JSON text (a zip entry, a file) into a checked record. */
export function parseOsvRecord(text: string): RecordCheck {
  try {
    return checkOsvRecord(JSON.parse(text));
  } catch (error) {
    return refuse(`not JSON: ${(error as Error).message}`);
  }
}

function refuse(problem: string): RecordCheck {
  return { ok: false, problem };
}
