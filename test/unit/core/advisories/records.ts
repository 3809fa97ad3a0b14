/** Test access to the PyPA advisory records of the shared corpus, parsed once per run. */
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { readCorpus } from '../../../helpers/corpus';

let cached: Map<string, OsvRecord> | undefined;

export function pypaRecords(): Map<string, OsvRecord> {
  if (cached) return cached;
  const text = readCorpus('osv', 'pypa-advisories.jsonl');
  const records = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as OsvRecord);
  cached = new Map(records.map((record) => [record.id, record]));
  return cached;
}

export function pypaRecord(id: string): OsvRecord {
  const record = pypaRecords().get(id);
  if (!record) throw new Error(`no corpus record ${id}`);
  return record;
}
