/** Small, typed ways into a TOML tree: "the table at tool.poetry", "the strings of this array". */
import type { TomlArray, TomlEntry, TomlString, TomlTable, TomlValue } from './tree';

export function entryAt(table: TomlTable | undefined, ...path: string[]): TomlEntry | undefined {
  let current: TomlValue | undefined = table;
  let entry: TomlEntry | undefined;
  for (const key of path) {
    if (current?.kind !== 'table') return undefined;
    entry = current.entries.get(key);
    current = entry?.value;
  }
  return entry;
}

export function valueAt(table: TomlTable | undefined, ...path: string[]): TomlValue | undefined {
  return path.length === 0 ? table : entryAt(table, ...path)?.value;
}

export function tableAt(table: TomlTable | undefined, ...path: string[]): TomlTable | undefined {
  return asTable(valueAt(table, ...path));
}

export function arrayAt(table: TomlTable | undefined, ...path: string[]): TomlArray | undefined {
  return asArray(valueAt(table, ...path));
}

export function stringAt(table: TomlTable | undefined, ...path: string[]): TomlString | undefined {
  return asString(valueAt(table, ...path));
}

/** The value of a string at the path, or undefined when it is absent or not a string. */
export function textAt(table: TomlTable | undefined, ...path: string[]): string | undefined {
  return stringAt(table, ...path)?.value;
}

export function asTable(value: TomlValue | undefined): TomlTable | undefined {
  return value?.kind === 'table' ? value : undefined;
}

export function asArray(value: TomlValue | undefined): TomlArray | undefined {
  return value?.kind === 'array' ? value : undefined;
}

export function asString(value: TomlValue | undefined): TomlString | undefined {
  return value?.kind === 'string' ? value : undefined;
}

export function booleanAt(table: TomlTable | undefined, ...path: string[]): boolean | undefined {
  const value = valueAt(table, ...path);
  return value?.kind === 'boolean' ? (value.value as boolean) : undefined;
}

/** The tables of an array (an array of tables or an array of inline tables); other items are skipped. */
export function tablesOf(array: TomlArray | undefined): TomlTable[] {
  const out: TomlTable[] = [];
  for (const item of array?.items ?? []) if (item.kind === 'table') out.push(item);
  return out;
}

/** The strings of an array; other items are skipped. */
export function stringsOf(array: TomlArray | undefined): TomlString[] {
  const out: TomlString[] = [];
  for (const item of array?.items ?? []) if (item.kind === 'string') out.push(item);
  return out;
}

/** The string values of an array, e.g. `groups = ["main", "dev"]`. */
export function textsOf(array: TomlArray | undefined): string[] {
  return stringsOf(array).map((s) => s.value);
}
