/**
 * Lines and offsets of a text, counted as VS Code counts them (and as the readers do): a line ends
 * at '\r\n', '\n' or a lone '\r', and characters are UTF-16 code units.
 */
import type { Position, SourceRange } from '../model/range';

export interface Lines {
  readonly text: string;
  /** Offsets where each line starts. */
  readonly starts: readonly number[];
  /** The line break the file uses, for text the edits insert. */
  readonly eol: '\n' | '\r\n' | '\r';
}

export function linesOf(text: string): Lines {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return { text, starts, eol: eolOf(text) };
}

function eolOf(text: string): Lines['eol'] {
  const first = /\r\n|\n|\r/.exec(text);
  return first ? (first[0] as Lines['eol']) : '\n';
}

export function lineCount(lines: Lines): number {
  return lines.starts.length;
}

/** The text of a line without its line break. */
export function lineText(lines: Lines, line: number): string {
  const start = lines.starts[line];
  if (start === undefined) return '';
  return lines.text.slice(start, lineEndOffset(lines, line));
}

/** Offset just before the line's break (before '\r\n' or '\n'). */
export function lineEndOffset(lines: Lines, line: number): number {
  const next = lines.starts[line + 1];
  if (next === undefined) return lines.text.length;
  return lines.text[next - 1] === '\n' && lines.text[next - 2] === '\r' ? next - 2 : next - 1;
}

export function offsetAt(lines: Lines, position: Position): number {
  const start = lines.starts[position.line];
  if (start === undefined) return lines.text.length;
  return Math.min(start + position.character, lines.text.length);
}

export function positionAt(lines: Lines, offset: number): Position {
  let clamped = Math.max(0, Math.min(offset, lines.text.length));
  // Between the '\r' and '\n' of a line break is the end of the line.
  if (lines.text.charCodeAt(clamped) === 10 && lines.text.charCodeAt(clamped - 1) === 13) clamped--;
  let low = 0;
  let high = lines.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (lines.starts[mid]! <= clamped) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: clamped - lines.starts[low]! };
}

export function rangeAt(lines: Lines, start: number, end: number): SourceRange {
  return { start: positionAt(lines, start), end: positionAt(lines, end) };
}

/**
 * The range that deletes whole lines `first..last` with their line breaks. The last line of a
 * file has no break after it, so the break before it goes instead.
 */
export function wholeLinesRange(lines: Lines, first: number, last: number): SourceRange {
  const next = lines.starts[last + 1];
  if (next !== undefined) return rangeAt(lines, lines.starts[first]!, next);
  const start = first > 0 ? lineEndOffset(lines, first - 1) : 0;
  return rangeAt(lines, start, lines.text.length);
}

/** Leading spaces and tabs of a line. */
export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}
