/**
 * Minimal edits inside TOML text that keep the document valid and the user's layout: removing an
 * element from an array (with its comma, and its line when it had one to itself), appending an
 * element, adding a key/value to a table, appending a table. All offsets are UTF-16 indexes.
 */
import type { AST } from 'toml-eslint-parser';
import type { Lines } from './text';
import { indentOf, lineEndOffset, lineText, positionAt } from './text';

/** An edit by offsets, turned into a TextEdit by the caller. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Skips spaces, line breaks and comments forward; returns the offset of the next token. */
export function skipTrivia(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else break;
  }
  return i;
}

function lineStartOf(lines: Lines, offset: number): number {
  return lines.starts[positionAt(lines, offset).line]!;
}

/** Offset after the line break that ends the line holding `offset` (or the end of the text). */
function nextLineStart(lines: Lines, offset: number): number {
  return lines.starts[positionAt(lines, offset).line + 1] ?? lines.text.length;
}

function onlyTriviaUntilLineEnd(lines: Lines, from: number): boolean {
  const rest = lines.text.slice(from, lineEndOffset(lines, positionAt(lines, from).line));
  return /^[ \t]*(#.*)?$/.test(rest);
}

/**
 * Removes element `index` of an array (a comma-separated list in brackets or braces). An element
 * alone on its line goes with its whole line (and its trailing comment); otherwise it goes with
 * the comma after it, or the comma before it when it is the last one.
 */
export function removeListItem(lines: Lines, items: readonly { readonly range: readonly [number, number] }[], index: number): OffsetEdit {
  const text = lines.text;
  const item = items[index]!;
  const afterItem = skipTrivia(text, item.range[1]);
  const commaAfter = text[afterItem] === ',' ? afterItem : null;
  const lineStart = lineStartOf(lines, item.range[0]);
  const aloneBefore = /^[ \t]*$/.test(text.slice(lineStart, item.range[0]));
  const end = commaAfter ?? item.range[1];
  const sameLine = positionAt(lines, end).line === positionAt(lines, item.range[1]).line;
  if (aloneBefore && sameLine && onlyTriviaUntilLineEnd(lines, end + (commaAfter == null ? 0 : 1))) {
    return { start: lineStart, end: nextLineStart(lines, end), newText: '' };
  }
  if (commaAfter != null) {
    let stop = commaAfter + 1;
    while (text[stop] === ' ' || text[stop] === '\t') stop++;
    return { start: item.range[0], end: stop, newText: '' };
  }
  if (index > 0) {
    const previous = items[index - 1]!;
    const commaBefore = skipTrivia(text, previous.range[1]);
    return { start: commaBefore, end: item.range[1], newText: '' };
  }
  return { start: item.range[0], end: item.range[1], newText: '' };
}

/**
 * Appends `element` (TOML text) to an array, with `comment` on the line above it. A multi-line
 * array gets the element on its own line before `]`, indented like the others, and a comma after
 * the last element when it had none; a one-line array is laid out over several lines, since a
 * comment cannot live inside one line.
 */
export function appendToArray(lines: Lines, array: AST.TOMLArray, element: string, comment: string | null): OffsetEdit[] {
  const text = lines.text;
  const eol = lines.eol;
  const close = array.range[1] - 1;
  const source = text.slice(array.range[0], array.range[1]);
  const last = array.elements[array.elements.length - 1];
  if (!source.includes('\n') || !last) {
    const indent = `${indentOf(lineText(lines, positionAt(lines, array.range[0]).line))}    `;
    const items = array.elements.map((e) => `${indent}${text.slice(e.range[0], e.range[1])},${eol}`).join('');
    const added = `${comment ? `${indent}${comment}${eol}` : ''}${indent}${element},${eol}`;
    const closing = indentOf(lineText(lines, positionAt(lines, array.range[0]).line));
    return [{ start: array.range[0], end: array.range[1], newText: `[${eol}${items}${added}${closing}]` }];
  }
  const edits: OffsetEdit[] = [];
  if (text[skipTrivia(text, last.range[1])] !== ',') edits.push({ start: last.range[1], end: last.range[1], newText: ',' });
  const indent = indentOf(lineText(lines, positionAt(lines, last.range[0]).line));
  const block = `${comment ? `${indent}${comment}${eol}` : ''}${indent}${element},${eol}`;
  const closeLineStart = lineStartOf(lines, close);
  if (/^[ \t]*$/.test(text.slice(closeLineStart, close))) edits.push({ start: closeLineStart, end: closeLineStart, newText: block });
  else edits.push({ start: close, end: close, newText: `${eol}${block}` });
  return edits;
}

/** Inserts key/value lines at the end of a `[table]` (after its last key/value, before blank lines and the next header). */
export function appendToTable(lines: Lines, table: AST.TOMLTable, body: string): OffsetEdit {
  const eol = lines.eol;
  const lastNode = table.body[table.body.length - 1] ?? table.key;
  const end = table.body.length > 0 ? lastNode.range[1] : table.range[1];
  const after = nextLineStart(lines, end);
  if (after === lines.text.length && !lines.text.endsWith('\n')) return { start: after, end: after, newText: `${eol}${body}` };
  return { start: after, end: after, newText: `${body}${eol}` };
}

/** Appends a new `[header]` table with its body at the end of the document, after one blank line. */
export function appendTable(lines: Lines, header: string, body: string): OffsetEdit {
  const eol = lines.eol;
  const text = lines.text;
  const separator = text === '' ? '' : text.endsWith(`${eol}${eol}`) || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { start: text.length, end: text.length, newText: `${separator}[${header}]${eol}${body}${eol}` };
}

/** Removes a whole `[table]` section: its header through its last key/value line. */
export function removeTable(lines: Lines, table: AST.TOMLTable): OffsetEdit {
  const start = lineStartOf(lines, table.range[0]);
  let end = nextLineStart(lines, table.range[1]);
  // A blank line separated this table from its neighbours; one separator is enough.
  const blankBefore = start === 0 || /^[ \t]*\r?\n$/.test(lines.text.slice(lineStartOf(lines, start - 1), start));
  const blankAfter = /^[ \t]*(\r?\n|$)/.exec(lines.text.slice(end));
  if (blankBefore && blankAfter && end < lines.text.length) end += blankAfter[0].length;
  return { start, end, newText: '' };
}

/** Removes a key/value that sits on lines of its own in a `[table]`, with its trailing comment. */
export function removeKeyValueLines(lines: Lines, keyValue: AST.TOMLKeyValue): OffsetEdit {
  return { start: lineStartOf(lines, keyValue.range[0]), end: nextLineStart(lines, keyValue.range[1]), newText: '' };
}
