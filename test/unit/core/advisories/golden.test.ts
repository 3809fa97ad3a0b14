/**
 * isAffected against the golden answers: 9,451 (name, version) probes over the PyPA advisory
 * database, every event boundary (V, V.dev0, Vrc1, V.post1) and the first/last listed versions.
 */
import { strict as assert } from 'node:assert';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import { isAffected } from '../../../../src/core/advisories/match';
import { normalizeName } from '../../../../src/core/versions';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';

interface GoldenProbe {
  readonly name: string;
  readonly version: string;
  readonly ids: readonly string[];
}

function recordsByName(records: readonly OsvRecord[]): Map<string, OsvRecord[]> {
  const byName = new Map<string, OsvRecord[]>();
  for (const record of records) {
    for (const entry of record.affected ?? []) {
      const name = normalizeName(entry.package?.name ?? '');
      const list = byName.get(name) ?? [];
      if (!list.includes(record)) list.push(record);
      byName.set(name, list);
    }
  }
  return byName;
}

function jsonLines<T>(text: string): T[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

describeCorpus('advisories: golden agreement over the PyPA advisory database', () => {
  it('agrees with all 9451 golden answers', () => {
    const records = jsonLines<OsvRecord>(readCorpus('osv', 'pypa-advisories.jsonl'));
    const probes = jsonLines<GoldenProbe>(readCorpus('golden', 'osv-affected-pypa.jsonl'));
    const byName = recordsByName(records);
    const disagreements: string[] = [];
    for (const probe of probes) {
      const candidates = byName.get(normalizeName(probe.name)) ?? [];
      const ids = candidates.filter((record) => isAffected(record, probe.name, probe.version)).map((record) => record.id).sort();
      const expected = [...probe.ids].sort();
      if (ids.join(' ') !== expected.join(' ')) disagreements.push(`${probe.name} ${probe.version}: got [${ids}] want [${expected}]`);
    }
    console.log(`      golden agreement: ${probes.length - disagreements.length}/${probes.length}`);
    assert.equal(records.length, 2661);
    assert.equal(probes.length, 9451);
    assert.deepEqual(disagreements.slice(0, 10), []);
  });
});
