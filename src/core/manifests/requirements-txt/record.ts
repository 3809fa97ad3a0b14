/**
 * The record every requirements-file line becomes, and the context it is read in: offsets of the
 * logical line mapped to document ranges, pip's local-path resolution and the problem shape.
 */
import type { Dependency, Problem, SkipReason } from '../../model/dependency';
import { isAbsolute, joinPath } from '../../paths';
import { parseRequirement } from '../../pep508/requirement';
import { normalizeName } from '../../versions';
import { isPySpace, sourceRange, type Document, type LogicalLine } from './lines';
import { pathToUrl } from './links';

/** What is at an absolute path: pip looks at the disk, the core asks whoever can. */
import type { LocalPathProbe } from '../format';

export type { LocalPathProbe };

export interface Context {
  readonly doc: Document;
  readonly file: string;
  /** Relative paths are resolved against the requirements file's folder. */
  readonly dir: string;
  readonly probe: LocalPathProbe | null;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Found {
  readonly dependency: Dependency;
  readonly problems: readonly Problem[];
}

/** The parts of a record, as offsets into the logical line. */
export interface Parts {
  readonly rawName: string;
  readonly nameSpan: Span;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly specifierSpan: Span;
  readonly marker: string | null;
  readonly url: string | null;
  readonly editable: boolean;
  readonly skipReason: SkipReason | null;
  readonly span: Span;
}

export function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && isPySpace(text.charCodeAt(start))) start++;
  while (end > start && isPySpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

export function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

export function problemAt(ctx: Context, line: LogicalLine, span: Span, message: string, severity: Problem['severity'] = 'error'): Problem {
  // An empty span at the end of a token still gets one character to underline when there is one.
  const end = span.end > span.start ? span.end : Math.min(span.start + 1, line.text.length);
  return { file: ctx.file, line: line.line, message, range: sourceRange(ctx.doc, line, span.start, Math.max(end, span.start)), severity };
}

export function build(ctx: Context, line: LogicalLine, parts: Parts, hashes: readonly string[]): Dependency {
  return {
    file: ctx.file,
    line: line.line,
    name: parts.rawName ? normalizeName(parts.rawName) : '',
    rawName: parts.rawName,
    specifier: parts.specifier,
    extras: parts.extras,
    marker: parts.marker,
    url: parts.url,
    editable: parts.editable,
    constraint: false,
    version: null,
    group: null,
    hashes,
    nameRange: sourceRange(ctx.doc, line, parts.nameSpan.start, parts.nameSpan.end),
    specifierRange: sourceRange(ctx.doc, line, parts.specifierSpan.start, parts.specifierSpan.end),
    requirementRange: sourceRange(ctx.doc, line, parts.span.start, parts.span.end),
    skipReason: parts.skipReason,
    via: [],
    source: null,
  };
}

/** A record that keeps an unreadable line, named by its leading identifier when it has one. */
export function invalidParts(text: string, span: Span, editable: boolean): Parts {
  const lead = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(text.slice(span.start, span.end));
  const rawName = lead && !editable ? lead[0].replace(/[._-]+$/, '') : '';
  const nameSpan = rawName ? { start: span.start, end: span.start + rawName.length } : span;
  return { rawName, nameSpan, extras: [], specifier: '', specifierSpan: { start: nameSpan.end, end: nameSpan.end }, marker: null, url: null, editable, skipReason: 'invalid', span };
}

export function resolve(ctx: Context, path: string): string {
  return isAbsolute(path) ? joinPath(path, '.') : joinPath(ctx.dir, path);
}

/** `path_to_url` of a path relative to the requirements file (a relative result stays as written). */
export function fileUrl(ctx: Context, path: string): string {
  const absolute = resolve(ctx, path);
  return isAbsolute(absolute) ? pathToUrl(absolute) : path;
}

/** Extras of a `[...]` suffix, as pip's `convert_extras` reads them (lower-cased). */
export function extrasOf(bracketed: string): string[] {
  const req = parseRequirement(`placeholder${bracketed.toLowerCase()}`);
  return req.ok ? [...req.value.extras] : [];
}
