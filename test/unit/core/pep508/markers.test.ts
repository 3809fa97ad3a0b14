/**
 * Environment markers against pypa/packaging 26.2 (vectors/packaging-markers.json and the marker
 * part of packaging-requirements-computed.json): parsing, canonical text and evaluation.
 */
import assert from 'node:assert/strict';
import { parseMarker } from '../../../../src/core/pep508/marker-parser';
import { DEFAULT_TARGET, evaluateMarker, formatMarker, type MarkerList, type TargetEnvironment } from '../../../../src/core/pep508/markers';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';
import { assertAllClaimed, loadVectors, runTest, type Check } from './vectors';

function marker(text: unknown): MarkerList {
  const m = parseMarker(String(text));
  assert.ok(m.ok, `${String(text)}: ${m.ok ? '' : m.error.message}`);
  return m.value;
}

/**
 * packaging evaluates against a dict that overrides the running interpreter's values (CPython on
 * Linux here, like DEFAULT_TARGET); its single `extra` becomes our list of requested extras.
 */
function target(environment: unknown): TargetEnvironment {
  const overrides = { ...((environment ?? {}) as Record<string, string>) };
  const extra = overrides.extra;
  delete overrides.extra;
  return { ...DEFAULT_TARGET, env: { ...DEFAULT_TARGET.env, ...overrides }, extras: extra ? [extra] : [] };
}

const evaluates: Check = (r) => evaluateMarker(marker(r.marker_string), target(r.environment)) === r.expected;

const CHECKS: Readonly<Record<string, Check>> = {
  'TestNode::test_accepts_value': () => 'tests the Python Node class',
  'TestNode::test_str': () => 'tests the Python Node class',
  'TestNode::test_repr': () => 'tests the Python Node class',
  'TestMarker::test_parses_valid': (r) => parseMarker(String(r.marker_string)).ok,
  'TestMarker::test_parses_invalid': (r) => !parseMarker(String(r.marker_string)).ok,
  'TestMarker::test_str_repr_eq_hash': (r) => formatMarker(marker(r.marker_string)) === r.expected,
  'TestMarker::test_different_markers_different_hashes': (r) => formatMarker(marker(r.example1)) !== formatMarker(marker(r.example2)),
  'TestMarker::test_evaluates': evaluates,
  'TestMarker::test_parses_pep345_valid': (r) => parseMarker(String(r.marker_string)).ok,
  'TestMarker::test_evaluate_pep345_markers': evaluates,
  'TestMarker::test_parses_setuptools_legacy_valid': (r) => parseMarker(String(r.marker_string)).ok,
  'TestMarker::test_extras_and_dependency_groups': (r) => {
    const [expression, result] = r.expression as [string, boolean];
    const values = ['foo', 'bar'];
    const env: TargetEnvironment = r.variable === 'extras' ? { ...DEFAULT_TARGET, extras: values } : { ...DEFAULT_TARGET, dependencyGroups: values };
    return evaluateMarker(marker(expression.replaceAll('{0}', String(r.variable))), env) === result;
  },
  // packaging answers False in a lock-file context and raises KeyError elsewhere; we always answer.
  'TestMarker::test_extras_and_dependency_groups_disallowed': (r) =>
    evaluateMarker(marker(`"foo" in ${String(r.variable)}`), DEFAULT_TARGET) ? false : 'answers false where packaging raises KeyError outside lock files',
  'TestMarker::test_version_like_equality': evaluates,
  test_pickle_marker_roundtrip: (r) => formatMarker(marker(formatMarker(marker(r.marker_str)))) === formatMarker(marker(r.marker_str)),
};

const NOT_CHECKED: Readonly<Record<string, number>> = {
  'TestNode::test_accepts_value': 6,
  'TestNode::test_str': 2,
  'TestNode::test_repr': 2,
  'TestMarker::test_extras_and_dependency_groups_disallowed': 2,
};

describeCorpus('PEP 508 markers agree with pypa/packaging 26.2', () => {
  const file = loadVectors('packaging-markers.json');

  it('every table is claimed by a check', () => assertAllClaimed(file, Object.keys(CHECKS)));
  after(() => console.log(`      packaging-markers.json: ${agreed} rows agree, ${notChecked} not checked (see docs/conformance.md)`));

  let agreed = 0;
  let notChecked = 0;
  for (const [test, check] of Object.entries(CHECKS)) {
    it(test, () => {
      const outcome = runTest(file, test, check);
      agreed += outcome.agreed;
      notChecked += outcome.notApplicable;
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.notApplicable, NOT_CHECKED[test] ?? 0);
    });
  }

  it('the 48 computed markers parse and print as packaging prints them', () => {
    const computed = JSON.parse(readCorpus('vectors', 'packaging-requirements-computed.json')) as { markers: { input: string; valid: boolean; str: string }[] };
    assert.equal(computed.markers.length, 48);
    for (const m of computed.markers) assert.equal(formatMarker(marker(m.input)), m.str, m.input);
  });
});
