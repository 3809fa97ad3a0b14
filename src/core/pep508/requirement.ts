/**
 * PEP 508 dependency specifiers with positions. The grammar, the error messages and the error
 * spans follow pypa/packaging 26.2's hand-written parser (`packaging._parser`), which pip and uv
 * agree with; every span is an offset into the input string so that callers can map it onto
 * their document.
 *
 *   requirement = WS? name WS? extras? WS? (('@' WS? url (WS marker?)?) | (specifier WS? marker?))
 *   specifier   = '(' WS? version_many WS? ')' | version_many      (the parenthesised form is legacy)
 *   marker      = ';' marker_expression WS?
 */
import { normalizeName } from '../versions';
import { markerExpression, normalizeExtraValues, parseMarker } from './marker-parser';
import { formatMarker, type MarkerList } from './markers';
import { formatSpecifierSet, parseSpecifierSet } from './pep440-specifier';
import { PY_SPACE } from './pep440-version';
import { attempt, type ParseResult, type Span, Tokenizer } from './tokenizer';

export { parseMarker };
export { formatParseError, type ParseError, type ParseResult, type Span } from './tokenizer';

export interface Requirement {
  readonly name: string;
  readonly normalizedName: string;
  readonly nameSpan: Span;
  /** As written, in order. */
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

/** Whitespace inside a specifier token (packaging's `\s`), dropped from the specifier text. */
const SPACES = new RegExp(`${PY_SPACE}+`, 'g');

/**
 * `name`, or `name<op><release>`: most requirements in real files, read without the tokenizer.
 * Anything else (extras, markers, spaces, pre-releases, a name ending in '_') takes the full path.
 */
const SIMPLE = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:(===|==|!=|<=|>=|<|>)([0-9]+(?:\.[0-9]+)*)|(~=)([0-9]+(?:\.[0-9]+)+))?$/;

function simple(text: string): Requirement | null {
  const m = SIMPLE.exec(text);
  if (!m) return null;
  const name = m[1]!;
  const end = name.length;
  const specifier = m[2] ? m[2] + m[3]! : m[4] ? m[4] + m[5]! : '';
  return {
    name,
    normalizedName: normalizeName(name),
    nameSpan: { start: 0, end },
    extras: [],
    extrasSpan: null,
    specifier,
    specifierSpan: { start: end, end: specifier ? text.length : end },
    url: null,
    urlSpan: null,
    marker: null,
    markerText: null,
    markerSpan: null,
    span: { start: 0, end: text.length },
  };
}

/** Parses one PEP 508 requirement string. Never throws. */
export function parseRequirement(text: string): ParseResult<Requirement> {
  const fast = simple(text);
  if (fast) return { ok: true, value: fast };
  return attempt(() => requirement(new Tokenizer(text)));
}

function requirement(t: Tokenizer): Requirement {
  t.consume('WS');
  const nameStart = t.position;
  const name = t.expect('IDENTIFIER', 'package name at the start of dependency specifier');
  const nameSpan = { start: nameStart, end: t.position };
  t.consume('WS');
  const { extras, extrasSpan } = extrasPart(t);
  t.consume('WS');
  const afterName = extrasSpan ? extrasSpan.end : nameSpan.end;
  const details = t.check('AT') ? urlPart(t, afterName) : specifierPart(t, afterName);
  t.expect('END', 'end of dependency specifier');
  const marker = details.marker ? normalizeExtraValues(details.marker) : null;
  return {
    name,
    normalizedName: normalizeName(name),
    nameSpan,
    extras,
    extrasSpan,
    specifier: details.specifier,
    specifierSpan: details.specifierSpan,
    url: details.url,
    urlSpan: details.urlSpan,
    marker,
    markerText: marker ? formatMarker(marker) : null,
    markerSpan: details.markerSpan,
    span: { start: nameStart, end: details.end },
  };
}

interface Details {
  readonly specifier: string;
  readonly specifierSpan: Span;
  readonly url: string | null;
  readonly urlSpan: Span | null;
  readonly marker: MarkerList | null;
  readonly markerSpan: Span | null;
  readonly end: number;
}

function extrasPart(t: Tokenizer): { extras: string[]; extrasSpan: Span | null } {
  if (!t.check('LEFT_BRACKET')) return { extras: [], extrasSpan: null };
  const open = t.position;
  t.read('LEFT_BRACKET');
  t.consume('WS');
  const extras = extrasList(t);
  t.consume('WS');
  if (!t.read('RIGHT_BRACKET')) t.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', open);
  return { extras, extrasSpan: { start: open, end: t.position } };
}

