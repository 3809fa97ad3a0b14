/**
 * PEP 440 specifiers against pypa/packaging 26.2's own test tables
 * (vectors/packaging-specifiers.json): containment, filtering with the pre-release rule, `===`,
 * canonical text and equality, and satisfiability.
 */
import assert from 'node:assert/strict';
import {
  canonicalSpecifier,
  filterSet,
  filterSpecifier,
  formatSpecifier,
  formatSpecifierSet,
  parseSpecifier,
  parseSpecifierSet,
  setContains,
  specifierContains,
  specifierPrereleases,
  type VersionItem,
  type VersionSpecifier,
  type VersionSpecifierSet,
} from '../../../../src/core/pep508/pep440-specifier';
import { isUnsatisfiable } from '../../../../src/core/pep508/pep440-ranges';
import { formatVersion, parseVersion } from '../../../../src/core/pep508/pep440-version';
import { describeCorpus } from '../../../helpers/corpus';
import { assertAllClaimed, loadVectors, runTest, type Check, type Row } from './vectors';

type Pre = boolean | null;

function spec(text: unknown, prereleases: unknown = null): VersionSpecifier {
  const parsed = parseSpecifier(String(text), (prereleases ?? null) as Pre);
  assert.ok(parsed, `invalid specifier ${String(text)}`);
  return parsed;
}

function set(text: unknown, prereleases: unknown = null): VersionSpecifierSet {
  const parsed = parseSpecifierSet(String(text), (prereleases ?? null) as Pre);
  assert.ok(parsed, `invalid specifier set ${String(text)}`);
  return parsed;
}

/** A vector item: a string, or packaging's Version object (stored as {__type__: 'Version', str}). */
function item(value: unknown): VersionItem {
  if (typeof value === 'string') return value;
  const v = parseVersion((value as { str: string }).str);
  assert.ok(v);
  return v;
}

function items(value: unknown): VersionItem[] {
  return (value as unknown[]).map(item);
}

function show(list: readonly VersionItem[]): string {
  return JSON.stringify(list.map((x) => (typeof x === 'string' ? `s:${x}` : `v:${formatVersion(x)}`)));
}

const pre = (value: unknown): Pre => (value ?? null) as Pre;
const opOf = (row: Row): string => (row.op as { __callable__: string }).__callable__;

function canonicalSet(text: unknown): string {
  return set(text)
    .specifiers.map(canonicalSpecifier)
    .sort()
    .filter((s, i, all) => all.indexOf(s) === i)
    .join(',');
}

function indexesOf(all: readonly string[], kept: readonly string[]): number[] {
  return kept.map((v) => all.indexOf(v));
}

const INTERNAL = 'checks the internal one-element caches of the Python object';

