/**
 * Offsets to positions. Parsers work with UTF-16 offsets into the document (what JavaScript
 * strings index by); editors want 0-based lines and UTF-16 characters. A line ends after '\n', so
 * a '\r' before it stays on its line, as VS Code counts.
 */
import type { Position, SourceRange } from '../model/range';

export interface LineIndex {
  readonly text: string;
  positionAt(offset: number): Position;
  rangeAt(start: number, end: number): SourceRange;
  /** Offset of the first character after the line that holds `offset` (before its line break). */
  lineEndAt(offset: number): number;
}

export function lineIndexOf(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);

  function lineOf(offset: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  function positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const line = lineOf(clamped);
    return { line, character: clamped - starts[line]! };
  }

  function lineEndAt(offset: number): number {
    const line = lineOf(Math.max(0, Math.min(offset, text.length)));
    let end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
    if (end > starts[line]! && text[end - 1] === '\r') end--;
    return end;
  }

  return {
    text,
    positionAt,
    rangeAt: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
    lineEndAt,
  };
}
