/**
 * pip's line preprocessing for requirements files (pip/_internal/req/req_file.py, `preprocess`):
 * join `\` continuations, strip comments, drop blank lines and expand `${VAR}`, while keeping,
 * for every character of the resulting logical line, where it came from in the document.
 */
import type { Position, SourceRange } from '../../model/range';

/** A run of a logical line copied from the document (`exact`) or made up (a space pip inserts, an expanded variable). */
interface Piece {
  readonly from: number;
  readonly to: number;
  /** Document offset of `from`; for made-up text, of the text it stands for. */
  readonly src: number;
  /** Document offset just after the text a made-up piece stands for. */
  readonly srcEnd: number;
  readonly exact: boolean;
}

/** Text plus the document offsets of its characters. */
export interface Mapped {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

export interface LogicalLine extends Mapped {
  /** 1-based number of the first physical line, as pip numbers the joined line. */
  readonly line: number;
  /** 0-based first and last physical lines the logical line was joined from. */
  readonly first: number;
  readonly last: number;
}

export interface Document {
  /** The text without a byte order mark, as an editor shows it. */
  readonly text: string;
  /** Offsets where each physical line starts and ends (without its line break). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const BOM = '\uFEFF';

/** Splits into physical lines at \r\n, \r and \n, as VS Code does. */
export function readDocument(raw: string): Document {
  const text = raw.startsWith(BOM) ? raw.slice(1) : raw;
  const starts = [0];
  const ends: number[] = [];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      ends.push(i);
      starts.push(i + 1);
    }
    ends.push(text.length);
    return { text, starts, ends };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    ends.push(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  ends.push(text.length);
  return { text, starts, ends };
}

export function lineText(doc: Document, line: number): string {
  return doc.text.slice(doc.starts[line], doc.ends[line]);
}

export function positionAt(doc: Document, offset: number): Position {
  let lo = 0;
  let hi = doc.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.min(offset, doc.ends[lo]!) - doc.starts[lo]! };
}

/** Python's str.isspace() for one UTF-16 unit. */
export function isPySpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function exact(from: number, src: number, length: number): Piece {
  return { from, to: from + length, src, srcEnd: src + length, exact: true };
}

/** The document offset of a logical offset, as the start of a range (`end` false) or its end. */
export function sourceOffset(m: Mapped, offset: number, end: boolean): number {
  if (m.pieces.length === 0) return 0;
  for (const p of m.pieces) {
    const inside = end ? offset > p.from && offset <= p.to : offset >= p.from && offset < p.to;
    if (!inside) continue;
    if (p.exact) return p.src + (offset - p.from);
    return end && offset === p.to ? p.srcEnd : p.src;
  }
  return offset <= m.pieces[0]!.from ? m.pieces[0]!.src : m.pieces[m.pieces.length - 1]!.srcEnd;
}

/** The document range of logical offsets [start, end). */
export function sourceRange(doc: Document, m: Mapped, start: number, end: number): SourceRange {
  const from = sourceOffset(m, start, false);
  if (end <= start) return { start: positionAt(doc, from), end: positionAt(doc, from) };
  const to = Math.max(from, sourceOffset(m, end, true));
  return { start: positionAt(doc, from), end: positionAt(doc, to) };
}

export function slice(m: Mapped, start: number, end = m.text.length): Mapped {
  const pieces: Piece[] = [];
  for (const p of m.pieces) {
    const a = Math.max(p.from, start);
    const b = Math.min(p.to, end);
    if (a >= b) continue;
    pieces.push(p.exact ? exact(a - start, p.src + (a - p.from), b - a) : { ...p, from: a - start, to: b - start });
  }
  return { text: m.text.slice(start, end), pieces };
}

function concat(parts: readonly Mapped[]): Mapped {
  let text = '';
  const pieces: Piece[] = [];
  for (const part of parts) {
    for (const p of part.pieces) pieces.push({ ...p, from: p.from + text.length, to: p.to + text.length });
    text += part.text;
  }
  return { text, pieces };
}

function physical(doc: Document, line: number, from: number, to: number): Mapped {
  const start = doc.starts[line]!;
  return { text: doc.text.slice(start + from, start + to), pieces: to > from ? [exact(0, start + from, to - from)] : [] };
}

/** pip's COMMENT_RE `(^|\s+)#.*$`: where the comment starts (with the whitespace before it), or -1. */
export function commentStart(text: string): number {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0) return 0;
    if (!isPySpace(text.charCodeAt(i - 1))) continue;
    let s = i - 1;
    while (s > 0 && isPySpace(text.charCodeAt(s - 1))) s--;
    return s;
  }
  return -1;
}