function checks(constants: Readonly<Record<string, unknown>>): Record<string, Check> {
  const samples = constants._SAMPLE_VERSIONS as string[];
  const normalizedOps = (version: string): string[] => (version.includes('+') ? ['==', '!='] : ['~=', '==', '!=', '<=', '>=', '<', '>']);
  return {
    'TestSpecifier::test_specifiers_valid': (r) => parseSpecifier(String(r.specifier)) != null,
    'TestSpecifier::test_specifiers_invalid': (r) => parseSpecifier(String(r.specifier)) == null,
    'TestSpecifier::test_specifiers_normalized': (r) => normalizedOps(String(r.version)).every((op) => parseSpecifier(op + String(r.version)) != null),
    'TestSpecifier::test_specifiers_str_and_repr': (r) => formatSpecifier(spec(r.specifier)) === r.expected,
    'TestSpecifier::test_specifiers_hash': (r) => canonicalSpecifier(spec(r.specifier)) === canonicalSpecifier(spec(r.specifier)),
    'TestSpecifier::test_comparison_true': (r) => (canonicalSpecifier(spec(r.left)) === canonicalSpecifier(spec(r.right))) === (opOf(r) === '_operator.eq'),
    'TestSpecifier::test_comparison_canonicalizes': (r) => canonicalSpecifier(spec(r.left)) === canonicalSpecifier(spec(r.right)),
    'TestSpecifier::test_comparison_false': (r) => (canonicalSpecifier(spec(r.left)) === canonicalSpecifier(spec(r.right))) === (opOf(r) === '_operator.ne'),
    'TestSpecifier::test_specifiers': (r) => {
      const s = spec(r.spec_str, true);
      return specifierContains(s, String(r.version)) === r.expected && specifierContains(s, item({ str: r.version })) === r.expected;
    },
    'TestSpecifier::test_invalid_version': (r) => specifierContains(spec(r.spec_str, true), String(r.version)) === r.expected,
    'TestSpecifier::test_specifier_prereleases_set': (r) => {
      const before = spec(r.specifier, r.initial_prereleases);
      const after = { ...before, prereleases: pre(r.set_prereleases) };
      return specifierContains(before, String(r.version)) === r.initial_contains && specifierContains(after, String(r.version)) === r.final_contains;
    },
    'TestSpecifier::test_arbitrary_equality': (r) => specifierContains(spec(r.spec_str), String(r.version)) === r.expected,
    'TestSpecifier::test_arbitrary_equality_normalization': (r) => specifierContains(spec(r.spec_str, true), item(r.version)) === r.expected,
    'TestSpecifier::test_specifier_prereleases_detection': (r) => specifierPrereleases(spec(r.specifier)) === r.expected,
    'TestSpecifier::test_specifiers_prereleases': (r) => specifierContains(spec(r.specifier, r.spec_pre), String(r.version), pre(r.contains_pre)) === r.expected,
    'TestSpecifier::test_specifier_filter': (r) => show(filterSpecifier(spec(r.specifier, r.specifier_prereleases), items(r.input), pre(r.prereleases))) === show(items(r.expected)),
    'TestSpecifier::test_specifier_filter_arbitrary_equality_normalization': (r) => show(filterSpecifier(spec(r.specifier, true), items(r.input))) === show(items(r.expected)),
    'TestSpecifier::test_specifier_filter_with_key': (r) => {
      const versions = ['1.0', '2.1a1'];
      return JSON.stringify(indexesOf(versions, filterSpecifier(spec('>=2.0'), versions, pre(r.prereleases)))) === JSON.stringify(r.expected_indexes);
    },
    'TestSpecifier::test_specifier_operator_property': (r) => spec(r.spec).operator === r.op,
    'TestSpecifier::test_specifier_version_property': (r) => spec(r.spec).version === r.version,
    'TestSpecifier::test_length': (r) => set(r.spec_str).specifiers.length === r.expected_length,
    'TestSpecifier::test_iteration': (r) => JSON.stringify(set(r.spec_str).specifiers.map(formatSpecifier).sort()) === JSON.stringify([...(r.expected_items as string[])].sort()),
    'TestSpecifierInternal::test_spec_version_cache_consistency': () => INTERNAL,
    'TestSpecifierInternal::test_spec_version_cache_with_wildcards': () => INTERNAL,
    'TestSpecifierInternal::test_spec_version_cache_with_arbitrary_equality': () => INTERNAL,
    'TestSpecifierInternal::test_spec_version_cache_compatible_operator': () => INTERNAL,
    'TestSpecifierSet::test_empty_specifier': (r) => setContains(set('', true), String(r.version)) && setContains(set('', true), item({ str: r.version })),
    'TestSpecifierSet::test_empty_specifier_arbitrary_string': (r) => {
      const s = set('', r.prereleases);
      return setContains(s, 'foobar') && show(filterSet(s, items(r.versions))) === show(items(r.expected));
    },
    'TestSpecifierSet::test_empty_specifier_ordering_with_arbitrary': (r) => show(filterSet(set(''), items(r.versions))) === show(items(r.expected)),
    'TestSpecifierSet::test_specifier_prereleases_explicit': (r) => {
      const before = set(r.spec_str, r.initial_prereleases);
      const after = { ...before, prereleases: pre(r.set_prereleases) };
      return setContains(before, String(r.version)) === r.initial_contains && setContains(after, String(r.version)) === r.final_contains;
    },
    'TestSpecifierSet::test_specifier_contains_installed_prereleases': (r) =>
      setContains(set(r.specifier, r.spec_prereleases), String(r.version), { prereleases: pre(r.contains_prereleases), installed: r.installed === true }) === r.expected &&
      setContains(set('~=1.0', false), '1.1.0.dev1', { installed: true }) &&
      !setContains(set('~=1.0', false), '1.1.0.dev1', { prereleases: false, installed: false }),
    'TestSpecifierSet::test_specifier_filter': (r) => show(filterSet(set(r.specifier, r.specifier_prereleases), items(r.input), pre(r.prereleases))) === show(items(r.expected)),
    'TestSpecifierSet::test_specifierset_filter_with_key': (r) => {
      const versions = ['1.0', '2.1a1'];
      return JSON.stringify(indexesOf(versions, filterSet(set('>=2'), versions, pre(r.prereleases)))) === JSON.stringify(r.expected_indexes);
    },
    'TestSpecifierSet::test_empty_specifierset_filter_with_key': (r) => {
      const versions = ['2.0a1', '2.1'];
      return JSON.stringify(indexesOf(versions, filterSet(set('', r.prereleases), versions))) === JSON.stringify(r.expected_indexes);
    },
    'TestSpecifierSet::test_filter_exclusionary_bridges': (r) => show(filterSet(set(r.specifier), items(r.input), pre(r.prereleases))) === show(items(r.expected)),
    'TestSpecifierSet::test_contains_exclusionary_bridges': (r) => setContains(set(r.specifier), String(r.version), { prereleases: pre(r.prereleases) }) === r.expected,
    'TestSpecifierSet::test_contains_rejects_invalid_specifier': (r) => !setContains(set(r.specifier, true), String(r.input)),
    // packaging accepts the text and raises ValueError on first use; we refuse it when it is parsed.
    'TestSpecifierSet::test_contains_oversized_version_raises_valueerror': (r) => (parseSpecifierSet(String(r.specifier)) == null ? 'rejected when parsed, not when used' : false),
    'TestSpecifierSet::test_contains_arbitrary_equality_contains': (r) => setContains(set(r.specifier), String(r.version)) === r.expected,
    'TestSpecifierSet::test_contains_arbitrary_equality_normalization': (r) => setContains(set(r.spec_str, true), item(r.version)) === r.expected,
    'TestSpecifierSet::test_specifiers_str_and_repr': (r) => formatSpecifierSet(set(r.specifier)) === r.expected,
    'TestSpecifierSet::test_specifiers_hash': (r) => canonicalSet(r.specifier) === canonicalSet(r.specifier),
    'TestSpecifierSet::test_specifiers_combine': (r) => canonicalSet(`${String(r.left)},${String(r.right)}`) === canonicalSet(r.expected),
    'TestSpecifierSet::test_comparison_true': (r) => (canonicalSet(r.left) === canonicalSet(r.right)) === (opOf(r) === '_operator.eq'),
    'TestSpecifierSet::test_comparison_false': (r) => (canonicalSet(r.left) === canonicalSet(r.right)) === (opOf(r) === '_operator.ne'),
    'TestSpecifierSet::test_comparison_canonicalizes': (r) => canonicalSet(r.left) === canonicalSet(r.right),
    'TestSpecifierSet::test_comparison_ignores_local': (r) => setContains(set(r.specifier), item({ str: r.version })) === r.expected,
    'TestSpecifierSet::test_arbitrary_equality_is_intersection_preserving': (r) => {
      const input = r.input_versions as string[];
      const one = new Set(filterSpecifier(spec(r.spec1), input));
      const two = new Set(filterSpecifier(spec(r.spec2), input));
      const both = filterSet(set(`${String(r.spec1)},${String(r.spec2)}`), input);
      return JSON.stringify([...one].filter((v) => two.has(v)).sort()) === JSON.stringify([...new Set(both)].sort());
    },
    'TestIsUnsatisfiable::test_unsatisfiable': (r) => isUnsatisfiable(set(r.spec_str)) && filterSet(set(r.spec_str), samples, true).length === 0,
    'TestIsUnsatisfiable::test_satisfiable': (r) => !isUnsatisfiable(set(r.spec_str)) && filterSet(set(r.spec_str), samples, true).length > 0,
    'TestIsUnsatisfiable::test_unsatisfiable_prereleases_false': (r) => isUnsatisfiable(set(r.spec_str, false)) && filterSet(set(r.spec_str, false), samples).length === 0,
    'TestIsUnsatisfiable::test_satisfiable_prereleases_false': (r) => !isUnsatisfiable(set(r.spec_str, false)) && filterSet(set(r.spec_str, false), samples).length > 0,
    test_pickle_specifier_roundtrip: (r) => {
      const s = spec(r.specifier, r.spec_prereleases);
      const back = spec(formatSpecifier(s), s.prereleases);
      return canonicalSpecifier(back) === canonicalSpecifier(s) && back.prereleases === s.prereleases;
    },
    test_pickle_specifierset_roundtrip: (r) => canonicalSet(formatSpecifierSet(set(r.specifiers))) === canonicalSet(r.specifiers),
  };
}

