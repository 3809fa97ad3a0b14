/**
 * OSV records from text: a JSON-lines file (one record per line), or one JSON document holding a
 * record or a list of records. A bad line or element is reported with its place and skipped.
 */
import type { OsvRecord } from '../model/advisory';
import { checkOsvRecord, parseOsvRecord } from '../advisories/record';
import type { ImportProblem } from './snapshot';

export interface ParsedRecords {
  readonly records: OsvRecord[];
  readonly problems: ImportProblem[];
}

export function parseJsonLines(text: string): ParsedRecords {
  const records: OsvRecord[] = [];
  const problems: ImportProblem[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const result = parseOsvRecord(line);
    if (result.ok) records.push(result.record);
    else problems.push({ where: `line ${index + 1}`, message: result.problem });
  });
  return { records, problems };
}

/** One `<ID>.json` file or zip entry; a JSON list is taken as several records. */
export function parseRecordDocument(text: string, where: string): ParsedRecords {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { records: [], problems: [{ where, message: `not JSON: ${(error as Error).message}` }] };
  }
  const items = Array.isArray(value) ? value : [value];
  const records: OsvRecord[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((item, index) => {
    const result = checkOsvRecord(item);
    if (result.ok) records.push(result.record);
    else problems.push({ where: Array.isArray(value) ? `${where} [${index}]` : where, message: result.problem });
  });
  return { records, problems };
}