/** COMMENT_RE.match: the line is a comment from its start (`#`, or whitespace then `#`). */
export function isCommentLine(text: string): boolean {
  return commentStart(text) === 0;
}

export interface Joined {
  readonly lines: readonly LogicalLine[];
  /** The 0-based line of a `\` that continues into the end of the file, if any. */
  readonly danglingContinuation: number | null;
}

/**
 * `join_lines` + `ignore_comments` + `expand_env_variables`. A line ending in `\` (unless it is a
 * comment) is joined with the next one, its leading and trailing backslashes stripped; a comment
 * line ends the join with a space put before it so that it is stripped as a comment afterwards.
 */
export function logicalLines(doc: Document, env: Readonly<Record<string, string | undefined>>): Joined {
  const out: LogicalLine[] = [];
  let parts: Mapped[] = [];
  let first = 0;
  const emit = (joined: Mapped, from: number, to: number): void => {
    const line = finish(joined, env);
    if (line) out.push({ ...line, line: from + 1, first: from, last: to });
  };
  // Python's splitlines() yields no empty line after a final line break, so neither do we.
  const count = doc.starts.length > 1 && doc.starts[doc.starts.length - 1] === doc.text.length ? doc.starts.length - 1 : doc.starts.length;
  for (let i = 0; i < count; i++) {
    const text = lineText(doc, i);
    const cut = commentStart(text);
    const comment = cut === 0;
    if (!text.endsWith('\\') || comment) {
      if (parts.length === 0) {
        // Most lines stand alone: a comment-only line yields nothing, any other is trimmed in place.
        const line = comment ? null : single(doc, i, text, cut, env);
        if (line) out.push(line);
        continue;
      }
      const own = physical(doc, i, 0, text.length);
      const space: Mapped = comment ? { text: ' ', pieces: [{ from: 0, to: 1, src: doc.starts[i]!, srcEnd: doc.starts[i]!, exact: false }] } : { text: '', pieces: [] };
      emit(concat([...parts, space, own]), first, i);
      parts = [];
      continue;
    }
    if (parts.length === 0) first = i;
    let a = 0;
    let b = text.length;
    while (a < b && text[a] === '\\') a++;
    while (b > a && text[b - 1] === '\\') b--;
    parts.push(physical(doc, i, a, b));
  }
  if (parts.length === 0) return { lines: out, danglingContinuation: null };
  const last = count - 1;
  emit(concat(parts), first, last);
  return { lines: out, danglingContinuation: last };
}

/** A physical line that is a logical line on its own, without the copying `finish` does. */
function single(doc: Document, i: number, text: string, cut: number, env: Readonly<Record<string, string | undefined>>): LogicalLine | null {
  let a = 0;
  let b = cut >= 0 ? cut : text.length;
  while (a < b && isPySpace(text.charCodeAt(a))) a++;
  while (b > a && isPySpace(text.charCodeAt(b - 1))) b--;
  if (a === b) return null;
  const m: Mapped = { text: text.slice(a, b), pieces: [exact(0, doc.starts[i]! + a, b - a)] };
  const expanded = m.text.includes('${') ? expand(m, env) : m;
  return { text: expanded.text, pieces: expanded.pieces, line: i + 1, first: i, last: i };
}

const ENV_VAR_RE = /\$\{([A-Z0-9_]+)\}/g;

/** Strips the comment and surrounding whitespace, expands variables; null when nothing is left. */
function finish(joined: Mapped, env: Readonly<Record<string, string | undefined>>): Mapped | null {
  const cut = commentStart(joined.text);
  let m = cut >= 0 ? slice(joined, 0, cut) : joined;
  let a = 0;
  let b = m.text.length;
  while (a < b && isPySpace(m.text.charCodeAt(a))) a++;
  while (b > a && isPySpace(m.text.charCodeAt(b - 1))) b--;
  if (a === b) return null;
  if (a > 0 || b < m.text.length) m = slice(m, a, b);
  return m.text.includes('${') ? expand(m, env) : m;
}

/** pip expands only `${NAME}` with NAME of capitals, digits and '_', and only when it is set and not empty. */
function expand(m: Mapped, env: Readonly<Record<string, string | undefined>>): Mapped {
  const parts: Mapped[] = [];
  let at = 0;
  for (const match of m.text.matchAll(ENV_VAR_RE)) {
    const value = env[match[1]!];
    if (!value) continue;
    const start = match.index;
    const end = start + match[0].length;
    parts.push(slice(m, at, start), { text: value, pieces: [{ from: 0, to: value.length, src: sourceOffset(m, start, false), srcEnd: sourceOffset(m, end, true), exact: false }] });
    at = end;
  }
  if (parts.length === 0) return m;
  parts.push(slice(m, at));
  return concat(parts);
}
