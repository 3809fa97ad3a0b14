/**
 * One requirement line of a requirements file, read as pip 23.2.1 reads it
 * (pip/_internal/req/constructors.py `parse_req_from_line`): bare URLs and paths, `name @ url`,
 * `#egg=` names, wheel file names, markers split off at `;` (`; ` after a URL), and pip's errors.
 * Whether a local path exists is asked of an optional probe; without one, a path is taken to
 * exist, which is what its author meant.
 */
import type { Problem, SkipReason } from '../../model/dependency';
import { parseMarker } from '../../pep508/marker-parser';
import { formatMarker, type MarkerList } from '../../pep508/markers';
import { parseRequirement, type Requirement } from '../../pep508/requirement';
import type { LogicalLine } from './lines';
import { eggFragment, isArchiveFile, isUrl, isVcsUrl, isWheelUrl, looksLikePath, schemeOf, stripExtras, urlFilename, wheelNameVersion } from './links';
import { build, extrasOf, fileUrl, invalidParts, problemAt, resolve, shift, trimmed, type Context, type Found, type Parts, type Span } from './record';

const OPERATORS = ['===', '==', '!=', '~=', '<=', '>=', '<', '>'];

/** An exact pin: `===V`, or `==V` without a wildcard (the parser has already checked the text). */
function isPinned(specifier: string): boolean {
  for (let start = 0; start < specifier.length; ) {
    const comma = specifier.indexOf(',', start);
    const end = comma < 0 ? specifier.length : comma;
    if (specifier.startsWith('==', start) && (specifier.startsWith('===', start) || !specifier.startsWith('.*', end - 2))) return true;
    start = end + 1;
  }
  return false;
}

function urlReason(url: string): SkipReason {
  if (isVcsUrl(url)) return 'vcs';
  return schemeOf(url) === 'file' ? 'path' : 'url';
}

/** Fields of a parsed PEP 508 requirement placed at `offset` in the logical line. */
function fromRequirement(req: Requirement, offset: number, marker: string | null, span: Span): Parts {
  return {
    rawName: req.name,
    nameSpan: shift(req.nameSpan, offset),
    extras: req.extras,
    specifier: req.specifier,
    specifierSpan: shift(req.specifierSpan, offset),
    marker: marker ?? req.markerText,
    url: req.url,
    editable: false,
    skipReason: req.url != null ? urlReason(req.url) : isPinned(req.specifier) ? null : 'unpinned',
    span,
  };
}

function installable(ctx: Context, dir: string): boolean {
  return ctx.probe?.(`${dir}/pyproject.toml`) === 'file' || ctx.probe?.(`${dir}/setup.py`) === 'file';
}

type PathLink = { url: string } | { error: string } | { warning: string; url: string } | null;

/**
 * What is at a path when no probe can look: a path-like text that is not a PEP 508 requirement is
 * taken to be the directory or archive its author meant; anything else is not there.
 */
function guess(name: string, path: string): 'file' | 'directory' | null {
  if (!looksLikePath(name) || parseRequirement(name).ok) return null;
  return isArchiveFile(path) ? 'file' : 'directory';
}

/** `_get_url_from_path`: a local directory or archive named by the requirement text. */
function urlFromPath(ctx: Context, name: string, path: string): PathLink {
  // pip looks at the disk only for text that looks like a path or names an archive.
  if (!looksLikePath(name) && !isArchiveFile(path)) return null;
  const absolute = resolve(ctx, path);
  const kind = ctx.probe ? ctx.probe(absolute) : guess(name, path);
  if (looksLikePath(name) && kind === 'directory') {
    if (ctx.probe && !installable(ctx, absolute)) return { error: `Directory '${name}' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.` };
    return { url: fileUrl(ctx, path) };
  }
  if (!isArchiveFile(path)) return null;
  if (kind === 'file') return { url: fileUrl(ctx, path) };
  const at = name.indexOf('@');
  if (at >= 0 && !looksLikePath(name.slice(0, at))) return null;
  return { warning: `Requirement '${name}' looks like a filename, but the file does not exist`, url: fileUrl(ctx, path) };
}

function hintFor(ctx: Context, text: string): string {
  if (text.includes('/')) {
    const exists = ctx.probe?.(resolve(ctx, text)) != null;
    return ` Hint: It looks like a path.${ctx.probe ? (exists ? ' The path does exist.' : ` File '${text}' does not exist.`) : ''}`;
  }
  if (text.includes('=') && !OPERATORS.some((op) => text.includes(op))) return ' Hint: = is not a valid operator. Did you mean == ?';
  return '';
}

interface MarkerPart {
  readonly text: string | null;
  readonly problem: { message: string; span: Span } | null;
}

/** pip splits the marker off itself and parses it as a `Marker`. */
function markerOf(text: string, span: Span | null): MarkerPart {
  if (!span) return { text: null, problem: null };
  const body = trimmed(text, span);
  if (body.start === body.end) return { text: null, problem: null };
  const source = text.slice(body.start, body.end);
  const parsed = parseMarker(source);
  if (parsed.ok) return { text: formatMarker(parsed.value as MarkerList), problem: null };
  return { text: null, problem: { message: `Invalid marker: '${source}': ${parsed.error.message}`, span: shift(parsed.error.span, body.start) } };
}

