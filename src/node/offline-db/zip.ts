/**
 * OSV's per-ecosystem `all.zip`: flat `<ID>.json` entries, Deflate-compressed, one OSV record
 * each (risk-data-apis.md §1.8). Read with fflate. One corrupt entry must not lose the others, and
 * fflate's `unzipSync` stops at the first entry it cannot inflate; so on a failure the entries
 * before it are read again on their own, the broken one is reported, and reading resumes after it.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { OsvRecord } from '../../core/model/advisory';
import { parseRecordDocument } from '../../core/offline/records-text';
import type { ImportProblem } from '../../core/offline/snapshot';

/** An entry larger than this is not an advisory: refuse it rather than allocate for it. */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

export interface ZipRecords {
  readonly records: OsvRecord[];
  readonly problems: ImportProblem[];
}

export function readAllZip(bytes: Uint8Array): ZipRecords {
  const problems: ImportProblem[] = [];
  const entries = unzipEntries(bytes, problems);
  const records: OsvRecord[] = [];
  const decoder = new TextDecoder();
  for (const [name, data] of entries) {
    const parsed = parseRecordDocument(decoder.decode(data), `entry ${name}`);
    records.push(...parsed.records);
    problems.push(...parsed.problems);
  }
  return { records, problems };
}

/** Every readable `.json` entry by name, in archive order; unreadable ones become problems. */
function unzipEntries(bytes: Uint8Array, problems: ImportProblem[]): [string, Uint8Array][] {
  const entries: [string, Uint8Array][] = [];
  const oversized = new Set<string>();
  let from = 0;
  for (;;) {
    const attempt = readRange(bytes, from, Number.POSITIVE_INFINITY, oversized);
    if (attempt.ok) {
      entries.push(...attempt.entries);
      break;
    }
    if (attempt.failedAt < from) {
      problems.push({ where: 'archive', message: `not a readable zip: ${attempt.message}` });
      break;
    }
    entries.push(...readRange(bytes, from, attempt.failedAt, oversized).entries);
    // The entry being read when it failed may be fine, and the archive's directory broken after it.
    const alone = readRange(bytes, attempt.failedAt, attempt.failedAt + 1, oversized);
    if (alone.ok) {
      entries.push(...alone.entries);
      problems.push({ where: 'archive', message: `unreadable after entry ${attempt.failedName}: ${attempt.message}` });
      break;
    }
    problems.push({ where: `entry ${attempt.failedName}`, message: `cannot be inflated: ${attempt.message}` });
    from = attempt.failedAt + 1;
  }
  for (const name of oversized) problems.push({ where: `entry ${name}`, message: `over the ${MAX_ENTRY_BYTES}-byte bound for one record` });
  return entries;
}

type Attempt =
  | { readonly ok: true; readonly entries: [string, Uint8Array][] }
  | { readonly ok: false; readonly entries: []; readonly failedAt: number; readonly failedName: string; readonly message: string };

/** Inflates the entries with index in [from, to); on a failure, says which entry was last taken. */
function readRange(bytes: Uint8Array, from: number, to: number, oversized: Set<string>): Attempt {
  let index = -1;
  let taken = -1;
  let takenName = '';
  const accept = (info: UnzipFileInfo): boolean => {
    index += 1;
    if (index < from || index >= to || !info.name.endsWith('.json')) return false;
    if (info.originalSize > MAX_ENTRY_BYTES) {
      oversized.add(info.name);
      return false;
    }
    taken = index;
    takenName = info.name;
    return true;
  };
  try {
    return { ok: true, entries: Object.entries(unzipSync(bytes, { filter: accept })) };
  } catch (error) {
    return { ok: false, entries: [], failedAt: taken, failedName: takenName, message: (error as Error).message };
  }
}
