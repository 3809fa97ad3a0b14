/**
 * Checks shared by the pyproject and lock-file tests: the text a range covers, and that every
 * range a reader reports lies inside the document. Lines split as VS Code splits them.
 */
import assert from 'node:assert/strict';
import type { ParsedFile } from '../../../../../src/core/model/dependency';
import type { SourceRange } from '../../../../../src/core/model/range';

let last: { text: string; lines: string[] } | undefined;

/** The text's lines; the last split is kept, since checks ask for the same big file many times. */
export function linesOf(text: string): string[] {
  if (last?.text !== text) last = { text, lines: text.split(/\r\n|\n|\r/) };
  return last.lines;
}

/** The text a range covers, lines joined with '\n'. */
export function sliceRange(text: string, range: SourceRange): string {
  const lines = linesOf(text);
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let line = range.start.line + 1; line < range.end.line; line++) parts.push(lines[line] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

export function assertInside(text: string, range: SourceRange, what: string): void {
  const lines = linesOf(text);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside the document`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line}`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: range ends before it starts`);
}

/** Every record's and problem's ranges lie inside the text; every `line` is the 1-based start line. */
export function assertAllInside(parsed: ParsedFile, text: string): void {
  for (const d of parsed.dependencies) {
    assertInside(text, d.nameRange, `nameRange of ${d.rawName}`);
    assertInside(text, d.specifierRange, `specifierRange of ${d.rawName}`);
    assertInside(text, d.requirementRange, `requirementRange of ${d.rawName}`);
    assert.equal(d.line, d.nameRange.start.line + 1, `line of ${d.rawName}`);
  }
  for (const p of parsed.problems) {
    assertInside(text, p.range, `problem '${p.message}'`);
    assert.equal(p.line, p.range.start.line + 1, `line of problem '${p.message}'`);
  }
  for (const p of parsed.lock?.packages ?? []) assertInside(text, p.nameRange, `nameRange of locked ${p.name}`);
}

/** A range written compactly: [line, start character, end character] on one line. */
export function onLine(range: SourceRange): [number, number, number] {
  assert.equal(range.start.line, range.end.line, 'range spans lines');
  return [range.start.line, range.start.character, range.end.character];
}