/** A URL (or a path made into one) as the whole requirement: named by its wheel file or `#egg=`. */
function linkParts(ctx: Context, line: LogicalLine, url: string, urlSpan: Span, extras: readonly string[], marker: string | null, span: Span, skipReason: SkipReason): { parts: Parts; problems: Problem[] } {
  const text = line.text;
  const empty = { start: urlSpan.end, end: urlSpan.end };
  const unnamed: Parts = { rawName: '', nameSpan: urlSpan, extras, specifier: '', specifierSpan: empty, marker, url, editable: false, skipReason, span };
  if (isWheelUrl(url)) {
    const wheel = wheelNameVersion(urlFilename(url));
    if (!wheel) return { parts: { ...unnamed, skipReason: 'invalid' }, problems: [problemAt(ctx, line, urlSpan, `${urlFilename(url)} is not a valid wheel filename.`)] };
    return { parts: { ...unnamed, rawName: wheel.name, specifier: `==${wheel.version}` }, problems: [] };
  }
  const egg = eggFragment(url);
  if (!egg) return { parts: unnamed, problems: [] };
  // The egg's own text is underlined when the URL is as written; a rewritten URL maps to its whole span.
  const asWritten = url === text.slice(urlSpan.start, urlSpan.end);
  const req = parseRequirement(egg.name);
  if (!req.ok) {
    const where = asWritten ? shift(req.error.span, urlSpan.start + egg.start) : urlSpan;
    return { parts: { ...unnamed, skipReason: 'invalid' }, problems: [problemAt(ctx, line, where, `Invalid requirement: '${egg.name}': ${req.error.message}`)] };
  }
  const fields = fromRequirement(req.value, asWritten ? urlSpan.start + egg.start : 0, marker, span);
  const spans = asWritten ? {} : { nameSpan: urlSpan, specifierSpan: empty };
  return { parts: { ...fields, ...spans, extras: req.value.extras.length > 0 ? req.value.extras : extras, url, skipReason }, problems: [] };
}

/** `parse_req_from_line` for the requirement part (`args`) of a line. */
export function requirementLine(ctx: Context, line: LogicalLine, args: Span, hashes: readonly string[]): Found {
  const text = line.text;
  const argsText = text.slice(args.start, args.end);
  const url = isUrl(argsText);
  const sep = url ? '; ' : ';';
  const at = argsText.indexOf(sep);
  const nameSpan = trimmed(text, at >= 0 ? { start: args.start, end: args.start + at } : args);
  const span = trimmed(text, args);
  const marker = markerOf(text, at >= 0 ? { start: args.start + at + sep.length, end: args.end } : null);
  const name = text.slice(nameSpan.start, nameSpan.end);
  const problems: Problem[] = marker.problem ? [problemAt(ctx, line, marker.problem.span, marker.problem.message)] : [];
  const done = (parts: Parts, more: Problem[] = []): Found => {
    const all = [...problems, ...more];
    const invalid = all.some((p) => p.severity === 'error');
    return { dependency: build(ctx, line, invalid ? { ...parts, skipReason: 'invalid' } : parts, hashes), problems: all };
  };
  if (isUrl(name)) {
    const { parts, problems: linkProblems } = linkParts(ctx, line, normalizeFileUrl(ctx, name), nameSpan, [], marker.text, span, urlReason(name));
    return done(parts, linkProblems);
  }
  const { path, extras } = stripExtras(name);
  const link = urlFromPath(ctx, name, path);
  if (link && 'error' in link) return done(invalidParts(text, nameSpan, false), [problemAt(ctx, line, nameSpan, link.error)]);
  if (link) {
    const pathExtras = extras ? extrasOf(extras) : [];
    const { parts, problems: linkProblems } = linkParts(ctx, line, link.url, nameSpan, pathExtras, marker.text, span, 'path');
    const warning = 'warning' in link ? [problemAt(ctx, line, nameSpan, link.warning, 'warning')] : [];
    return done(parts, [...warning, ...linkProblems]);
  }
  const req = parseRequirement(name);
  if (!req.ok) {
    const where = shift(req.error.span, nameSpan.start);
    return done(invalidParts(text, nameSpan, false), [problemAt(ctx, line, where, `Invalid requirement: '${name}': ${req.error.message}${hintFor(ctx, name)}`)]);
  }
  return done(fromRequirement(req.value, nameSpan.start, marker.text, span));
}

/** pip rewrites a `file:` URL with `../` in it to the absolute path it names. */
function normalizeFileUrl(ctx: Context, url: string): string {
  if (schemeOf(url) !== 'file' || !url.includes('../')) return url;
  const path = url.replace(/^file:(\/\/[^/]*)?/i, '').replace(/[?#].*$/s, '');
  return fileUrl(ctx, decodeURIComponentSafe(path));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
