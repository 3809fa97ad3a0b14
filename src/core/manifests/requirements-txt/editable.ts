/**
 * `-e` / `--editable` values, read as pip 23.2.1's `parse_editable` reads them: a local project
 * (a directory, or a `file:` URL) or a VCS URL, named by its `#egg=` fragment.
 */
import { parseRequirement } from '../../pep508/requirement';
import type { LogicalLine } from './lines';
import { eggFragment, isVcsUrl, stripExtras, VCS_NAMES, VCS_SCHEMES } from './links';
import { build, extrasOf, fileUrl, invalidParts, problemAt, resolve, shift, type Context, type Found, type Parts, type Span } from './record';

/** `parse_editable`: a local project (by path or `file:` URL) or a VCS URL with `#egg=`. */
export function editableLine(ctx: Context, line: LogicalLine, value: string, valueSpan: Span): Found {
  const { path, extras } = stripExtras(value);
  const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path);
  const isDir = ctx.probe ? ctx.probe(resolve(ctx, path)) === 'directory' : !hasScheme;
  const local = isDir ? fileUrl(ctx, path) : path;
  const invalid = (message: string): Found => ({ dependency: build(ctx, line, invalidParts(line.text, valueSpan, true), []), problems: [problemAt(ctx, line, valueSpan, message)] });
  const empty = { start: valueSpan.end, end: valueSpan.end };
  const base: Parts = { rawName: '', nameSpan: valueSpan, extras: extras ? extrasOf(extras) : [], specifier: '', specifierSpan: empty, marker: null, url: local, editable: true, skipReason: 'path', span: valueSpan };
  if (local.toLowerCase().startsWith('file:')) return named(ctx, line, base, value, valueSpan, local === path);
  let url = value;
  const vcs = VCS_NAMES.find((name) => url.toLowerCase().startsWith(`${name}:`));
  if (vcs) url = `${vcs}+${url}`;
  if (!isVcsUrl(url)) {
    return invalid(`${value} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`);
  }
  if (!eggFragment(url)) return invalid(`Could not detect requirement name for '${value}', please specify one with #egg=your_package_name`);
  return named(ctx, line, { ...base, url, extras: [], skipReason: 'vcs' }, value, valueSpan, true);
}

/** Names an editable by its `#egg=` fragment, when it has one. */
function named(ctx: Context, line: LogicalLine, base: Parts, value: string, valueSpan: Span, eggInValue: boolean): Found {
  const egg = eggInValue ? eggFragment(value) : null;
  if (!egg) return { dependency: build(ctx, line, base, []), problems: [] };
  const req = parseRequirement(egg.name);
  const eggSpan = { start: valueSpan.start + egg.start, end: valueSpan.start + egg.start + egg.name.length };
  if (!req.ok) return { dependency: build(ctx, line, { ...base, skipReason: 'invalid' }, []), problems: [problemAt(ctx, line, eggSpan, `Invalid requirement: '${egg.name}'`)] };
  const r = req.value;
  const nameSpan = shift(r.nameSpan, eggSpan.start);
  const afterName = shift({ start: r.specifierSpan.start, end: r.specifierSpan.end }, eggSpan.start);
  return {
    dependency: build(ctx, line, { ...base, rawName: r.name, nameSpan, extras: r.extras.length > 0 ? r.extras : base.extras, specifier: r.specifier, specifierSpan: afterName }, []),
    problems: [],
  };
}
