/**
 * Reading OSV records for the offline database from what a user can hand us: OSV's `all.zip`, a
 * JSON-lines file, one JSON file (a record or a list), or a folder of `<ID>.json` files (walked
 * recursively, as OSV's own repositories nest them). Bad entries are reported and skipped.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { OsvRecord } from '../../core/model/advisory';
import type { Outcome } from '../../core/ports';
import { parseJsonLines, parseRecordDocument } from '../../core/offline/records-text';
import type { ImportProblem } from '../../core/offline/snapshot';
import { readAllZip } from './zip';

export interface ReadRecords {
  readonly records: OsvRecord[];
  readonly problems: ImportProblem[];
  /** What the records came from, for the database's meta. */
  readonly source: string;
}

export async function readRecordsFrom(path: string): Promise<Outcome<ReadRecords>> {
  const absolute = resolve(path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return { status: 'unavailable', detail: `${absolute} does not exist` };
  if (info.isDirectory()) return { status: 'ok', value: { ...(await readFolder(absolute)), source: `folder ${absolute}` } };
  const bytes = await readFile(absolute);
  const lower = absolute.toLowerCase();
  if (lower.endsWith('.zip')) return { status: 'ok', value: { ...readAllZip(bytes), source: `zip ${absolute}` } };
  const text = new TextDecoder().decode(bytes);
  if (lower.endsWith('.json')) return { status: 'ok', value: { ...parseRecordDocument(text, `file ${absolute}`), source: `file ${absolute}` } };
  return { status: 'ok', value: { ...parseJsonLines(text), source: `json-lines ${absolute}` } };
}

async function readFolder(root: string): Promise<Omit<ReadRecords, 'source'>> {
  const records: OsvRecord[] = [];
  const problems: ImportProblem[] = [];
  for (const file of await jsonFiles(root)) {
    const where = `file ${relative(root, file)}`;
    const text = await readFile(file, 'utf8').catch((error: Error) => error);
    if (text instanceof Error) {
      problems.push({ where, message: text.message });
      continue;
    }
    const parsed = parseRecordDocument(text, where);
    records.push(...parsed.records);
    problems.push(...parsed.problems);
  }
  return { records, problems };
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await jsonFiles(path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) files.push(path);
  }
  return files;
}
