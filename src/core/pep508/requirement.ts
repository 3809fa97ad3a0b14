/**
 * PEP 508 dependency specifiers with positions. The grammar and error messages follow
 * pypa/packaging's hand-written parser (`packaging._parser`), which pip and uv agree with; every
 * span is an offset into the input string so that callers can map it onto their document.
 *
 *   requirement = name [extras] (('@' url [';' marker]) | (specifier [';' marker]))
 *   specifier   = '(' version_many ')' | version_many      (the parenthesised form is legacy)
 */
import { normalizeName } from '../versions';
import { canonicalVariable, formatMarker, type MarkerComparison, type MarkerList, type MarkerValue } from './markers';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Requirement {
  readonly name: string;
  readonly normalizedName: string;
  readonly nameSpan: Span;
  readonly extras: readonly string[];
  /** The brackets and everything between them; null when there are none. */
  readonly extrasSpan: Span | null;
  /** Specifiers as written with whitespace removed, in the order written ("" when none). */
  readonly specifier: string;
  /** The specifier text, parentheses included; an empty span after the name and extras when none. */
  readonly specifierSpan: Span;
  readonly url: string | null;
  readonly urlSpan: Span | null;
  readonly marker: MarkerList | null;
  /** Canonical marker text (`python_version < "3.8"`), as packaging prints it. */
  readonly markerText: string | null;
  /** The marker expression after ';', without surrounding whitespace. */
  readonly markerSpan: Span | null;
  /** From the name to the end of the last meaningful token. */
  readonly span: Span;
}

export interface ParseError {
  readonly message: string;
  /** Where the parser stopped (an offset into the input). */
  readonly span: Span;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ParseError };

const PEP440_RELEASE = String.raw`v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`;
const PRE = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = String.raw`(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = String.raw`(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;

/** packaging's Specifier regex: each operator admits its own version shape. */
const SPECIFIER_RE = new RegExp(
  String.raw`(?<op>===)\s*(?<arbitrary>[^\s;)]*)` +
    String.raw`|(?<eqop>==|!=)\s*(?<eqv>${PEP440_RELEASE}(?:\.\*|${PRE}${POST}${DEV}${LOCAL}))` +
    String.raw`|(?<cop>~=)\s*(?<cv>v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+${PRE}${POST}${DEV})` +
    String.raw`|(?<rop><=|>=|<|>)\s*(?<rv>${PEP440_RELEASE}${PRE}${POST}${DEV})`,
  'iy',
);
const OPERATOR_RE = /(===|==|!=|~=|<=|>=|<|>)/y;
const IDENTIFIER_RE = /[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?/y;
const WS_RE = /[ \t]+/y;
const URL_RE = /[^ \t]+/y;
const VARIABLE_RE =
  /(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)|platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|extras?|dependency_groups)(?![a-zA-Z0-9_])/y;
const MARKER_OP_RE = /(===|==|!=|~=|<=|>=|<|>)/y;
const QUOTED_RE = /'([^']*)'|"([^"]*)"/y;

class Tokens {
  pos = 0;
  constructor(readonly text: string) {}

  match(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m) this.pos = re.lastIndex;
    return m;
  }

  peek(re: RegExp): boolean {
    re.lastIndex = this.pos;
    return re.test(this.text);
  }

  ws(): void {
    this.match(WS_RE);
  }

  char(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string, start = this.pos, end = this.text.length): never {
    throw new Pep508Error({ message, span: { start, end: Math.max(start, end) } });
  }
}

class Pep508Error extends Error {
  constructor(readonly detail: ParseError) {
    super(detail.message);
  }
}

/** Parses one PEP 508 requirement string. Never throws. */
export function parseRequirement(text: string): ParseResult<Requirement> {
  try {
    return { ok: true, value: requirement(new Tokens(text)) };
  } catch (e) {
    if (e instanceof Pep508Error) return { ok: false, error: e.detail };
    throw e;
  }
}

/** Parses a marker expression alone (as in uv.lock's `marker = "..."`). Never throws. */
export function parseMarker(text: string): ParseResult<MarkerList> {
  try {
    const t = new Tokens(text);
    t.ws();
    const m = markerExpression(t);
    t.ws();
    if (!t.atEnd()) t.fail('Expected end or semicolon (after marker)');
    return { ok: true, value: m };
  } catch (e) {
    if (e instanceof Pep508Error) return { ok: false, error: e.detail };
    throw e;
  }
}

