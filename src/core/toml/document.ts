/**
 * Parsing TOML into a document that can be walked with positions. A syntax error is not an
 * exception for callers: it comes back as a place and a message, which readers turn into a
 * problem at that line.
 */
import { ParseError, parseTOML } from 'toml-eslint-parser';
import type { SourceRange } from '../model/range';
import { lineIndexOf, type LineIndex } from './line-index';
import { parseTomlTree } from './parser';
import { isVerbatim, valueOffsets, type ValueOffsets } from './strings';
import { buildTree, type TomlEntry, type TomlString, type TomlTable } from './tree';

export interface TomlDocument {
  readonly text: string;
  readonly root: TomlTable;
  readonly lines: LineIndex;
}

export interface TomlSyntaxError {
  readonly message: string;
  /** 1-based, for people and problems. */
  readonly line: number;
  readonly range: SourceRange;
}

export type TomlParseResult = { readonly ok: true; readonly document: TomlDocument } | { readonly ok: false; readonly error: TomlSyntaxError };

/**
 * Parses TOML (1.0, and what 1.1 adds, as toml-eslint-parser reads it). Never throws on any input
 * text. The fast reader of ./parser.ts goes first; a text it rejects is handed to
 * toml-eslint-parser, whose tree or whose error message and place is then the answer.
 */
export function parseToml(text: string): TomlParseResult {
  const lines = lineIndexOf(text);
  try {
    return { ok: true, document: { text, root: parseTomlTree(text), lines } };
  } catch {
    // Fall through to the reference parser, which explains what is wrong.
  }
  try {
    const program = parseTOML(text);
    return { ok: true, document: { text, root: buildTree(program), lines } };
  } catch (e) {
    return { ok: false, error: syntaxError(e, lines) };
  }
}

/** The same, through toml-eslint-parser alone: the reference the fast reader is tested against. */
export function parseTomlWithReference(text: string): TomlParseResult {
  const lines = lineIndexOf(text);
  try {
    return { ok: true, document: { text, root: buildTree(parseTOML(text)), lines } };
  } catch (e) {
    return { ok: false, error: syntaxError(e, lines) };
  }
}

function syntaxError(e: unknown, lines: LineIndex): TomlSyntaxError {
  const offset = e instanceof ParseError ? e.index : 0;
  const message = e instanceof Error ? e.message : String(e);
  const start = lines.positionAt(offset);
  const end = lines.positionAt(Math.min(offset + 1, lines.lineEndAt(offset)));
  return { message: `Invalid TOML: ${message}`, line: start.line + 1, range: { start, end } };
}

/** 1-based line of an offset. */
export function lineAt(doc: TomlDocument, offset: number): number {
  return doc.lines.positionAt(offset).line + 1;
}

/** The whole literal, quotes included. */
export function literalRange(doc: TomlDocument, node: { readonly start: number; readonly end: number }): SourceRange {
  return doc.lines.rangeAt(node.start, node.end);
}

/**
 * The source range of `value.slice(from, to)` of a string: inside the quotes, escapes accounted
 * for. When the value cannot be mapped back to its text, the whole literal.
 */
export function stringRange(doc: TomlDocument, node: TomlString, from = 0, to = node.value.length): SourceRange {
  if (isVerbatim(node)) return doc.lines.rangeAt(node.start + 1 + from, node.start + 1 + to);
  const offsets = valueOffsets(doc.text, node);
  if (!offsets) return literalRange(doc, node);
  const start = startOf(offsets, node, from);
  // The end is where the last unit's text ends, so a range never swallows what follows it.
  return doc.lines.rangeAt(start, to > from ? (offsets.ends[Math.min(to, offsets.ends.length) - 1] ?? start) : start);
}

function startOf(offsets: ValueOffsets, node: TomlString, index: number): number {
  return index < offsets.starts.length ? offsets.starts[Math.max(0, index)]! : node.end - (node.multiline ? 3 : 1);
}

/** Maps value indexes of a string to document offsets; undefined when that is impossible. */
export function sourceOffsets(doc: TomlDocument, node: TomlString): ((index: number) => number) | undefined {
  if (isVerbatim(node)) return (index) => node.start + 1 + index;
  const offsets = valueOffsets(doc.text, node);
  if (!offsets) return undefined;
  return (index) => startOf(offsets, node, index);
}

/** A key's name without its quotes (a quoted key with escapes: the whole key). */
export function keyRange(doc: TomlDocument, entry: TomlEntry): SourceRange {
  const verbatim = !entry.keyQuoted || entry.keyEnd - entry.keyStart - 2 === entry.key.length;
  if (!entry.keyQuoted || !verbatim) return doc.lines.rangeAt(entry.keyStart, entry.keyEnd);
  return doc.lines.rangeAt(entry.keyStart + 1, entry.keyEnd - 1);
}
