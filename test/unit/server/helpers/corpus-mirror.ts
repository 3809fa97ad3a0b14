/** The corpus's PyPA advisory database imported into a test store's mirror, and its golden answers. */
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { OSV_PARSERS } from '../../../../src/server/mirror/parsers';
import { Mirror } from '../../../../src/server/mirror/service';
import type { Store } from '../../../../src/server/store/store';
import type { SyncReport } from '../../../../src/protocol/mirror';
import { silentLogger } from '../../../../src/core/ports';
import { DEFAULT_CONFIG } from '../../../../src/server/config';
import { readCorpus } from '../../../helpers/corpus';

export interface GoldenAnswer {
  readonly name: string;
  readonly version: string;
  readonly ids: readonly string[];
}

export function corpusJsonl(): string {
  return readCorpus('osv', 'pypa-advisories.jsonl');
}

export function corpusRecords(): OsvRecord[] {
  return corpusJsonl().split('\n').filter(Boolean).map((line) => JSON.parse(line) as OsvRecord);
}

export function goldenAnswers(): GoldenAnswer[] {
  return readCorpus('golden', 'osv-affected-pypa.jsonl').split('\n').filter(Boolean).map((line) => JSON.parse(line) as GoldenAnswer);
}

/** Imports the corpus as `mirror import` does, through the mirror's own reader. */
export async function importCorpus(store: Store): Promise<SyncReport> {
  const mirror = new Mirror({ store, clock: { now: () => Date.now() }, logger: silentLogger, config: DEFAULT_CONFIG.mirror, bulk: null, parsers: OSV_PARSERS });
  return mirror.importBytes(Buffer.from(corpusJsonl()), 'jsonl', 'osv/pypa-advisories.jsonl');
}
