/**
 * PEP 508 requirement strings against pypa/packaging 26.2: its test tables
 * (vectors/packaging-requirements.json) and the 5,215 requirement strings of its test module with
 * what packaging returns for each (vectors/packaging-requirements-computed.json), errors included
 * with their exact message and caret.
 */
import assert from 'node:assert/strict';
import { formatParseError, formatRequirement, parseRequirement, type Requirement } from '../../../../src/core/pep508/requirement';
import { parseMarker } from '../../../../src/core/pep508/marker-parser';
import { formatMarker } from '../../../../src/core/pep508/markers';
import { canonicalSpecifier, formatSpecifierSet, parseSpecifierSet } from '../../../../src/core/pep508/pep440-specifier';
import { describeCorpus, readCorpus } from '../../../helpers/corpus';
import { assertAllClaimed, loadVectors, rowsOf, runTest, type Check } from './vectors';

function parsed(text: string): Requirement {
  const result = parseRequirement(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.error.message}`);
  return result.value;
}

function canonicalSet(text: string): string {
  const set = parseSpecifierSet(text);
  assert.ok(set, `invalid specifier ${text}`);
  return [...new Set(set.specifiers.map(canonicalSpecifier))].sort().join(',');
}

/** What packaging's Requirement.__eq__ compares. */
function key(req: Requirement): string {
  return JSON.stringify([req.normalizedName, [...new Set(req.extras)].sort(), canonicalSet(req.specifier), req.url, req.markerText]);
}

function markerText(template: unknown): string | null {
  if (template == null) return null;
  const m = parseMarker(String(template).replaceAll('{ws}', ''));
  assert.ok(m.ok);
  return formatMarker(m.value);
}

/** test_basic_valid_requirement_parsing, rebuilt from its templates as packaging's test does. */
function basicParsing(r: Readonly<Record<string, unknown>>): boolean {
  const ws = String(r.whitespace);
  const extras = [...((r.extras as { __set__: string[] }).__set__ ?? [])].sort();
  const parts = [String(r.name)];
  if (extras.length > 0) parts.push('[', extras.join(`${ws},${ws}`), ']');
  if (r.specifier) parts.push(String(r.specifier).replaceAll('{ws}', ws));
  if (r.url != null) parts.push('@', String(r.url).replaceAll('{ws}', ws));
  if (r.marker != null) parts.push(r.url != null ? ' ;' : ';', String(r.marker).replaceAll('{ws}', ws));
  const req = parsed(parts.join(ws));
  const specifier = String(r.specifier).replaceAll('{ws}', '').replace(/^[()]+|[()]+$/g, '');
  return (
    req.name === r.name &&
    JSON.stringify([...new Set(req.extras)].sort()) === JSON.stringify(extras) &&
    req.url === (r.url ?? null) &&
    canonicalSet(req.specifier) === canonicalSet(specifier) &&
    req.markerText === markerText(r.marker)
  );
}

const CHECKS: Readonly<Record<string, Check>> = {
  test_basic_valid_requirement_parsing: basicParsing,
  test_normalized_requirements: (r) => formatRequirement(parsed(String(r.input_req))) === r.norm_req,
  'TestRequirementParsing::test_valid_marker': (r) => parseRequirement(`name; ${String(r.marker)}`).ok,
  'TestRequirementParsing::test_file_url': (r) => parsed(`name @ ${String(r.url)}`).url === r.url,
  'TestRequirementParsing::test_error_when_local_version_label_is_used_incorrectly': (r) => {
    const op = String(r.operator);
    const text = `name ${op} 1.0+local.version.label`;
    const result = parseRequirement(text);
    const expected = `Local version label can only be used with \`==\` or \`!=\` operators\n    ${text}\n         ${'~'.repeat(op.length)}~~~~^`;
    return !result.ok && formatParseError(text, result.error) === expected;
  },
  'TestRequirementBehaviour::test_str_and_repr': (r) => {
    const text = `name${String(r.extras)}${String(r.url_or_specifier)}${String(r.marker)}`;
    return formatRequirement(parsed(text)) === text.trim();
  },
  'TestRequirementBehaviour::test_equal_reqs_equal_hashes': (r) => key(parsed(String(r.dep1))) === key(parsed(String(r.dep2))),
  'TestRequirementBehaviour::test_equivalent_reqs_equal_hashes_unequal_strings': (r) => {
    const [a, b] = [parsed(String(r.dep1)), parsed(String(r.dep2))];
    return key(a) === key(b) && formatRequirement(a) !== formatRequirement(b);
  },
  'TestRequirementBehaviour::test_different_reqs_different_hashes': (r) => key(parsed(String(r.dep1))) !== key(parsed(String(r.dep2))),
  test_pickle_requirement_roundtrip: (r) => key(parsed(formatRequirement(parsed(String(r.req_str))))) === key(parsed(String(r.req_str))),
};

