import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';
import { normalize, recordAffects } from '../../../helpers/fakes/osv-evaluator';

// The fake OSV server is only as faithful as its matcher: it must give the golden answers.
describeCorpus('fakes/osv-evaluator against the golden answers', () => {
  it('agrees with all 9,451 golden lookups over the PyPA advisory database', () => {
    const records = readCorpus('osv', 'pypa-advisories.jsonl').split('\n').filter(Boolean).map((line) => JSON.parse(line) as OsvRecord);
    const byName = new Map<string, OsvRecord[]>();
    for (const record of records) {
      for (const entry of record.affected ?? []) {
        const name = normalize(entry.package?.name ?? '');
        byName.set(name, [...(byName.get(name) ?? []), record]);
      }
    }
    const golden = readCorpus('golden', 'osv-affected-pypa.jsonl').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { name: string; version: string; ids: string[] });
    assert.equal(golden.length, 9451);
    const wrong: string[] = [];
    for (const lookup of golden) {
      const ids = (byName.get(normalize(lookup.name)) ?? []).filter((record) => recordAffects(record, lookup.name, lookup.version)).map((record) => record.id);
      if (JSON.stringify([...new Set(ids)].sort()) !== JSON.stringify([...lookup.ids].sort())) wrong.push(`${lookup.name} ${lookup.version}`);
    }
    assert.deepEqual(wrong, []);
  });
});
