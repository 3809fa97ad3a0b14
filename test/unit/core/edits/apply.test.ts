import assert from 'node:assert/strict';
import { applyEdits, applyPlan } from '../../../../src/core/edits';
import { rangeOf } from '../../../../src/core/model/range';

const edit = (line: number, start: number, endLine: number, end: number, newText: string) => ({ range: rangeOf(line, start, endLine, end), newText });

describe('edits: applyEdits', () => {
  const cases: { title: string; text: string; edits: ReturnType<typeof edit>[]; expected: string }[] = [
    { title: 'one replacement', text: 'a==1\n', edits: [edit(0, 1, 0, 4, '>=2')], expected: 'a>=2\n' },
    { title: 'several edits given in any order', text: 'abc\ndef\nghi\n', edits: [edit(2, 0, 2, 1, 'G'), edit(0, 2, 0, 3, 'C'), edit(1, 1, 1, 2, 'E')], expected: 'abC\ndEf\nGhi\n' },
    { title: 'adjacent edits', text: 'name==1 --hash=x', edits: [edit(0, 4, 0, 7, '==2'), edit(0, 7, 0, 16, '')], expected: 'name==2' },
    { title: 'two inserts at one place keep their order', text: 'ab', edits: [edit(0, 1, 0, 1, '1'), edit(0, 1, 0, 1, '2')], expected: 'a12b' },
    { title: 'an insert before a replacement at the same place', text: 'ab', edits: [edit(0, 1, 0, 2, 'X'), edit(0, 1, 0, 1, '+')], expected: 'a+X' },
    { title: 'deleting whole lines across line breaks', text: 'a\nb\nc\n', edits: [edit(1, 0, 2, 0, '')], expected: 'a\nc\n' },
    { title: 'CRLF: a line ends before its \\r\\n', text: 'a\r\nbb\r\n', edits: [edit(1, 0, 1, 2, 'BB'), edit(0, 1, 0, 1, '!')], expected: 'a!\r\nBB\r\n' },
    { title: 'a lone CR ends a line, as in VS Code', text: 'a\rbb\n', edits: [edit(1, 1, 1, 2, 'X')], expected: 'a\rbX\n' },
    { title: 'UTF-16 characters: an emoji counts two', text: '😀x==1', edits: [edit(0, 3, 0, 6, '>=2')], expected: '😀x>=2' },
    { title: 'an insert at the very end', text: 'a', edits: [edit(0, 1, 0, 1, '\nb\n')], expected: 'a\nb\n' },
  ];
  for (const c of cases) it(c.title, () => assert.equal(applyEdits(c.text, c.edits), c.expected));

  it('refuses overlapping edits (a planning bug, never silently merged)', () => {
    assert.throws(() => applyEdits('abcdef', [edit(0, 1, 0, 4, 'x'), edit(0, 3, 0, 5, 'y')]), /overlapping edits at offset 3/);
  });

  it('applies a plan to several files and creates new ones, but never over an existing file', () => {
    const plan = { title: 't', notes: [], edits: [{ file: '/a', ...edit(0, 0, 0, 1, 'A') }, { file: '/b', ...edit(0, 1, 0, 1, '!') }], creates: [{ file: '/c', text: 'new\n' }] };
    assert.deepEqual(applyPlan({ '/a': 'a', '/b': 'b' }, plan), { '/a': 'A', '/b': 'b!', '/c': 'new\n' });
    assert.throws(() => applyPlan({ '/a': 'a', '/b': 'b', '/c': 'old' }, plan), /\/c already exists/);
    assert.throws(() => applyPlan({ '/a': 'a' }, plan), /edit in unknown file \/b/);
  });
});
