import assert from 'node:assert/strict';
import { caretUpperBound, replacementPoetryConstraint, rewritePoetryConstraint, tildeUpperBound } from '../../../../src/core/edits/poetry-constraints';
import { compatibleUpperBound, replacementSpecifier, rewriteSpecifier, type FixStyle } from '../../../../src/core/edits/specifiers';

type Row = readonly [specifier: string, version: string, style: FixStyle, expected: string, notes: number];

function checkRows(rewrite: (s: string, v: string, style: FixStyle) => { text: string; notes: readonly string[] } | null, rows: readonly Row[]): void {
  for (const [specifier, version, style, expected, notes] of rows) {
    const result = rewrite(specifier, version, style);
    assert.ok(result, `${specifier} @ ${version}`);
    assert.equal(result.text, expected, `${style} ${JSON.stringify(specifier)} to ${version}`);
    assert.equal(result.notes.length, notes, `${specifier} @ ${version}: ${JSON.stringify(result.notes)}`);
  }
}

describe('edits: PEP 440 specifier rewrites', () => {
  it('pins, and raises the lower bound keeping the clauses the new version satisfies', () => {
    checkRows(rewriteSpecifier, [
      ['', '2.0', 'pin', '==2.0', 0],
      ['', '2.0', 'lower-bound', '>=2.0', 0],
      ['>=1.0', '2.0', 'lower-bound', '>=2.0', 0],
      ['>1.0', '2.0', 'lower-bound', '>=2.0', 0],
      ['>=1.0,<3', '2.0', 'lower-bound', '>=2.0,<3', 0],
      ['>=1.0, <3, !=2.1', '2.0', 'lower-bound', '>=2.0, <3, !=2.1', 0],
      ['>=1.0,<2', '2.0', 'lower-bound', '>=2.0', 1],
      ['>=1.0,<=2.0', '2.0', 'lower-bound', '>=2.0,<=2.0', 0],
      ['!=2.0', '2.0', 'lower-bound', '>=2.0', 1],
      ['==1.0', '2.0', 'lower-bound', '>=2.0', 1],
      ['===1.0', '2.0', 'lower-bound', '>=2.0', 1],
      ['==2.*', '2.5', 'lower-bound', '>=2.5,==2.*', 0],
      ['==1.*', '2.5', 'lower-bound', '>=2.5', 1],
      ['~=1.4.2', '1.4.9', 'lower-bound', '~=1.4.9', 0],
      ['~=1.4', '1.9', 'lower-bound', '~=1.9', 0],
      ['~=1.4', '1.9.1', 'lower-bound', '>=1.9.1,<2', 0],
      ['~=1.4.2', '1.5.0', 'lower-bound', '>=1.5.0', 1],
      ['>=1.0,<3', '2.0', 'pin', '==2.0', 0],
      ['>=1.0,<2', '2.0', 'pin', '==2.0', 1],
      // PEP 440: '<2' excludes the pre-releases of 2 itself, so it cannot stay.
      ['<2', '2.0rc1', 'lower-bound', '>=2.0rc1', 1],
    ]);
  });

  it('refuses what is not PEP 440', () => {
    assert.equal(rewriteSpecifier('>=1.0', 'latest', 'pin'), null);
    assert.equal(rewriteSpecifier('^1.0', '2.0', 'pin'), null);
  });

  it('computes the ceiling of ~= (PEP 440 compatible release)', () => {
    assert.deepEqual(['2.2', '1.4.5', '1', '0.0.1'].map(compatibleUpperBound), ['3', '1.5', '2', '0.1']);
  });

  it('never carries a version constraint over to another project', () => {
    const rows: [string, string | null, string][] = [
      ['==2.6.1', null, ''],
      ['==2.6.1', '3.20.0', '==3.20.0'],
      ['>=2.6,<3', '3.20.0', '>=3.20.0'],
      ['~=2.6', '3.20.0', '~=3.20.0'],
      ['~=2.6', '3', '>=3'],
      ['', '3.20.0', ''],
      ['==2.*', '3.20.0', '>=3.20.0'],
    ];
    for (const [old, version, expected] of rows) assert.equal(replacementSpecifier(old, version), expected, `${old} with ${version}`);
  });
});

describe('edits: Poetry constraint rewrites', () => {
  it('keeps the user\'s operator when it can say the fix', () => {
    checkRows(rewritePoetryConstraint, [
      ['^2.25', '2.32.4', 'lower-bound', '^2.32.4', 0],
      ['^2.25', '3.0.1', 'lower-bound', '^3.0.1', 1],
      ['^0.2.3', '0.2.9', 'lower-bound', '^0.2.9', 0],
      ['^0.2.3', '0.3.0', 'lower-bound', '^0.3.0', 1],
      ['~1.26.5', '1.26.19', 'lower-bound', '~1.26.19', 0],
      ['~1.26.5', '2.0.0', 'lower-bound', '~2.0.0', 1],
      ['3.4', '3.7', 'lower-bound', '>=3.7', 1],
      ['3.4', '3.7', 'pin', '3.7', 0],
      ['^3.4', '3.7', 'pin', '==3.7', 0],
      ['*', '1.0', 'lower-bound', '>=1.0', 0],
      ['>=3.0, <4', '3.1.4', 'lower-bound', '>=3.1.4, <4', 0],
      ['>=3.0 <4', '3.1.4', 'lower-bound', '>=3.1.4,<4', 0],
      ['^1.2,!=1.2.5', '1.3', 'lower-bound', '>=1.3,<2,!=1.2.5', 0],
      ['^9.0 || ^10.0', '10.3.0', 'lower-bound', '>=10.3.0', 1],
      ['~=1.4.2', '1.4.9', 'lower-bound', '~=1.4.9', 0],
    ]);
  });

  it('computes caret and tilde ceilings as Poetry documents them', () => {
    assert.deepEqual(['1.2.3', '1.2', '1', '0.2.3', '0.0.3', '0.0', '0'].map(caretUpperBound), ['2', '2', '2', '0.3', '0.0.4', '0.1', '1']);
    assert.deepEqual(['1.2.3', '1.2', '1'].map(tildeUpperBound), ['1.3', '1.3', '2']);
  });

  it('writes a fork\'s constraint in the same style', () => {
    const rows: [string, string | null, string][] = [
      ['^2.25', '3.7.0', '^3.7.0'],
      ['~1.26', '3.7.0', '~3.7.0'],
      ['2.31.0', '3.7.0', '3.7.0'],
      ['==2.31.0', '3.7.0', '==3.7.0'],
      ['>=2.0,<3', '3.7.0', '>=3.7.0'],
      ['^2.25', null, '*'],
      ['*', '3.7.0', '*'],
    ];
    for (const [old, version, expected] of rows) assert.equal(replacementPoetryConstraint(old, version), expected, `${old} with ${version}`);
  });
});