/** Rows we do not check, by test, asserted exactly. */
const NOT_CHECKED: Readonly<Record<string, number>> = {
  'TestSpecifierInternal::test_spec_version_cache_consistency': 12,
  'TestSpecifierInternal::test_spec_version_cache_with_wildcards': 2,
  'TestSpecifierInternal::test_spec_version_cache_with_arbitrary_equality': 3,
  'TestSpecifierInternal::test_spec_version_cache_compatible_operator': 1,
  'TestSpecifierSet::test_contains_oversized_version_raises_valueerror': 2,
};

describeCorpus('PEP 440 specifiers agree with pypa/packaging 26.2', () => {
  const file = loadVectors('packaging-specifiers.json');
  const all = checks(file.constants);
  let agreed = 0;

  it('every table is claimed by a check', () => assertAllClaimed(file, Object.keys(all)));

  for (const [test, check] of Object.entries(all)) {
    it(test, () => {
      const outcome = runTest(file, test, check);
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.notApplicable, NOT_CHECKED[test] ?? 0);
      agreed += outcome.agreed;
    });
  }

  after(() => console.log(`      packaging-specifiers.json: ${agreed} rows agree, ${Object.values(NOT_CHECKED).reduce((a, b) => a + b, 0)} not checked (see docs/conformance.md)`));
});
