/**
 * Positions are 0-based (line and UTF-16 character offset), as in VS Code and LSP, so that a
 * squiggle, a hover and an edit land on exactly the text they describe. Problems and records also
 * carry a 1-based `line` for people and for the CLI.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

export function rangeOf(line: number, startCharacter: number, endLine: number, endCharacter: number): SourceRange {
  return { start: { line, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** A range on one line. */
export function lineRange(line: number, startCharacter: number, endCharacter: number): SourceRange {
  return rangeOf(line, startCharacter, line, endCharacter);
}

export function emptyRangeAt(position: Position): SourceRange {
  return { start: position, end: position };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(range: SourceRange, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}
