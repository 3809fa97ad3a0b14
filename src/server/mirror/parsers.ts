/**
 * The readers of OSV's bulk formats, from the offline database's code: all.zip, JSON lines, and
 * modified_id.csv with its nanosecond timestamps.
 */
import { compareTimestamps, parseModifiedIds } from '../../core/offline/modified-ids';
import { parseJsonLines } from '../../core/offline/records-text';
import type { ImportProblem } from '../../core/offline/snapshot';
import { readAllZip } from '../../node/offline-db/zip';
import type { ParsedRecords, RecordParsers } from './service';

function lines(problems: readonly ImportProblem[]): string[] {
  return problems.map((p) => `${p.where}: ${p.message}`);
}

export const OSV_PARSERS: RecordParsers = {
  zip(bytes): ParsedRecords {
    const read = readAllZip(bytes);
    return { records: read.records, problems: lines(read.problems) };
  },
  jsonl(text): ParsedRecords {
    const read = parseJsonLines(text);
    return { records: read.records, problems: lines(read.problems) };
  },
  modifiedIds: (csv) => parseModifiedIds(csv).rows.map((row) => ({ id: row.id, modified: row.modified })),
  isNewer: (a, b) => compareTimestamps(a, b) > 0,
};
