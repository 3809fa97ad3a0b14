/**
 * JSON (RFC 8259) with the offsets of every key and value, for lock files written as JSON
 * (Pipfile.lock). `JSON.parse` forgets where things were; this reader keeps them, decodes string
 * literals with `JSON.parse` itself so escapes mean exactly what they mean there, and reports
 * the first syntax error as a place instead of throwing.
 */

export type JsonValue = JsonObject | JsonArray | JsonString | JsonScalar;

export interface JsonObject {
  readonly kind: 'object';
  readonly entries: Map<string, JsonEntry>;
  readonly start: number;
  readonly end: number;
}

export interface JsonEntry {
  readonly key: string;
  /** The key literal, quotes included. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonValue;
}

export interface JsonArray {
  readonly kind: 'array';
  readonly items: readonly JsonValue[];
  readonly start: number;
  readonly end: number;
}

export interface JsonString {
  readonly kind: 'string';
  readonly value: string;
  /** The literal, quotes included. */
  readonly start: number;
  readonly end: number;
}

export interface JsonScalar {
  readonly kind: 'number' | 'boolean' | 'null';
  readonly value: number | boolean | null;
  readonly start: number;
  readonly end: number;
}

export type JsonParseResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: { readonly message: string; readonly offset: number } };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
// RFC 8259 §7: control characters must be escaped inside strings.
// eslint-disable-next-line no-control-regex
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Parses one JSON document. Never throws on any input text. */
export function parseJson(text: string): JsonParseResult {
  const reader: Reader = { text, pos: 0, depth: 0 };
  try {
    skipWhitespace(reader);
    const value = readValue(reader);
    skipWhitespace(reader);
    if (reader.pos < text.length) throw new JsonSyntaxError('Unexpected text after the JSON value', reader.pos);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: { message: e.message, offset: e.offset } };
    // An engine limit (a pathological string for the regex engine) is still bad input, not a crash.
    return { ok: false, error: { message: `Unreadable JSON: ${e instanceof Error ? e.message : String(e)}`, offset: reader.pos } };
  }
}

interface Reader {
  readonly text: string;
  pos: number;
  depth: number;
}

/** Deeper nesting than any lock file needs; it keeps recursion far from the stack's end. */
const MAX_DEPTH = 500;

function skipWhitespace(r: Reader): void {
  WHITESPACE.lastIndex = r.pos;
  WHITESPACE.exec(r.text);
  r.pos = WHITESPACE.lastIndex;
}

function readValue(r: Reader): JsonValue {
  const c = r.text[r.pos];
  if (c === '{' || c === '[') {
    if (++r.depth > MAX_DEPTH) throw new JsonSyntaxError('JSON nested too deeply', r.pos);
    const value = c === '{' ? readObject(r) : readArray(r);
    r.depth--;
    return value;
  }
  if (c === '"') return readString(r);
  for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
    if (r.text.startsWith(word, r.pos)) {
      const start = r.pos;
      r.pos += word.length;
      return { kind: value == null ? 'null' : 'boolean', value, start, end: r.pos };
    }
  }
  NUMBER.lastIndex = r.pos;
  const number = NUMBER.exec(r.text);
  if (number) {
    const start = r.pos;
    r.pos = NUMBER.lastIndex;
    return { kind: 'number', value: Number(number[0]), start, end: r.pos };
  }
  throw new JsonSyntaxError(c === undefined ? 'Unexpected end of JSON' : `Unexpected character '${c}'`, r.pos);
}

function readString(r: Reader): JsonString {
  const start = r.pos;
  STRING_BODY.lastIndex = start + 1;
  if (!STRING_BODY.exec(r.text)) throw new JsonSyntaxError('Unterminated or invalid string', start);
  r.pos = STRING_BODY.lastIndex;
  return { kind: 'string', value: JSON.parse(r.text.slice(start, r.pos)) as string, start, end: r.pos };
}

function readArray(r: Reader): JsonArray {
  const start = r.pos++;
  const items: JsonValue[] = [];
  skipWhitespace(r);
  if (r.text[r.pos] === ']') return { kind: 'array', items, start, end: ++r.pos };
  for (;;) {
    skipWhitespace(r);
    items.push(readValue(r));
    skipWhitespace(r);
    const c = r.text[r.pos++];
    if (c === ']') return { kind: 'array', items, start, end: r.pos };
    if (c !== ',') throw new JsonSyntaxError("Expected ',' or ']' in array", r.pos - 1);
  }
}

function readObject(r: Reader): JsonObject {
  const start = r.pos++;
  const entries = new Map<string, JsonEntry>();
  skipWhitespace(r);
  if (r.text[r.pos] === '}') return { kind: 'object', entries, start, end: ++r.pos };
  for (;;) {
    skipWhitespace(r);
    if (r.text[r.pos] !== '"') throw new JsonSyntaxError('Expected a string key', r.pos);
    const key = readString(r);
    skipWhitespace(r);
    if (r.text[r.pos++] !== ':') throw new JsonSyntaxError("Expected ':' after the key", r.pos - 1);
    skipWhitespace(r);
    const value = readValue(r);
    // Like JSON.parse, a repeated key keeps its last value.
    entries.set(key.value, { key: key.value, keyStart: key.start, keyEnd: key.end, value });
    skipWhitespace(r);
    const c = r.text[r.pos++];
    if (c === '}') return { kind: 'object', entries, start, end: r.pos };
    if (c !== ',') throw new JsonSyntaxError("Expected ',' or '}' in object", r.pos - 1);
  }
}

/** The member of an object at a path of keys. */
export function jsonAt(value: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind !== 'object') return undefined;
    current = current.entries.get(key)?.value;
  }
  return current;
}