function extrasList(t: Tokenizer): string[] {
  const first = t.read('IDENTIFIER');
  if (first == null) return [];
  const extras = [first];
  for (;;) {
    t.consume('WS');
    if (t.check('IDENTIFIER')) t.fail('Expected comma between extra names');
    if (!t.read('COMMA')) break;
    t.consume('WS');
    extras.push(t.expect('IDENTIFIER', 'extra name after comma'));
  }
  return extras;
}

function urlPart(t: Tokenizer, afterName: number): Details {
  t.read('AT');
  t.consume('WS');
  const urlStart = t.position;
  const url = t.expect('URL', 'URL after @');
  const base = { specifier: '', specifierSpan: { start: afterName, end: afterName }, url, urlSpan: { start: urlStart, end: t.position }, marker: null, markerSpan: null, end: t.position };
  if (t.check('END')) return base;
  t.expect('WS', 'whitespace after URL');
  if (t.check('END')) return base;
  return { ...base, ...markerPart(t, urlStart, 'semicolon (after URL and whitespace)') };
}

function specifierPart(t: Tokenizer, afterName: number): Details {
  const start = t.position;
  const { text, span } = specifier(t, afterName);
  t.consume('WS');
  const base = { specifier: text.replace(SPACES, ''), specifierSpan: span, url: null, urlSpan: null, marker: null, markerSpan: null, end: text === '' && span.start === span.end ? afterName : span.end };
  if (t.check('END')) return base;
  const expected = text ? 'comma (within version specifier), semicolon (after version specifier)' : 'semicolon (after name with no version specifier)';
  return { ...base, ...markerPart(t, start, expected) };
}

function markerPart(t: Tokenizer, spanStart: number, expected: string): { marker: MarkerList; markerSpan: Span; end: number } {
  if (!t.read('SEMICOLON')) t.fail(`Expected ${expected} or end`, spanStart);
  const afterSemicolon = t.position;
  const marker = markerExpression(t);
  t.consume('WS');
  const start = skipBlanks(t.source, afterSemicolon);
  const end = trimEnd(t.source, t.position);
  return { marker, markerSpan: { start, end }, end };
}

function skipBlanks(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}

/** The specifier's text as packaging joins its tokens, and its span (an empty span when absent). */
function specifier(t: Tokenizer, emptyAt: number): { text: string; span: Span } {
  const open = t.position;
  if (t.read('LEFT_PARENTHESIS') != null) {
    t.consume('WS');
    const inner = versionMany(t);
    t.consume('WS');
    if (!t.read('RIGHT_PARENTHESIS')) t.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', open);
    return { text: inner.text, span: { start: open, end: t.position } };
  }
  t.consume('WS');
  const inner = versionMany(t);
  return inner.text === '' ? { text: '', span: { start: emptyAt, end: emptyAt } } : inner;
}

function versionMany(t: Tokenizer): { text: string; span: Span } {
  let text = '';
  const start = t.position;
  let end = t.position;
  for (;;) {
    const spanStart = t.position;
    const spec = t.read('SPECIFIER');
    if (spec == null) break;
    text += spec;
    end = t.position;
    if (t.check('VERSION_PREFIX_TRAIL')) t.fail('.* suffix can only be used with `==` or `!=` operators', spanStart, t.position + 1);
    if (t.check('VERSION_LOCAL_LABEL_TRAIL')) t.fail('Local version label can only be used with `==` or `!=` operators', spanStart, t.position);
    t.consume('WS');
    if (!t.read('COMMA')) break;
    text += ',';
    t.consume('WS');
  }
  return { text, span: { start, end } };
}

/** `str(packaging.requirements.Requirement(...))`: name, sorted extras, sorted specifiers, URL, marker. */
export function formatRequirement(req: Requirement): string {
  let out = req.name;
  const extras = [...new Set(req.extras)].sort();
  if (extras.length > 0) out += `[${extras.join(',')}]`;
  const specifiers = parseSpecifierSet(req.specifier);
  if (specifiers && specifiers.specifiers.length > 0) out += formatSpecifierSet(specifiers);
  if (req.url) out += ` @ ${req.url}${req.markerText ? ' ' : ''}`;
  if (req.markerText) out += `; ${req.markerText}`;
  return out;
}
