/**
 * The context-sensitive tokenizer of pypa/packaging 26.2 (`packaging._tokenizer`): the same token
 * rules, and the same errors with the same spans, so that our messages and squiggles point where
 * pip's and uv's do. Python's `\b` is Unicode-aware, so word boundaries here use Unicode letter
 * and number classes rather than JavaScript's ASCII `\b`.
 */
import { SPECIFIER_PATTERN } from './pep440-specifier';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ParseError {
  readonly message: string;
  /** packaging's error span: the caret sits at `end`, tildes run from `start`. */
  readonly span: Span;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError };

const WORD = String.raw`[\p{L}\p{N}_]`;
/** Python's `\b`: between a word character and a non-word character (or an end). */
const B = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

function rule(source: string, flags = 'uy'): RegExp {
  return new RegExp(source, flags);
}

export const RULES = {
  LEFT_PARENTHESIS: rule(String.raw`\(`),
  RIGHT_PARENTHESIS: rule(String.raw`\)`),
  LEFT_BRACKET: rule(String.raw`\[`),
  RIGHT_BRACKET: rule(String.raw`\]`),
  SEMICOLON: rule(';'),
  COMMA: rule(','),
  QUOTED_STRING: rule(`'[^']*'|"[^"]*"`),
  OP: rule('===|==|~=|!=|<=|>=|<|>'),
  BOOLOP: rule(`${B}(?:or|and)${B}`),
  IN: rule(`${B}in${B}`),
  NOT: rule(`${B}not${B}`),
  VARIABLE: rule(
    `${B}(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)` +
      `|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extras?|dependency_groups)${B}`,
  ),
  // The specifier regex is ASCII-only and case-insensitive, as packaging's `(?a:)` groups make it.
  SPECIFIER: rule(`(?:${SPECIFIER_PATTERN})`, 'iy'),
  AT: rule('@'),
  URL: rule(String.raw`[^ \t]+`),
  IDENTIFIER: rule(`${B}[a-zA-Z0-9][a-zA-Z0-9._-]*${B}`),
  VERSION_PREFIX_TRAIL: rule(String.raw`\.\*`),
  VERSION_LOCAL_LABEL_TRAIL: rule(String.raw`\+[a-z0-9]+(?:[-_.][a-z0-9]+)*`),
  WS: rule(String.raw`[ \t]+`),
  // Python's `$` also matches before a newline that ends the text.
  END: rule(String.raw`(?=\n?$)`),
} as const;

export type RuleName = keyof typeof RULES;

export class Pep508Error extends Error {
  constructor(readonly detail: ParseError) {
    super(detail.message);
  }
}

export class Tokenizer {
  position = 0;

  constructor(readonly source: string) {}

  /** The text of the token at the current position, without moving; null when it is not there. */
  peek(name: RuleName): string | null {
    const re = RULES[name];
    re.lastIndex = this.position;
    const m = re.exec(this.source);
    return m ? m[0] : null;
  }

  check(name: RuleName): boolean {
    return this.peek(name) != null;
  }

  /** Reads the token if it is there. */
  read(name: RuleName): string | null {
    const text = this.peek(name);
    if (text != null) this.position += text.length;
    return text;
  }

  consume(name: RuleName): void {
    this.read(name);
  }

  expect(name: RuleName, expected: string): string {
    const text = this.read(name);
    if (text == null) this.fail(`Expected ${expected}`);
    return text;
  }

  fail(message: string, start = this.position, end = this.position): never {
    throw new Pep508Error({ message, span: { start, end } });
  }
}

/** Runs a parse and turns its syntax error into a result. */
export function attempt<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (e) {
    if (e instanceof Pep508Error) return { ok: false, error: e.detail };
    throw e;
  }
}

/** packaging prints errors with the source and a caret under the span. */
export function formatParseError(source: string, error: ParseError): string {
  const marker = ' '.repeat(error.span.start) + '~'.repeat(Math.max(0, error.span.end - error.span.start)) + '^';
  return `${error.message}\n    ${source}\n    ${marker}`;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * The value of a quoted marker string, as `ast.literal_eval` reads it (packaging evaluates the
 * token as a Python literal, so `\n` and `\x41` are escapes). Null when Python rejects the
 * literal, such as a backslash escaping the closing quote.
 */
export function pythonStringValue(token: string): string | null {
  const body = token.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(octal, 8));
      i += octal.length;
    } else if (next in HEX_WIDTH) {
      const hex = body.slice(i + 2, i + 2 + HEX_WIDTH[next]!);
      if (!new RegExp(`^[0-9a-fA-F]{${HEX_WIDTH[next]}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + hex.length;
    } else {
      // Python keeps unknown escapes (and \N{...}, whose names we cannot resolve) as written.
      out += c;
    }
  }
  return out;
}
