import assert from 'node:assert/strict';
import { CURATED_FORKS, curatedReplacements } from '../../../../src/core/decisions';
import { isValidName, normalizeName } from '../../../../src/core/versions';

describe('decisions: the curated fork map', () => {
  it('holds well-formed entries: normalised names, valid replacements, a reason and an https source each', () => {
    assert.equal(CURATED_FORKS.length, 20);
    const seen = new Set<string>();
    for (const entry of CURATED_FORKS) {
      assert.equal(entry.package, normalizeName(entry.package), entry.package);
      assert.ok(!seen.has(entry.package), `${entry.package} twice`);
      seen.add(entry.package);
      assert.ok(entry.replacements.length > 0, entry.package);
      for (const r of entry.replacements) {
        assert.ok(isValidName(r.name), r.name);
        assert.notEqual(normalizeName(r.name), entry.package);
      }
      assert.ok(entry.reason.length > 20 && entry.reason.endsWith('.'), entry.package);
      assert.match(entry.source, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//, entry.package);
    }
  });

  it('finds an entry under any spelling of the name', () => {
    assert.deepEqual(curatedReplacements('PyPDF2')?.replacements.map((r) => r.name), ['pypdf']);
    assert.deepEqual(curatedReplacements('PIL')?.replacements.map((r) => r.name), ['pillow']);
    assert.deepEqual(curatedReplacements('MySQL_python')?.replacements.map((r) => r.name), ['mysqlclient']);
    assert.deepEqual(curatedReplacements('pycrypto')?.replacements.map((r) => [r.name, r.kind]), [['pycryptodome', 'fork']]);
    assert.deepEqual(curatedReplacements('nose')?.replacements.map((r) => r.name), ['pytest', 'nose2', 'pynose']);
    assert.deepEqual(curatedReplacements('python-jose')?.replacements.map((r) => r.name), ['pyjwt', 'joserfc']);
    assert.equal(curatedReplacements('requests'), undefined);
  });
});
