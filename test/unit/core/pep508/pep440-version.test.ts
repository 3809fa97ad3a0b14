/**
 * PEP 440 versions against pypa/packaging 26.2's own test tables (vectors/packaging-version.json).
 * The comparison tables are stored as a 20-row excerpt; they are expanded here from the VERSIONS
 * constant exactly as packaging's test builds them (every ordered pair, six operators).
 */
import assert from 'node:assert/strict';
import { compareParsed, formatVersion, parseVersion, publicOf, type Pep440Version } from '../../../../src/core/pep508/pep440-version';
import { describeCorpus } from '../../../helpers/corpus';
import { assertAllClaimed, loadVectors, rowsOf, runTest, type Check } from './vectors';

function parsed(text: unknown): Pep440Version {
  const v = parseVersion(String(text));
  assert.ok(v, `invalid version ${String(text)}`);
  return v;
}

const num = (n: string | null): number | null => (n == null ? null : Number(n));

const OPS: Readonly<Record<string, (c: number) => boolean>> = {
  '_operator.lt': (c) => c < 0,
  '_operator.le': (c) => c <= 0,
  '_operator.eq': (c) => c === 0,
  '_operator.ne': (c) => c !== 0,
  '_operator.ge': (c) => c >= 0,
  '_operator.gt': (c) => c > 0,
};

/** packaging's test_comparison_true: every pair of the sorted VERSIONS for which `op` holds. */
function comparisons(versions: readonly string[], holds: boolean): [string, string, string][] {
  const out: [string, string, string][] = [];
  const n = versions.length;
  const pairs = (op: string, keep: (i: number, j: number) => boolean): void => {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (keep(i, j)) out.push([versions[i]!, versions[j]!, op]);
  };
  if (holds) {
    pairs('_operator.lt', (i, j) => j > i);
    pairs('_operator.le', (i, j) => j >= i);
    pairs('_operator.eq', (i, j) => j === i);
    pairs('_operator.ne', (i, j) => j !== i);
    pairs('_operator.ge', (i, j) => j <= i);
    pairs('_operator.gt', (i, j) => j < i);
  } else {
    pairs('_operator.lt', (i, j) => j <= i);
    pairs('_operator.le', (i, j) => j < i);
    pairs('_operator.eq', (i, j) => j !== i);
    pairs('_operator.ne', (i, j) => j === i);
    pairs('_operator.ge', (i, j) => j > i);
    pairs('_operator.gt', (i, j) => j >= i);
  }
  return out;
}

const PYTHON_ONLY = 'Python object protocol (NotImplemented, pickling by object, comparing with non-versions) has no TypeScript counterpart';

