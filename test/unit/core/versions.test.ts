/**
 * The versions facade the rest of the code uses: PEP 503 names and PEP 440 answers as
 * pypa/packaging 26.2 gives them (the full tables run in test/unit/core/pep508/).
 */
import assert from 'node:assert/strict';
import {
  canonicalSpecifierSet,
  compareVersions,
  filterVersions,
  isPrerelease,
  isUnsatisfiableSpecifier,
  isValidName,
  isValidSpecifier,
  isValidVersion,
  majorOf,
  normalizeName,
  normalizeVersion,
  satisfies,
  sortVersions,
  versionKey,
  versionsEqual,
} from '../../../src/core/versions';

type Case<T extends unknown[], R> = readonly [...T, R];

function table<T extends unknown[], R>(title: string, fn: (...args: T) => R, cases: readonly Case<T, R>[]): void {
  describe(title, () => {
    for (const c of cases) {
      const args = c.slice(0, -1) as T;
      const expected = c[c.length - 1] as R;
      it(`${JSON.stringify(args)} → ${JSON.stringify(expected)}`, () => assert.deepEqual(fn(...args), expected));
    }
  });
}

describe('versions', () => {
  table('normalizeName (PEP 503)', normalizeName, [
    ['Django', 'django'],
    ['oslo.concurrency', 'oslo-concurrency'],
    ['Foo__Bar-._baz', 'foo-bar-baz'],
  ]);

  table('isValidName (PEP 508)', isValidName, [
    ['requests', true],
    ['a', true],
    ['foo-', false],
    ['-foo', false],
    ['foo bar', false],
  ]);

  table('normalizeVersion', normalizeVersion, [
    ['1.0-ALPHA1', '1.0a1'],
    ['v1.0.post', '1.0.post0'],
    ['  1.0\t', '1.0'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['french toast', null],
  ]);

  table('versionKey: equal texts for equal versions', versionKey, [
    ['1.0', '1'],
    ['1.0.0', '1'],
    ['v1.0-1', '1.post1'],
    ['1.0+ABC.01', '1+abc.1'],
    ['0!1.0a0', '1a0'],
    ['nope', null],
  ]);

  table('compareVersions (sign)', compareVersions, [
    ['1.0', '1.0.0', 0],
    ['1.0.dev0', '1.0a0', -1],
    ['1.0.post1', '1.0', 1],
    ['1!0.1', '2.0', 1],
    ['1.0+local.1', '1.0+local', 1],
    // Release numbers beyond 2^53 still compare exactly.
    ['1.99999999999999999999', '1.99999999999999999998', 1],
  ]);

  it('compareVersions throws on an invalid version; versionsEqual answers false', () => {
    assert.throws(() => compareVersions('nope', '1.0'), /Invalid version: 'nope'/);
    assert.equal(versionsEqual('nope', 'nope'), false);
    assert.equal(versionsEqual('1.0', '1.0.0'), true);
  });

  table('isPrerelease', isPrerelease, [
    ['1.0a1', true],
    ['1.0.dev1', true],
    ['1.0.post1', false],
    ['1.0', false],
  ]);

  table('isValidVersion / isValidSpecifier', (v: string, s: string) => [isValidVersion(v), isValidSpecifier(s)], [
    ['1.0', '>=1.0,<2', [true, true]],
    ['1.0.', '>=1.0.*', [false, false]],
    ['', '', [false, true]],
  ]);

  table('satisfies, as SpecifierSet.contains answers', (v: string, s: string, o: { prereleases?: boolean; installed?: boolean }) => satisfies(v, s, o), [
    ['2.0', '>=1.0', {}, true],
    // PEP 440's default: a pre-release in range matches when it is the only candidate.
    ['2.0a1', '>=1.0', {}, true],
    ['2.0a1', '>=1.0', { prereleases: false }, false],
    ['2.0a1', '>=1.0,<2.0', {}, false],
    ['1.1.0.dev1', '~=1.0', { prereleases: false, installed: true }, true],
    ['1.0+local', '==1.0', {}, true],
    ['1.0.post1', '>1.0', {}, false],
    ['foobar', '===foobar', {}, true],
    // An invalid specifier matches nothing instead of throwing.
    ['1.0', '>=1.0.*', {}, false],
    ['1.0a1', '', {}, true],
  ]);

  table('filterVersions', (s: string, vs: string[], o: { prereleases?: boolean }) => filterVersions(s, vs, o), [
    ['>=1.2.3', ['1.2', '1.3', '1.5a1'], {}, ['1.3']],
    ['>=1.2.3', ['1.2', '1.5a1'], {}, ['1.5a1']],
    ['>=1.2.3', ['1.3', '1.5a1'], { prereleases: true }, ['1.3', '1.5a1']],
    ['nonsense', ['1.0'], {}, []],
  ]);

  table('isUnsatisfiableSpecifier', isUnsatisfiableSpecifier, [
    ['>=2.0,<1.0', true],
    ['==1.0,!=1.0', true],
    ['~=1.4.2,!=1.4.*', true],
    ['>=1.0,<2.0', false],
    ['', false],
  ]);

  table('canonicalSpecifierSet (str(SpecifierSet))', canonicalSpecifierSet, [
    ['>=1.0.0, !=1.0.1', '!=1.0.1,>=1.0.0'],
    ['>1.0.0,>1.0', '>1.0'],
    ['=>1', null],
  ]);

  it('sortVersions drops invalid versions and sorts by PEP 440', () => {
    assert.deepEqual(sortVersions(['1.0', '1.0a1', 'x', '0.9', '1.0.post1', '1.0.dev0']), ['0.9', '1.0.dev0', '1.0a1', '1.0', '1.0.post1']);
  });

  table('majorOf', majorOf, [
    ['2.31.0', 2],
    ['1!3.0', 3],
    ['x', null],
  ]);
});
