/**
 * pip's view of URLs and paths in requirements files (pip/_internal/models/link.py,
 * pip/_internal/vcs, pip/_internal/utils/{urls,filetypes,misc}.py): which text is a URL, which is
 * a VCS URL, which names an archive or a wheel, and what `#egg=` names.
 */

/** The VCS backends pip knows, in its registry order, and their URL schemes. */
export const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'];
export const VCS_SCHEMES = [
  'bzr+http', 'bzr+https', 'bzr+ssh', 'bzr+sftp', 'bzr+ftp', 'bzr+lp', 'bzr+file',
  'git+http', 'git+https', 'git+ssh', 'git+git', 'git+file',
  'hg+file', 'hg+http', 'hg+https', 'hg+ssh', 'hg+static-http',
  'svn+ssh', 'svn+http', 'svn+https', 'svn+svn', 'svn+file',
];

const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** `is_url`: the text before the first ':' is a scheme pip fetches from. */
export function isUrl(text: string): boolean {
  const colon = text.indexOf(':');
  return colon >= 0 && URL_SCHEMES.has(text.slice(0, colon).toLowerCase());
}

/** `urllib.parse.urlsplit(url).scheme`, lower-cased; "" when there is none. */
export function schemeOf(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  return m ? m[1]!.toLowerCase() : '';
}

export function isVcsUrl(url: string): boolean {
  return VCS_SCHEMES.includes(schemeOf(url));
}

const EGG_RE = /[#&]egg=([^&]*)/;

/** `Link.egg_fragment`: the text after `#egg=` (or `&egg=`), with its offset in the URL. */
export function eggFragment(url: string): { name: string; start: number } | null {
  const m = EGG_RE.exec(url);
  return m ? { name: m[1]!, start: m.index + m[0].length - m[1]!.length } : null;
}

/** `_strip_extras`: a trailing `[...]` split off a path. */
export function stripExtras(path: string): { path: string; extras: string | null } {
  const m = /^(.+)(\[[^\]]+\])$/s.exec(path);
  return m ? { path: m[1]!, extras: m[2]! } : { path, extras: null };
}

/** `_looks_like_path` on POSIX: a '/' anywhere, or a leading '.'. */
export function looksLikePath(name: string): boolean {
  return name.includes('/') || name.startsWith('.');
}

/** pip's `splitext`: like posixpath.splitext, with `.tar` kept on compound extensions. */
export function splitExt(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  let base = path;
  let ext = '';
  if (dot > slash) {
    let lead = slash + 1;
    while (lead < dot && path[lead] === '.') lead++;
    if (lead < dot) {
      base = path.slice(0, dot);
      ext = path.slice(dot);
    }
  }
  if (base.toLowerCase().endsWith('.tar')) return [base.slice(0, -4), base.slice(-4) + ext];
  return [base, ext];
}

const ARCHIVES = ['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.gz', '.tgz', '.tar', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma'];
/** A cheap first look: only names ending like an archive can be one. */
const ARCHIVE_END = /\.(zip|whl|tar|tbz|tgz|txz|tlz|bz2|gz|xz|lz|lzma)$/i;

export function isArchiveFile(name: string): boolean {
  return ARCHIVE_END.test(name) && ARCHIVES.includes(splitExt(name)[1].toLowerCase());
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `Link.filename`: the unquoted last path segment of a URL. */
export function urlFilename(url: string): string {
  const withoutScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, '');
  const afterAuthority = withoutScheme.startsWith('//') ? withoutScheme.slice(2).replace(/^[^/?#]*/, '') : withoutScheme;
  const path = safeDecode(afterAuthority.replace(/[?#].*$/s, '')).replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

const WHEEL_RE = /^(?<name>[^\s-]+?)-(?<ver>[^\s-]*?)(?:-(?<build>\d[^-]*?))?-(?<pyver>[^\s-]+?)-(?<abi>[^\s-]+?)-(?<plat>[^\s-]+?)\.whl$/;

/** `pip._internal.models.wheel.Wheel`: name and version from a wheel filename; null when it is not one. */
export function wheelNameVersion(filename: string): { name: string; version: string } | null {
  const m = WHEEL_RE.exec(filename);
  if (!m?.groups) return null;
  return { name: m.groups.name!.replace(/_/g, '-'), version: m.groups.ver!.replace(/_/g, '-') };
}

/** `Link.is_wheel`: the URL's file ends in `.whl` (case-sensitive, as pip checks). */
export function isWheelUrl(url: string): boolean {
  return splitExt(urlFilename(url))[1] === '.whl';
}

/** `urllib.parse.quote(path)` with '/' safe, as `path_to_url` quotes a file path. */
function quotePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** `path_to_url` for an absolute POSIX path. */
export function pathToUrl(absolutePath: string): string {
  return `file://${quotePath(absolutePath)}`;
}
