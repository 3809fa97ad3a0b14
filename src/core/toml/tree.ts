/**
 * A TOML document as nested tables that remember where every key and value was written.
 * `toml-eslint-parser` gives an AST in the order of the text; readers want to ask for
 * `tool.poetry.dependencies` however it was spelled (a `[header]`, dotted keys, an inline table),
 * so the AST is folded into tables once. Offsets are UTF-16 indexes into the document.
 */
import type { AST } from 'toml-eslint-parser';

export type TomlValue = TomlTable | TomlArray | TomlString | TomlScalar;

export interface TomlTable {
  readonly kind: 'table';
  readonly entries: Map<string, TomlEntry>;
  /** Where the table was opened: its `[header]`, its `{`, or the dotted key that made it. */
  readonly start: number;
  /** Where its text ends: after the `}` of an inline table, else the end of the key that opened it. */
  readonly end: number;
}

export interface TomlEntry {
  readonly key: string;
  /** The key as written (for a dotted key, its last part), quotes included. */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Whether the key was quoted, so that its text starts one character after keyStart. */
  readonly keyQuoted: boolean;
  readonly value: TomlValue;
}

export interface TomlArray {
  readonly kind: 'array';
  readonly items: readonly TomlValue[];
  readonly start: number;
  readonly end: number;
}

export interface TomlString {
  readonly kind: 'string';
  readonly value: string;
  /** The literal with its quotes. */
  readonly start: number;
  readonly end: number;
  readonly style: 'basic' | 'literal';
  readonly multiline: boolean;
}

export interface TomlScalar {
  readonly kind: 'integer' | 'float' | 'boolean' | 'datetime';
  readonly value: number | boolean | string;
  readonly start: number;
  readonly end: number;
}

interface MutableTable extends TomlTable {
  readonly entries: Map<string, TomlEntry>;
}

function newTable(start: number, end: number): MutableTable {
  return { kind: 'table', entries: new Map(), start, end };
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/** Folds the parser's AST into tables. The parser has already rejected redefinitions. */
export function buildTree(program: AST.TOMLProgram): TomlTable {
  const root = newTable(0, 0);
  const top = program.body[0];
  for (const item of top.body) {
    if (item.type === 'TOMLKeyValue') {
      addKeyValue(root, item);
      continue;
    }
    const table = openTable(root, item);
    if (!table) continue;
    for (const keyValue of item.body) addKeyValue(table, keyValue);
  }
  return root;
}

/**
 * Finds or makes the table a `[header]` or `[[header]]` names. The parser's resolvedKey spells
 * array-of-tables positions as numbers: `[package.metadata]` under the fourth `[[package]]` is
 * ['package', 3, 'metadata'].
 */
function openTable(root: MutableTable, header: AST.TOMLTable): MutableTable | undefined {
  const path = header.resolvedKey;
  const keys = header.key.keys;
  let current: MutableTable = root;
  let keyIndex = 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (typeof part !== 'string') return undefined;
    const keyNode = keys[Math.min(keyIndex++, keys.length - 1)]!;
    const index = path[i + 1];
    if (typeof index === 'number') {
      const items = arrayEntry(current, part, keyNode, header.range[0]);
      if (!items) return undefined;
      if (index === items.length) items.push(newTable(header.range[0], header.key.range[1]));
      const item = items[index];
      if (!item || item.kind !== 'table') return undefined;
      current = item as MutableTable;
      i++;
      continue;
    }
    const next = tableEntry(current, part, keyNode, header.range[0], header.key.range[1]);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

function entryFor(key: AST.TOMLBare | AST.TOMLQuoted, value: TomlValue): TomlEntry {
  return { key: keyName(key), keyStart: key.range[0], keyEnd: key.range[1], keyQuoted: key.type === 'TOMLQuoted', value };
}

function tableEntry(table: MutableTable, name: string, key: AST.TOMLBare | AST.TOMLQuoted, start: number, end: number): MutableTable | undefined {
  let entry = table.entries.get(name);
  if (!entry) {
    entry = entryFor(key, newTable(start, end));
    table.entries.set(name, entry);
  }
  return entry.value.kind === 'table' ? (entry.value as MutableTable) : undefined;
}

function arrayEntry(table: MutableTable, name: string, key: AST.TOMLBare | AST.TOMLQuoted, start: number): TomlValue[] | undefined {
  let entry = table.entries.get(name);
  if (!entry) {
    entry = entryFor(key, { kind: 'array', items: [], start, end: start });
    table.entries.set(name, entry);
  }
  return entry.value.kind === 'array' ? (entry.value.items as TomlValue[]) : undefined;
}

function addKeyValue(table: MutableTable, keyValue: AST.TOMLKeyValue): void {
  const keys = keyValue.key.keys;
  let current: MutableTable | undefined = table;
  for (const key of keys.slice(0, -1)) {
    current = tableEntry(current, keyName(key), key, key.range[0], key.range[1]);
    if (!current) return;
  }
  const last = keys[keys.length - 1]!;
  current.entries.set(keyName(last), entryFor(last, convert(keyValue.value)));
}

function convert(node: AST.TOMLContentNode): TomlValue {
  if (node.type === 'TOMLArray') return { kind: 'array', items: node.elements.map(convert), start: node.range[0], end: node.range[1] };
  if (node.type === 'TOMLInlineTable') {
    const table = newTable(node.range[0], node.range[1]);
    for (const keyValue of node.body) addKeyValue(table, keyValue);
    return table;
  }
  if (node.kind === 'string') return { kind: 'string', value: node.value, start: node.range[0], end: node.range[1], style: node.style, multiline: node.multiline };
  if (node.kind === 'integer' || node.kind === 'float' || node.kind === 'boolean') return { kind: node.kind, value: node.value, start: node.range[0], end: node.range[1] };
  return { kind: 'datetime', value: node.datetime, start: node.range[0], end: node.range[1] };
}
