/**
 * The raw TOML syntax tree (toml-eslint-parser), for edits: unlike the folded tree readers use,
 * it keeps every key/value, table header and array with its exact span, which is what a minimal
 * text edit needs. Offsets are UTF-16 indexes into the text.
 */
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { TomlString } from '../toml/tree';
import { isVerbatim, valueOffsets } from '../toml/strings';

export interface TomlAst {
  readonly text: string;
  readonly body: readonly (AST.TOMLKeyValue | AST.TOMLTable)[];
}

export function parseTomlAst(text: string): TomlAst | { readonly error: string } {
  try {
    return { text, body: parseTOML(text).body[0].body };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function isAst(value: TomlAst | { readonly error: string }): value is TomlAst {
  return 'body' in value;
}

export function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

/** Where a dependency's name was found: in a string of an array, at a key, or in a table header. */
export type Located =
  | { readonly kind: 'string'; readonly path: readonly string[]; readonly node: AST.TOMLStringValue; readonly array: AST.TOMLArray }
  | { readonly kind: 'entry'; readonly path: readonly string[]; readonly keyValue: AST.TOMLKeyValue; readonly key: AST.TOMLBare | AST.TOMLQuoted }
  | { readonly kind: 'header'; readonly path: readonly string[]; readonly table: AST.TOMLTable; readonly key: AST.TOMLBare | AST.TOMLQuoted };

/** The node whose text holds `offset` (the start of a record's name range). */
export function locate(ast: TomlAst, offset: number): Located | undefined {
  for (const item of ast.body) {
    if (item.type === 'TOMLKeyValue') {
      const found = inKeyValue(item, [], offset);
      if (found) return found;
      continue;
    }
    const path = item.resolvedKey.map(String);
    const last = item.key.keys[item.key.keys.length - 1]!;
    if (item.kind === 'standard' && within(last, offset)) return { kind: 'header', path, table: item, key: last };
    for (const keyValue of item.body) {
      const found = inKeyValue(keyValue, path, offset);
      if (found) return found;
    }
  }
  return undefined;
}

function within(node: { readonly range: readonly [number, number] }, offset: number): boolean {
  return node.range[0] <= offset && offset < node.range[1];
}

function inKeyValue(keyValue: AST.TOMLKeyValue, parent: readonly string[], offset: number): Located | undefined {
  if (!within(keyValue, offset)) return undefined;
  const path = [...parent, ...keyNames(keyValue.key)];
  const last = keyValue.key.keys[keyValue.key.keys.length - 1]!;
  if (within(last, offset)) return { kind: 'entry', path, keyValue, key: last };
  return inValue(keyValue.value, path, offset);
}

function inValue(value: AST.TOMLContentNode, path: readonly string[], offset: number): Located | undefined {
  if (value.type === 'TOMLInlineTable') {
    for (const keyValue of value.body) {
      const found = inKeyValue(keyValue, path, offset);
      if (found) return found;
    }
    return undefined;
  }
  if (value.type !== 'TOMLArray') return undefined;
  for (const element of value.elements) {
    if (!within(element, offset)) continue;
    if (element.type === 'TOMLValue' && element.kind === 'string') return { kind: 'string', path, node: element, array: value };
    return inValue(element, path, offset);
  }
  return undefined;
}

/** Every key/value whose full dotted path (table path + key) equals `path`. */
export function findKeyValue(ast: TomlAst, path: readonly string[]): AST.TOMLKeyValue | undefined {
  const wanted = path.join('\u0000');
  for (const item of ast.body) {
    const parent = item.type === 'TOMLTable' ? item.resolvedKey.map(String) : [];
    const keyValues = item.type === 'TOMLTable' ? item.body : [item];
    for (const keyValue of keyValues) {
      const found = findIn(keyValue, parent, wanted);
      if (found) return found;
    }
  }
  return undefined;
}

function findIn(keyValue: AST.TOMLKeyValue, parent: readonly string[], wanted: string): AST.TOMLKeyValue | undefined {
  const path = [...parent, ...keyNames(keyValue.key)];
  if (path.join('\u0000') === wanted) return keyValue;
  if (!wanted.startsWith(path.join('\u0000') + '\u0000') || keyValue.value.type !== 'TOMLInlineTable') return undefined;
  for (const inner of keyValue.value.body) {
    const found = findIn(inner, path, wanted);
    if (found) return found;
  }
  return undefined;
}

/** The `[header]` table with exactly this path. */
export function findTable(ast: TomlAst, path: readonly string[]): AST.TOMLTable | undefined {
  const wanted = path.join('\u0000');
  for (const item of ast.body) {
    if (item.type === 'TOMLTable' && item.kind === 'standard' && item.resolvedKey.map(String).join('\u0000') === wanted) return item;
  }
  return undefined;
}

/** Whether any key/value or header defines something at or below `path`. */
export function definesPath(ast: TomlAst, path: readonly string[]): boolean {
  const prefix = path.join('\u0000');
  const under = (p: string) => p === prefix || p.startsWith(prefix + '\u0000');
  for (const item of ast.body) {
    const parent = item.type === 'TOMLTable' ? item.resolvedKey.map(String) : [];
    if (item.type === 'TOMLTable' && under(parent.join('\u0000'))) return true;
    const keyValues = item.type === 'TOMLTable' ? item.body : [item];
    for (const keyValue of keyValues) if (under([...parent, ...keyNames(keyValue.key)].join('\u0000'))) return true;
  }
  return false;
}

/** Where the text of a span of a string's value starts and ends in the document. */
export interface StringOffsets {
  /** Offset where the value's unit `index` was written (the closing quote for index = length). */
  start(index: number): number;
  /** Offset just after the text of the value's unit `index - 1` (so [start(a), end(b)) holds units a..b-1). */
  end(index: number): number;
}

/**
 * Maps indexes into a string's value to document offsets (escapes undone by the TOML layer);
 * undefined when the value cannot be mapped back to its text.
 */
export function stringOffsets(text: string, node: AST.TOMLStringValue): StringOffsets | undefined {
  const string: TomlString = { kind: 'string', value: node.value, start: node.range[0], end: node.range[1], style: node.style, multiline: node.multiline };
  if (isVerbatim(string)) return { start: (index) => string.start + 1 + index, end: (index) => string.start + 1 + index };
  const offsets = valueOffsets(text, string);
  if (!offsets) return undefined;
  const close = string.end - (string.multiline ? 3 : 1);
  const start = (index: number) => (index < offsets.starts.length ? offsets.starts[Math.max(0, index)]! : close);
  return { start, end: (index) => (index > 0 ? (offsets.ends[Math.min(index, offsets.ends.length) - 1] ?? close) : start(0)) };
}

/** Text that can go inside a string literal of this style without changing its meaning. */
export function escapeFor(node: { readonly style: 'basic' | 'literal' }, value: string): string | undefined {
  if (node.style === 'literal') return value.includes("'") || /[\n\r]/.test(value) ? undefined : value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** A TOML basic string holding `value`. */
export function basicString(value: string): string {
  return `"${escapeFor({ style: 'basic' }, value)!}"`;
}

/** A key as TOML needs it: bare when it may be, quoted otherwise (a '.' would make a dotted key). */
export function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : basicString(name);
}
