/**
 * Offsets to positions. Parsers work with UTF-16 offsets into the document (what JavaScript
 * strings index by); editors want 0-based lines and UTF-16 characters. Lines end at '\r\n', '\n'
 * or a lone '\r', as VS Code and LSP count them.
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
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }

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
    let clamped = Math.max(0, Math.min(offset, text.length));
    // Between the '\r' and '\n' of a line break is the end of the line.
    if (text.charCodeAt(clamped) === 10 && text.charCodeAt(clamped - 1) === 13) clamped--;
    const line = lineOf(clamped);
    return { line, character: clamped - starts[line]! };
  }

  function lineEndAt(offset: number): number {
    const line = lineOf(Math.max(0, Math.min(offset, text.length)));
    if (line + 1 >= starts.length) return text.length;
    const next = starts[line + 1]!;
    return text[next - 1] === '\n' && text[next - 2] === '\r' && next - 2 >= starts[line]! ? next - 2 : next - 1;
  }

  return {
    text,
    positionAt,
    rangeAt: (start, end) => ({ start: positionAt(start), end: positionAt(end) }),
    lineEndAt,
  };
}
