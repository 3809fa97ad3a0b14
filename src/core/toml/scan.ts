/**
 * Scanning TOML scalars (TOML 1.0 §String, §Integer, §Float, §Boolean, §Offset Date-Time …, plus
 * what TOML 1.1 adds and toml-eslint-parser accepts: `\e` and `\xHH` escapes, times without
 * seconds). Each scanner starts at `pos` and returns the value and the offset after it, or throws
 * TomlScanError at the offending offset.
 */

export class TomlScanError extends Error {
  constructor(readonly offset: number) {
    super(`Invalid TOML at offset ${offset}`);
  }
}

export interface Scanned<T> {
  readonly value: T;
  readonly end: number;
}

/** Control characters TOML forbids outside escapes: U+0000–U+0008, U+000A–U+001F, U+007F. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\u001b' };

/** A `"basic"` string; `pos` is at the opening quote. */
export function scanBasic(text: string, pos: number): Scanned<string> {
  const close = text.indexOf('"', pos + 1);
  if (close !== -1) {
    let plain = true;
    for (let i = pos + 1; i < close; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x5c || isControl(code)) {
        plain = false;
        break;
      }
    }
    if (plain) return { value: text.slice(pos + 1, close), end: close + 1 };
  }
  let out = '';
  let i = pos + 1;
  for (;;) {
    const code = text.charCodeAt(i);
    if (Number.isNaN(code) || isControl(code)) throw new TomlScanError(i);
    if (code === 0x22) return { value: out, end: i + 1 };
    if (code === 0x5c) {
      const escaped = escapeAt(text, i);
      out += escaped.value;
      i = escaped.end;
      continue;
    }
    out += text[i];
    i++;
  }
}

/** One escape sequence at `pos` (the backslash). */
function escapeAt(text: string, pos: number): Scanned<string> {
  const c = text[pos + 1] ?? '';
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { value: simple, end: pos + 2 };
  const digits = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (digits === 0) throw new TomlScanError(pos);
  const hex = text.slice(pos + 2, pos + 2 + digits);
  if (hex.length !== digits || !/^[0-9A-Fa-f]+$/.test(hex)) throw new TomlScanError(pos);
  const codePoint = Number.parseInt(hex, 16);
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) throw new TomlScanError(pos);
  return { value: String.fromCodePoint(codePoint), end: pos + 2 + digits };
}

/** A `'literal'` string; `pos` is at the opening quote. */
export function scanLiteral(text: string, pos: number): Scanned<string> {
  for (let i = pos + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x27) return { value: text.slice(pos + 1, i), end: i + 1 };
    if (isControl(code)) throw new TomlScanError(i);
  }
  throw new TomlScanError(text.length);
}

/**
 * A multi-line string; `pos` is at the first of its three quotes. A newline right after the
 * opening quotes is trimmed; up to two quotes may end the content just before the closing three.
 */
export function scanMultiline(text: string, pos: number, quote: '"' | "'"): Scanned<string> {
  let i = pos + 3;
  if (text.startsWith('\r\n', i)) i += 2;
  else if (text[i] === '\n') i += 1;
  let out = '';
  for (;;) {
    if (i >= text.length) throw new TomlScanError(i);
    const c = text[i]!;
    if (c === quote && text[i + 1] === quote && text[i + 2] === quote) {
      let run = 3;
      while (text[i + run] === quote) run++;
      if (run > 5) throw new TomlScanError(i);
      return { value: out + quote.repeat(run - 3), end: i + run };
    }
    const code = c.charCodeAt(0);
    if (c === '\r') {
      if (text[i + 1] !== '\n') throw new TomlScanError(i);
      out += '\r\n';
      i += 2;
      continue;
    }
    if (c === '\\' && quote === '"') {
      const trimmed = lineEndingBackslash(text, i);
      if (trimmed !== undefined) {
        i = trimmed;
        continue;
      }
      const escaped = escapeAt(text, i);
      out += escaped.value;
      i = escaped.end;
      continue;
    }
    if (code !== 0x0a && isControl(code)) throw new TomlScanError(i);
    out += c;
    i++;
  }
}

/** `\` then optional blanks then a newline: everything up to the next non-blank is dropped. */
function lineEndingBackslash(text: string, pos: number): number | undefined {
  let i = pos + 1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) return undefined;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n'))) i += text[i] === '\r' ? 2 : 1;
  return i;
}

const DATE_TIME = /(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):(\d{2}))?)?/y;
const TIME = /(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?/y;
const HEX = /0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*/y;
const OCT = /0o[0-7](?:_?[0-7])*/y;
const BIN = /0b[01](?:_?[01])*/y;
const DECIMAL = /[+-]?(?:0|[1-9](?:_?[0-9])*)(\.[0-9](?:_?[0-9])*)?([eE][+-]?[0-9](?:_?[0-9])*)?/y;
const SPECIAL = /[+-]?(?:inf|nan)/y;

export type ScalarKind = 'integer' | 'float' | 'boolean' | 'datetime';

/** A number, boolean or date-time at `pos`; it must be followed by a delimiter. */
export function scanScalar(text: string, pos: number): Scanned<{ kind: ScalarKind; value: number | boolean | string }> {
  const scanned = scalarAt(text, pos);
  if (!scanned) throw new TomlScanError(pos);
  const next = text.charCodeAt(scanned.end);
  // Whatever follows a value ends it: blank, comma, bracket, brace, comment, line break, the end.
  if (!(Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x2c || next === 0x5d || next === 0x7d || next === 0x23 || next === 0x0a || next === 0x0d)) throw new TomlScanError(scanned.end);
  return scanned;
}

function scalarAt(text: string, pos: number): Scanned<{ kind: ScalarKind; value: number | boolean | string }> | undefined {
  if (text.startsWith('true', pos)) return { value: { kind: 'boolean', value: true }, end: pos + 4 };
  if (text.startsWith('false', pos)) return { value: { kind: 'boolean', value: false }, end: pos + 5 };
  const date = match(DATE_TIME, text, pos);
  if (date) return validDate(date) ? { value: { kind: 'datetime', value: date[0] }, end: pos + date[0].length } : undefined;
  const time = match(TIME, text, pos);
  if (time) return validTime(time[1], time[2], time[3]) ? { value: { kind: 'datetime', value: time[0] }, end: pos + time[0].length } : undefined;
  for (const [re, radix] of [[HEX, 16], [OCT, 8], [BIN, 2]] as const) {
    const m = match(re, text, pos);
    if (m) return { value: { kind: 'integer', value: Number.parseInt(m[0].slice(2).replace(/_/g, ''), radix) }, end: pos + m[0].length };
  }
  const special = match(SPECIAL, text, pos);
  if (special) return { value: { kind: 'float', value: special[0].endsWith('nan') ? Number.NaN : special[0].startsWith('-') ? -Infinity : Infinity }, end: pos + special[0].length };
  const decimal = match(DECIMAL, text, pos);
  if (!decimal) return undefined;
  const isFloat = decimal[1] !== undefined || decimal[2] !== undefined;
  return { value: { kind: isFloat ? 'float' : 'integer', value: Number(decimal[0].replace(/_/g, '')) }, end: pos + decimal[0].length };
}

function match(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function validDate(m: RegExpExecArray): boolean {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (m[4] !== undefined && !validTime(m[4], m[5], m[6])) return false;
  return m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60);
}

function validTime(hour: string | undefined, minute: string | undefined, second: string | undefined): boolean {
  return Number(hour) < 24 && Number(minute) < 60 && (second === undefined || Number(second) <= 60);
}
