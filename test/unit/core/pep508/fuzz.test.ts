/**
 * Property tests: the PEP 508 and PEP 440 parsers never throw on any text, every span they return
 * lies inside the input, and what they accept prints back to text that parses to the same thing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMarker } from '../../../../src/core/pep508/marker-parser';
import { formatMarker } from '../../../../src/core/pep508/markers';
import { formatRequirement, parseRequirement, type Span } from '../../../../src/core/pep508/requirement';
import { filterVersions, isUnsatisfiableSpecifier, normalizeVersion, satisfies } from '../../../../src/core/versions';

const TOKENS = ['name', 'Foo_Bar.baz', '[', ']', ',', '(', ')', ' ', '\t', '@', ';', '==', '>=', '~=', '===', '!=', '<', '1.0', '2!1.0a1.post2.dev3+local', '.*', 'https://x/y.whl', 'python_version', 'extra', 'os.name', "'3.8'", '"x"', 'and', 'or', 'not in', 'in', '\\', '\\x41', 'é', '\n'];
const vocabulary = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((parts) => parts.join(''));
const text = fc.oneof(vocabulary, fc.string({ unit: 'grapheme', maxLength: 120 }));
const runs = Number(process.env.FUZZ_RUNS ?? 500);

function inside(span: Span | null, input: string): void {
  if (!span) return;
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= input.length, `${JSON.stringify(span)} outside ${JSON.stringify(input)}`);
}

describe('PEP 508 / PEP 440 parsers on arbitrary input', () => {
  it('parseRequirement never throws, keeps spans inside, and round-trips what it accepts', () => {
    fc.assert(
      fc.property(text, (input) => {
        const r = parseRequirement(input);
        if (!r.ok) {
          assert.ok(r.error.span.start <= input.length + 1);
          return;
        }
        const v = r.value;
        for (const span of [v.nameSpan, v.extrasSpan, v.specifierSpan, v.urlSpan, v.markerSpan, v.span]) inside(span, input);
        const again = parseRequirement(formatRequirement(v));
        assert.ok(again.ok, formatRequirement(v));
        assert.equal(formatRequirement(again.value), formatRequirement(v));
      }),
      { numRuns: runs },
    );
  });

  it('parseMarker never throws and prints a marker that parses to the same text', () => {
    fc.assert(
      fc.property(text, (input) => {
        const m = parseMarker(input);
        if (!m.ok) return;
        const again = parseMarker(formatMarker(m.value));
        assert.ok(again.ok);
        assert.equal(formatMarker(again.value), formatMarker(m.value));
      }),
      { numRuns: runs },
    );
  });

  it('version and specifier functions never throw', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        normalizeVersion(a);
        satisfies(a, b);
        satisfies(a, b, { prereleases: true, installed: true });
        filterVersions(b, [a, '1.0', '2.0a1']);
        isUnsatisfiableSpecifier(b);
      }),
      { numRuns: runs },
    );
  });
});
