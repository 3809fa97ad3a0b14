/**
 * A TOML reader that builds the position-keeping tree of ./tree.ts directly from the text, in one
 * pass and without a token list. toml-eslint-parser, which this project uses for TOML, builds a
 * full ESLint AST with a location object per token; for the 3.3 MB Airflow uv.lock that alone
 * costs about half a second. This reader is the fast path: when it rejects a text, the caller asks
 * toml-eslint-parser, whose answer (its tree or its error) is then used. Tests check that both
 * produce the same tree, offsets included, on every corpus file and on mutated ones.
 *
 * Table rules (TOML 1.0 §Table, §Array of Tables, §Keys): a table is defined once, by a header or
 * by dotted keys, never both; dotted keys may pass through tables a header only implied; inline
 * tables and static arrays are closed.
 */
import { scanBasic, scanLiteral, scanMultiline, scanScalar, TomlScanError } from './scan';
import type { TomlArray, TomlEntry, TomlString, TomlTable, TomlValue } from './tree';

type TableKind = 'implicit' | 'header' | 'dotted' | 'inline';

interface KeyPart {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

interface MutableTable extends TomlTable {
  readonly entries: Map<string, TomlEntry>;
  end: number;
}

/** Parses TOML into tables; throws TomlScanError at the first offset it cannot read. */
export function parseTomlTree(text: string): TomlTable {
  return new Reader(text).document();
}

class Reader {
  private pos = 0;
  private readonly kinds = new Map<TomlTable, TableKind>();
  private readonly tablesArrays = new Set<TomlArray>();

  constructor(private readonly text: string) {}

  document(): TomlTable {
    const root = this.table(0, 0, 'header');
    let current = root;
    for (;;) {
      this.blank();
      if (this.pos >= this.text.length) return root;
      if (this.text[this.pos] === '[') current = this.header(root);
      else this.keyValue(current);
      this.lineEnd();
    }
  }

  private fail(at = this.pos): never {
    throw new TomlScanError(at);
  }

  private table(start: number, end: number, kind: TableKind): MutableTable {
    const table: MutableTable = { kind: 'table', entries: new Map(), start, end };
    this.kinds.set(table, kind);
    return table;
  }

  /** Spaces and tabs. */
  private ws(): void {
    const text = this.text;
    while (text[this.pos] === ' ' || text[this.pos] === '\t') this.pos++;
  }