const CHECKS: Readonly<Record<string, Check>> = {
  'TestVersion::test_valid_versions': (r) => parseVersion(String(r.version)) != null,
  'TestVersion::test_invalid_versions': (r) => parseVersion(String(r.version)) == null,
  'TestVersion::test_oversized_version_raises_valueerror': (r) => parseVersion(String(r.version)) == null,
  'TestVersion::test_normalized_versions': (r) => formatVersion(parsed(r.version)) === r.normalized,
  'TestVersion::test_version_str_repr': (r) => formatVersion(parsed(r.version)) === r.expected,
  'TestVersion::test_version_hash': (r) => compareParsed(parsed(r.version), parsed(r.version)) === 0,
  'TestVersion::test_version_public': (r) => formatVersion(publicOf(parsed(r.version))) === r.public,
  'TestVersion::test_version_base_version': (r) => {
    const v = parsed(r.version);
    return (v.epoch === '0' ? '' : `${v.epoch}!`) + v.release.join('.') === r.base_version;
  },
  'TestVersion::test_version_epoch': (r) => Number(parsed(r.version).epoch) === r.epoch,
  'TestVersion::test_version_release': (r) => JSON.stringify(parsed(r.version).release.map(Number)) === JSON.stringify(r.release),
  'TestVersion::test_version_local': (r) => (parsed(r.version).local?.join('.') ?? null) === r.local,
  'TestVersion::test_version_pre': (r) => {
    const pre = parsed(r.version).pre;
    return JSON.stringify(pre ? [pre[0], Number(pre[1])] : null) === JSON.stringify(r.pre);
  },
  'TestVersion::test_version_is_prerelease': (r) => {
    const v = parsed(r.version);
    return (v.pre != null || v.dev != null) === r.expected;
  },
  'TestVersion::test_version_dev': (r) => num(parsed(r.version).dev) === r.dev,
  'TestVersion::test_version_is_devrelease': (r) => (parsed(r.version).dev != null) === r.expected,
  'TestVersion::test_version_post': (r) => num(parsed(r.version).post) === r.post,
  'TestVersion::test_version_is_postrelease': (r) => (parsed(r.version).post != null) === r.expected,
  'TestVersion::test_comparison_true': () => 'expanded from VERSIONS below',
  'TestVersion::test_comparison_false': () => 'expanded from VERSIONS below',
  'TestVersion::test_dunder_op_returns_notimplemented': () => PYTHON_ONLY,
  'TestVersion::test_compare_other': () => PYTHON_ONLY,
  'TestVersion::test_base_version_notimplemented_with_non_base_version': () => PYTHON_ONLY,
  test_from_parts: () => 'Version.from_parts builds a version from Python keyword arguments; we only parse text',
  test_pickle_roundtrip: (r) => compareParsed(parsed(formatVersion(parsed(r.version))), parsed(r.version)) === 0,
};

/** Rows that check Python-only behaviour, by test (asserted exactly, so the list cannot grow unseen). */
const NOT_APPLICABLE: Readonly<Record<string, number>> = {
  'TestVersion::test_comparison_true': 20,
  'TestVersion::test_comparison_false': 20,
  'TestVersion::test_dunder_op_returns_notimplemented': 6,
  'TestVersion::test_compare_other': 2,
  'TestVersion::test_base_version_notimplemented_with_non_base_version': 6,
  test_from_parts: 10,
};

describeCorpus('PEP 440 versions agree with pypa/packaging 26.2', () => {
  const file = loadVectors('packaging-version.json');

  it('every table is claimed by a check', () => assertAllClaimed(file, Object.keys(CHECKS)));
  after(() => console.log(`      packaging-version.json: ${agreed} rows agree, ${notChecked} not checked (see docs/conformance.md)`));

  let agreed = 0;
  let notChecked = 0;
  for (const [test, check] of Object.entries(CHECKS)) {
    it(test, () => {
      const outcome = runTest(file, test, check);
      agreed += outcome.agreed;
      notChecked += outcome.notApplicable;
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.notApplicable, NOT_APPLICABLE[test] ?? 0);
      assert.ok(outcome.agreed > 0 || NOT_APPLICABLE[test] !== undefined);
    });
  }

  it('orders every pair of the 92 VERSIONS as packaging does (25,392 true and 25,392 false comparisons)', () => {
    const versions = file.constants.VERSIONS as string[];
    assert.equal(versions.length, 92);
    let agreed = 0;
    for (const holds of [true, false]) {
      const rows = comparisons(versions, holds);
      assert.equal(rows.length, 25392);
      for (const [left, right, op] of rows) {
        const result = OPS[op]!(compareParsed(parsed(left), parsed(right)));
        assert.equal(result, holds, `${left} ${op} ${right}`);
        agreed++;
      }
    }
    assert.equal(agreed, 50784);
  });

  it('the stored comparison excerpts are part of the expansion', () => {
    const versions = file.constants.VERSIONS as string[];
    for (const [test, holds] of [['TestVersion::test_comparison_true', true], ['TestVersion::test_comparison_false', false]] as const) {
      const expanded = new Set(comparisons(versions, holds).map((c) => c.join(' ')));
      for (const row of rowsOf(file, test)) assert.ok(expanded.has(`${String(row.left)} ${String(row.right)} ${(row.op as { __callable__: string }).__callable__}`));
    }
  });
});