interface Computed {
  readonly input: string;
  readonly source: string;
  readonly valid: boolean;
  readonly error?: string;
  readonly name?: string;
  readonly normalized_name?: string;
  readonly extras?: string[];
  readonly specifier?: string;
  readonly url?: string | null;
  readonly marker?: string | null;
  readonly str?: string;
}

/** One computed entry: every field packaging returns, or its exact error text. */
function agreesWithComputed(c: Computed): string | null {
  const result = parseRequirement(c.input);
  if (!c.valid) {
    if (result.ok) return 'we accept it';
    const ours = formatParseError(c.input, result.error);
    return ours === c.error ? null : `error ${JSON.stringify(ours)} ≠ ${JSON.stringify(c.error)}`;
  }
  if (!result.ok) return `we reject it: ${result.error.message}`;
  const r = result.value;
  const set = parseSpecifierSet(r.specifier);
  const fields = {
    name: [r.name, c.name],
    normalized_name: [r.normalizedName, c.normalized_name],
    extras: [JSON.stringify([...new Set(r.extras)].sort()), JSON.stringify([...(c.extras ?? [])].sort())],
    specifier: [set ? formatSpecifierSet(set) : null, c.specifier],
    url: [r.url, c.url],
    marker: [r.markerText, c.marker],
    str: [formatRequirement(r), c.str],
  };
  const wrong = Object.entries(fields).filter(([, [ours, theirs]]) => ours !== theirs);
  return wrong.length === 0 ? null : wrong.map(([f, [ours, theirs]]) => `${f}: ${String(ours)} ≠ ${String(theirs)}`).join('; ');
}

describeCorpus('PEP 508 requirements agree with pypa/packaging 26.2', () => {
  const file = loadVectors('packaging-requirements.json');

  it('every table is claimed by a check', () => assertAllClaimed(file, Object.keys(CHECKS)));
  after(() => console.log(`      packaging-requirements.json (and 5,215 computed strings): ${agreed} rows agree, ${notChecked} not checked (see docs/conformance.md)`));

  let agreed = 0;
  let notChecked = 0;
  for (const [test, check] of Object.entries(CHECKS)) {
    it(test, () => {
      const outcome = runTest(file, test, check);
      agreed += outcome.agreed;
      notChecked += outcome.notApplicable;
      assert.deepEqual(outcome.failures, []);
      assert.equal(outcome.notApplicable, 0);
    });
  }

  it('all 5,215 computed requirement strings: same fields, or the same error with the same caret', () => {
    const computed = JSON.parse(readCorpus('vectors', 'packaging-requirements-computed.json')) as { requirements: Computed[] };
    assert.equal(computed.requirements.length, 5215);
    const expansion = computed.requirements.filter((c) => c.source === 'expansion of test_basic_valid_requirement_parsing');
    assert.equal(expansion.length, rowsOf(file, 'test_basic_valid_requirement_parsing').length);
    const failures = computed.requirements.map((c) => [c.input, agreesWithComputed(c)] as const).filter(([, why]) => why != null);
    assert.deepEqual(failures, []);
    assert.equal(computed.requirements.filter((c) => !c.valid).length, 22);
  });
});