function requirement(t: Tokens): Requirement {
  t.ws();
  const nameStart = t.pos;
  const name = t.match(IDENTIFIER_RE);
  if (!name) t.fail('Expected package name at the start of dependency specifier', t.pos, t.pos + 1);
  const nameSpan = { start: nameStart, end: t.pos };
  t.ws();

  let extras: string[] = [];
  let extrasSpan: Span | null = null;
  if (t.text[t.pos] === '[') {
    const start = t.pos;
    t.pos++;
    t.ws();
    extras = extrasList(t);
    t.ws();
    if (!t.char(']')) t.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', start);
    extrasSpan = { start, end: t.pos };
    t.ws();
  }
  const afterNameAndExtras = extrasSpan ? extrasSpan.end : nameSpan.end;

  let url: string | null = null;
  let urlSpan: Span | null = null;
  let specifier = '';
  let specifierSpan: Span = { start: afterNameAndExtras, end: afterNameAndExtras };
  let end = afterNameAndExtras;

  if (t.char('@')) {
    t.ws();
    const start = t.pos;
    const u = t.match(URL_RE);
    if (!u) t.fail('Expected URL after @', start);
    url = u[0];
    urlSpan = { start, end: t.pos };
    end = t.pos;
    if (t.atEnd()) return build();
    // A marker after a URL needs whitespace before ';', else ';' would belong to the URL.
    const wsStart = t.pos;
    t.ws();
    if (t.pos === wsStart && !t.atEnd()) t.fail('Expected end or semicolon (after URL and whitespace)', t.pos);
    if (t.atEnd()) return build();
  } else {
    const parsed = versionSpecifier(t, afterNameAndExtras);
    specifier = parsed.specifier;
    specifierSpan = parsed.span;
    if (parsed.specifier !== '') end = parsed.span.end;
    t.ws();
    if (t.atEnd()) return build();
  }

  if (!t.char(';')) {
    t.fail(url ? 'Expected end or semicolon (after URL and whitespace)' : specifier ? 'Expected end or semicolon (after version specifier)' : 'Expected end or semicolon (after name and no valid version specifier)', t.pos);
  }
  t.ws();
  const markerStart = t.pos;
  const marker = markerExpression(t);
  const markerSpan = { start: markerStart, end: trimEnd(t.text, t.pos) };
  t.ws();
  if (!t.atEnd()) t.fail('Expected end or semicolon (after marker)', t.pos);
  end = markerSpan.end;
  return build(marker, markerSpan);

  function build(m: MarkerList | null = null, ms: Span | null = null): Requirement {
    return {
      name: name![0],
      normalizedName: normalizeName(name![0]),
      nameSpan,
      extras,
      extrasSpan,
      specifier,
      specifierSpan,
      url,
      urlSpan,
      marker: m,
      markerText: m ? formatMarker(m) : null,
      markerSpan: ms,
      span: { start: nameStart, end },
    };
  }
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}

function extrasList(t: Tokens): string[] {
  const out: string[] = [];
  const first = t.match(IDENTIFIER_RE);
  if (!first) return out;
  out.push(first[0]);
  for (;;) {
    t.ws();
    if (t.text[t.pos] !== ',') break;
    t.pos++;
    t.ws();
    const next = t.match(IDENTIFIER_RE);
    if (!next) t.fail('Expected extra name after comma', t.pos);
    out.push(next[0]);
  }
  return out;
}

function versionSpecifier(t: Tokens, emptyAt: number): { specifier: string; span: Span } {
  const start = t.pos;
  if (t.char('(')) {
    t.ws();
    const inner = versionMany(t);
    t.ws();
    if (!t.char(')')) t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', start);
    return { specifier: inner.specifier, span: { start, end: t.pos } };
  }
  const inner = versionMany(t);
  if (inner.specifier === '') return { specifier: '', span: { start: emptyAt, end: emptyAt } };
  return inner;
}

function versionMany(t: Tokens): { specifier: string; span: Span } {
  const parts: string[] = [];
  const start = t.pos;
  let end = t.pos;
  for (;;) {
    const at = t.pos;
    const m = t.match(SPECIFIER_RE);
    if (!m) {
      if (t.peek(OPERATOR_RE)) {
        const op = t.match(OPERATOR_RE)![0];
        t.fail(op === '~=' ? 'Invalid specifier: the compatible operator ~= needs a version with at least two release segments' : `Invalid specifier: '${op}' is not followed by a valid version`, at);
      }
      if (parts.length > 0) t.fail('Expected a version specifier after comma', at);
      break;
    }
    parts.push(m[0].replace(/\s+/g, ''));
    end = t.pos;
    const beforeComma = t.pos;
    t.ws();
    if (!t.char(',')) {
      t.pos = beforeComma;
      break;
    }
    t.ws();
  }
  return { specifier: parts.join(','), span: { start, end } };
}

function markerExpression(t: Tokens): MarkerList {
  const list: (MarkerComparison | MarkerList | 'and' | 'or')[] = [markerAtom(t)];
  for (;;) {
    const save = t.pos;
    t.ws();
    const op = t.match(/(and|or)(?![a-zA-Z0-9_])/y);
    if (!op) {
      t.pos = save;
      break;
    }
    list.push(op[0] as 'and' | 'or');
    list.push(markerAtom(t));
  }
  return list;
}

function markerAtom(t: Tokens): MarkerComparison | MarkerList {
  t.ws();
  if (t.text[t.pos] === '(') {
    const open = t.pos;
    t.pos++;
    t.ws();
    const inner = markerExpression(t);
    t.ws();
    if (!t.char(')')) t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', open);
    t.ws();
    return inner;
  }
  const lhs = markerValue(t);
  t.ws();
  const op = markerOp(t);
  t.ws();
  const rhs = markerValue(t);
  return { kind: 'compare', lhs, op, rhs };
}

function markerValue(t: Tokens): MarkerValue {
  const v = t.match(VARIABLE_RE);
  if (v) return { kind: 'variable', name: canonicalVariable(v[0]) };
  const q = t.match(QUOTED_RE);
  if (q) return { kind: 'string', value: q[1] ?? q[2] ?? '' };
  t.fail('Expected a marker variable or quoted string', t.pos);
}

function markerOp(t: Tokens): string {
  if (t.match(/in(?![a-zA-Z0-9_])/y)) return 'in';
  const not = t.match(/not[ \t]+in(?![a-zA-Z0-9_])/y);
  if (not) return 'not in';
  const op = t.match(MARKER_OP_RE);
  if (op) return op[0];
  t.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', t.pos);
}
