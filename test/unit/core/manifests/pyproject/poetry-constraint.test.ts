/**
 * Poetry constraints in PEP 440, checked two ways: the translated text, and which versions it
 * lets through (the translation is only right if matching agrees with poetry-core's rules).
 */
import assert from 'node:assert/strict';
import { matchingSpecifiers, toPep440 } from '../../../../../src/core/manifests/pyproject';
import { pythonMarker } from '../../../../../src/core/manifests/pyproject/processors/poetry-constraint';
import { satisfies } from '../../../../../src/core/versions';

const TRANSLATIONS: readonly [string, readonly string[] | undefined][] = [
  ['^1.2.3', ['>=1.2.3,<2.0.0']],
  ['^1.2', ['>=1.2,<2.0']],
  ['^1', ['>=1,<2']],
  ['^0.2.3', ['>=0.2.3,<0.3.0']],
  ['^0.0.3', ['>=0.0.3,<0.0.4']],
  ['^0.0', ['>=0.0,<0.1']],
  ['^0', ['>=0,<1']],
  ['^18.3-alpha.0', ['>=18.3-alpha.0,<19.0']],
  ['~1.2.3', ['>=1.2.3,<1.3.0']],
  ['~1.2', ['>=1.2,<1.3']],
  ['~1', ['>=1,<2']],
  ['~=1.2', ['~=1.2']],
  ['~=1', ['>=1,<1.1']],
  ['*', ['']],
  ['', ['']],
  ['x', ['']],
  ['1.2', ['==1.2']],
  ['=1.2', ['==1.2']],
  ['==1.2', ['==1.2']],
  ['1.2.*', ['==1.2.*']],
  ['1.x', ['==1.*']],
  ['!=1.2.*', ['!=1.2.*']],
  ['<>1.0', ['!=1.0']],
  ['>=1.0,<2.0', ['>=1.0,<2.0']],
  ['>=1.0 <2.0', ['>=1.0,<2.0']],
  ['>= 1.0, < 2.0', ['>=1.0,<2.0']],
  ['>=1.0,', ['>=1.0']],
  ['^1.0 || ^2.0', ['>=1.0,<2.0', '>=2.0,<3.0']],
  ['~2.7 | ^3.4', ['>=2.7,<2.8', '>=3.4,<4.0']],
  ['(>=20.4.3,<20.4.5 || >=20.4.7)', ['>=20.4.3,<20.4.5', '>=20.4.7']],
  ['^^1', undefined],
  ['>=', undefined],
  ['foo', undefined],
  ['1.2 ||', undefined],
];

/** [constraint, version, allowed] — poetry-core's semantics, caret and tilde bounds included. */
const MATCHES: readonly [string, string, boolean][] = [
  ['^1.2.3', '1.2.3', true],
  ['^1.2.3', '1.9.0', true],
  ['^1.2.3', '2.0.0', false],
  ['^1.2.3', '1.2.2', false],
  ['^0.2.3', '0.2.9', true],
  ['^0.2.3', '0.3.0', false],
  ['^0.0.3', '0.0.4', false],
  ['~1.2.3', '1.2.9', true],
  ['~1.2.3', '1.3.0', false],
  ['~1', '1.9', true],
  ['~1', '2.0', false],
  ['1.2', '1.2.0', true],
  ['1.2', '1.2.1', false],
  ['1.2.*', '1.2.7', true],
  ['1.2.*', '1.3', false],
  ['^1.0 || ^3.0', '2.5', false],
  ['^1.0 || ^3.0', '3.1', true],
  ['*', '0.0.1', true],
  ['(>=20.4.3,<20.4.5 || >=20.4.7)', '20.4.5', false],
  ['(>=20.4.3,<20.4.5 || >=20.4.7)', '20.4.4', true],
  ['(>=20.4.3,<20.4.5 || >=20.4.7)', '21.0', true],
];

describe('Poetry constraints → PEP 440', () => {
  it('translates each constraint form as poetry-core reads it', () => {
    for (const [constraint, expected] of TRANSLATIONS) assert.deepEqual(toPep440(constraint), expected, JSON.stringify(constraint));
  });

  it('lets through exactly the versions poetry-core allows', () => {
    for (const [constraint, version, allowed] of MATCHES) {
      const sets = matchingSpecifiers({ specifier: constraint.replace(/\s+/g, '') })!;
      assert.equal(sets.some((s) => satisfies(version, s)), allowed, `${version} in ${constraint}`);
    }
  });

  it('leaves PEP 440 specifiers as they are', () => {
    assert.deepEqual(matchingSpecifiers({ specifier: '>=2.31,<3' }), ['>=2.31,<3']);
    assert.deepEqual(matchingSpecifiers({ specifier: '' }), ['']);
    assert.equal(matchingSpecifiers({ specifier: '^^1' }), undefined);
  });

  it('turns python constraints into markers as Poetry writes them', () => {
    assert.equal(pythonMarker('^3.6'), 'python_version >= "3.6" and python_version < "4.0"');
    assert.equal(pythonMarker('~2.7.9 || ^3.4'), '(python_full_version >= "2.7.9" and python_full_version < "2.8.0") or (python_version >= "3.4" and python_version < "4.0")');
    assert.equal(pythonMarker('*'), null);
    assert.equal(pythonMarker('^^3'), undefined);
  });
});
