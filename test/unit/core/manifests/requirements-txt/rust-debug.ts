/**
 * A reader for the Rust `{:#?}` (pretty Debug) text that insta stores in uv's `.snap` files:
 * structs, tuple structs, lists, strings, numbers and bare identifiers. A `marker:` field holds
 * uv's marker printed with Display (plain text to the end of the line), kept as a string.
 */

export type RustValue =
  | string
  | number
  | RustValue[]
  | { readonly kind: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, RustValue>> }
  | { readonly kind: 'tuple'; readonly name: string; readonly items: readonly RustValue[] }
  | { readonly kind: 'ident'; readonly name: string };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skip(): void {
    while (this.pos < this.text.length && /[\s,]/.test(this.text[this.pos]!)) this.pos++;
  }

  peek(): string {
    this.skip();
    return this.text[this.pos] ?? '';
  }

  expect(c: string): void {
    if (this.peek() !== c) throw new Error(`expected '${c}' at ${this.pos}: ${this.text.slice(this.pos, this.pos + 40)}`);
    this.pos++;
  }

  string(): string {
    this.expect('"');
    let out = '';
    while (this.text[this.pos] !== '"') {
      const c = this.text[this.pos++]!;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++]!;
      if (e === 'u') {
        const m = /^\{([0-9a-fA-F]+)\}/.exec(this.text.slice(this.pos))!;
        out += String.fromCodePoint(parseInt(m[1]!, 16));
        this.pos += m[0].length;
      } else {
        out += { n: '\n', r: '\r', t: '\t', '0': '\0' }[e] ?? e;
      }
    }
    this.pos++;
    return out;
  }

  ident(): string {
    this.skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`expected an identifier at ${this.pos}: ${this.text.slice(this.pos, this.pos + 40)}`);
    this.pos += m[0].length;
    return m[0];
  }

  list(close: string): RustValue[] {
    const items: RustValue[] = [];
    while (this.peek() !== close) items.push(this.value());
    this.pos++;
    return items;
  }

  fields(): Record<string, RustValue> {
    const fields: Record<string, RustValue> = {};
    while (this.peek() !== '}') {
      const name = this.ident();
      this.expect(':');
      fields[name] = name === 'marker' ? this.rawLine() : this.value();
    }
    this.pos++;
    return fields;
  }

  /** The rest of the line without its trailing comma (a Display value). */
  rawLine(): string {
    this.skip();
    const end = this.text.indexOf('\n', this.pos);
    const line = this.text.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.text.length : end;
    return line.replace(/,\s*$/, '');
  }

  value(): RustValue {
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === '[') {
      this.pos++;
      return this.list(']');
    }
    if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9]+/.exec(this.text.slice(this.pos))!;
      this.pos += m[0].length;
      return Number(m[0]);
    }
    const name = this.ident();
    const next = this.peek();
    if (next === '{') {
      this.pos++;
      return { kind: 'struct', name, fields: this.fields() };
    }
    if (next === '(') {
      this.pos++;
      return { kind: 'tuple', name, items: this.list(')') };
    }
    return { kind: 'ident', name };
  }
}

/** Parses the body of an insta snapshot (after its `---` header). */
export function parseSnapshot(text: string): RustValue {
  const body = text.split(/^---$/m).slice(2).join('---');
  return new Reader(body).value();
}

export function field(value: RustValue | undefined, name: string): RustValue | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && value.kind === 'struct' ? value.fields[name] : undefined;
}

/** The first item of a tuple struct (`Some(x)`, `PackageName("x")`), or undefined. */
export function inner(value: RustValue | undefined): RustValue | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && value.kind === 'tuple' ? value.items[0] : undefined;
}

export function nameOf(value: RustValue | undefined): string | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) && value.kind !== undefined ? value.name : undefined;
}
