/**
 * Path arithmetic for the core, on '/'-separated paths (the adapters hand the core POSIX-style paths;
 * Windows paths are converted at the edge). Pure string work, so the core stays free of node:path.
 */

export function normalizeSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export function dirname(path: string): string {
  const p = normalizeSlashes(path);
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

export function basename(path: string): string {
  const p = normalizeSlashes(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/** Joins and normalises `.` and `..` segments; an absolute `relative` wins, as in path.resolve. */
export function joinPath(base: string, relative: string): string {
  const rel = normalizeSlashes(relative);
  const joined = isAbsolute(rel) ? rel : `${normalizeSlashes(base)}/${rel}`;
  const absolute = joined.startsWith('/');
  const out: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  const body = out.join('/');
  return absolute ? `/${body}` : body || '.';
}

/** `to` relative to the directory `from`, for display. */
export function relativePath(from: string, to: string): string {
  const a = joinPath(from, '.').split('/').filter(Boolean);
  const b = joinPath(to, '.').split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/') || '.';
}