  private comment(): void {
    if (this.text[this.pos] !== '#') return;
    for (this.pos++; this.pos < this.text.length; this.pos++) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x0a || (code === 0x0d && this.text.charCodeAt(this.pos + 1) === 0x0a)) return;
      if ((code < 0x20 && code !== 0x09) || code === 0x7f) this.fail();
    }
  }

  /** Blanks, comments and line breaks, between statements and inside arrays and inline tables. */
  private blank(): void {
    for (;;) {
      this.ws();
      this.comment();
      const c = this.text[this.pos];
      if (c === '\n') this.pos++;
      else if (c === '\r' && this.text[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  /** After a statement: blanks, a comment, then a line break or the end. */
  private lineEnd(): void {
    this.ws();
    this.comment();
    const c = this.text[this.pos];
    if (c === undefined) return;
    if (c === '\n') this.pos++;
    else if (c === '\r' && this.text[this.pos + 1] === '\n') this.pos += 2;
    else this.fail();
  }

  private key(): KeyPart[] {
    const parts: KeyPart[] = [];
    for (;;) {
      this.ws();
      parts.push(this.keyPart());
      this.ws();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private keyPart(): KeyPart {
    const start = this.pos;
    const c = this.text[start];
    if (c === '"' || c === "'") {
      if (this.text.startsWith(c.repeat(3), start)) this.fail();
      const scanned = c === '"' ? scanBasic(this.text, start) : scanLiteral(this.text, start);
      this.pos = scanned.end;
      return { name: scanned.value, start, end: scanned.end, quoted: true };
    }
    let end = start;
    while (end < this.text.length && isBareKeyChar(this.text.charCodeAt(end))) end++;
    if (end === start) this.fail();
    this.pos = end;
    return { name: this.text.slice(start, end), start, end, quoted: false };
  }

  /** `[a.b]` or `[[a.b]]`; returns the table its key-values go into. */
  private header(root: MutableTable): MutableTable {
    const start = this.pos;
    const isArray = this.text[start + 1] === '[';
    this.pos += isArray ? 2 : 1;
    const parts = this.key();
    const keyEnd = parts[parts.length - 1]!.end;
    if (!this.text.startsWith(isArray ? ']]' : ']', this.pos)) this.fail();
    this.pos += isArray ? 2 : 1;
    let table = root;
    for (const part of parts.slice(0, -1)) table = this.intermediate(table, part, start, keyEnd);
    const last = parts[parts.length - 1]!;
    const existing = table.entries.get(last.name);
    if (isArray) return this.arrayItem(table, last, existing, start, keyEnd);
    if (!existing) {
      const created = this.table(start, keyEnd, 'header');
      table.entries.set(last.name, entryOf(last, created));
      return created;
    }
    if (existing.value.kind !== 'table' || this.kinds.get(existing.value) !== 'implicit') this.fail(last.start);
    this.kinds.set(existing.value, 'header');
    return existing.value as MutableTable;
  }

  /** A table a header passes through: made implicit when missing, the last element of an array of tables. */
  private intermediate(table: MutableTable, part: KeyPart, start: number, keyEnd: number): MutableTable {
    const existing = table.entries.get(part.name);
    if (!existing) {
      const created = this.table(start, keyEnd, 'implicit');
      table.entries.set(part.name, entryOf(part, created));
      return created;
    }
    const value = existing.value;
    if (value.kind === 'table' && this.kinds.get(value) !== 'inline') return value as MutableTable;
    if (value.kind === 'array' && this.tablesArrays.has(value)) return value.items[value.items.length - 1] as MutableTable;
    return this.fail(part.start);
  }

  private arrayItem(table: MutableTable, last: KeyPart, existing: TomlEntry | undefined, start: number, keyEnd: number): MutableTable {
    const item = this.table(start, keyEnd, 'header');
    if (!existing) {
      const array: TomlArray = { kind: 'array', items: [item], start, end: start };
      this.tablesArrays.add(array);
      table.entries.set(last.name, entryOf(last, array));
      return item;
    }
    if (existing.value.kind !== 'array' || !this.tablesArrays.has(existing.value)) this.fail(last.start);
    (existing.value.items as TomlValue[]).push(item);
    return item;
  }

  /**
   * `a.b.c = value` into `table`. The dotted key makes the tables it names, or passes through
   * tables it made before and tables a header only implied (which a header may then no longer
   * define, as toml-eslint-parser rules).
   */
  private keyValue(table: MutableTable): void {
    const parts = this.key();
    if (this.text[this.pos] !== '=') this.fail();
    this.pos++;
    this.ws();
    const value = this.value();
    let target = table;
    for (const part of parts.slice(0, -1)) {
      const existing = target.entries.get(part.name);
      if (!existing) {
        const created = this.table(part.start, part.end, 'dotted');
        target.entries.set(part.name, entryOf(part, created));
        target = created;
        continue;
      }
      const kind = existing.value.kind === 'table' ? this.kinds.get(existing.value) : undefined;
      if (kind !== 'dotted' && kind !== 'implicit') this.fail(part.start);
      this.kinds.set(existing.value as TomlTable, 'dotted');
      target = existing.value as MutableTable;
    }
    const last = parts[parts.length - 1]!;
    if (target.entries.has(last.name)) this.fail(last.start);
    target.entries.set(last.name, entryOf(last, value));
  }

  private value(): TomlValue {
    const start = this.pos;
    const c = this.text[start];
    if (c === '"' || c === "'") return this.string(c);
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const scanned = scanScalar(this.text, start);
    this.pos = scanned.end;
    return { kind: scanned.value.kind, value: scanned.value.value, start, end: scanned.end };
  }

  private string(quote: '"' | "'"): TomlString {
    const start = this.pos;
    const multiline = this.text.startsWith(quote.repeat(3), start);
    const scanned = multiline ? scanMultiline(this.text, start, quote) : quote === '"' ? scanBasic(this.text, start) : scanLiteral(this.text, start);
    this.pos = scanned.end;
    return { kind: 'string', value: scanned.value, start, end: scanned.end, style: quote === '"' ? 'basic' : 'literal', multiline };
  }

  private array(): TomlArray {
    const start = this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.blank();
      if (this.text[this.pos] === ']') break;
      items.push(this.value());
      this.blank();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail();
    }
    this.pos++;
    return { kind: 'array', items, start, end: this.pos };
  }

  /** TOML 1.1 (which toml-eslint-parser reads) lets inline tables span lines and end with a comma. */
  private inlineTable(): TomlTable {
    const table = this.table(this.pos++, 0, 'dotted');
    for (;;) {
      this.blank();
      if (this.text[this.pos] === '}') break;
      this.keyValue(table);
      this.blank();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail();
    }
    this.pos++;
    table.end = this.pos;
    this.seal(table);
    return table;
  }

  /** An inline table is complete once written: it and the tables its dotted keys made are closed. */
  private seal(table: TomlTable): void {
    this.kinds.set(table, 'inline');
    for (const entry of table.entries.values()) {
      if (entry.value.kind === 'table' && this.kinds.get(entry.value) === 'dotted') this.seal(entry.value);
    }
  }
}

function entryOf(part: KeyPart, value: TomlValue): TomlEntry {
  return { key: part.name, keyStart: part.start, keyEnd: part.end, keyQuoted: part.quoted, value };
}

/** A-Z a-z 0-9 - _ (TOML 1.0 bare keys). */
function isBareKeyChar(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f;
}
