/**
 * A package's own repository, found from its project URLs (PyPI's `project_urls`, whose labels
 * are free text: "Source", "Repository", "Homepage", "Issues", …). Only github.com and gitlab.com
 * are recognised, since only there do we know how to open a new issue. The URLs are untrusted:
 * owner and name must be plain path segments, so nothing the package wrote can steer the link.
 */

export interface Repository {
  readonly host: 'github' | 'gitlab';
  /** GitHub: the owner; GitLab: the namespace, subgroups included ("group/subgroup"). */
  readonly owner: string;
  readonly name: string;
  /** https://github.com/owner/name */
  readonly url: string;
}

const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** First-level paths that are GitHub's or GitLab's own pages, not owners. */
const RESERVED = new Set(['sponsors', 'orgs', 'features', 'marketplace', 'topics', 'settings', 'apps', 'about', 'pricing', 'collections', 'explore', 'login', 'join', 'users', 'groups', 'help', 'dashboard', 'search']);

/** Lower rank is preferred: where a project's source lives before where its issues or its homepage are. */
function rank(label: string): number {
  const key = label.toLowerCase().replace(/[^a-z]/g, '');
  if (['source', 'sourcecode', 'code', 'repository', 'repo', 'github', 'gitlab', 'git'].includes(key)) return 0;
  if (['issues', 'bugtracker', 'tracker', 'bugs', 'issuetracker', 'bugreports'].includes(key)) return 1;
  if (['homepage', 'home', 'website'].includes(key)) return 2;
  return 3;
}

/** The repository of a package, from its project URLs (label → URL) and its home page. */
export function repositoryFrom(projectUrls: Readonly<Record<string, string>>, homepage: string | null = null): Repository | null {
  const candidates = Object.entries(projectUrls).map(([label, url], order) => ({ url, rank: rank(label), order }));
  if (homepage) candidates.push({ url: homepage, rank: 2, order: candidates.length });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  for (const candidate of candidates) {
    const repository = parseRepositoryUrl(candidate.url);
    if (repository) return repository;
  }
  return null;
}

/** `https://github.com/o/r(.git)(/anything)`, `git+https://…`, `git@github.com:o/r.git`, and GitLab's `…/-/…` paths. */
export function parseRepositoryUrl(url: string): Repository | null {
  const m = /^\s*(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)?(?:www\.)?(github\.com|gitlab\.com)[/:]([^?#\s]*)/i.exec(url);
  if (!m) return null;
  const host = m[1]!.toLowerCase() === 'github.com' ? 'github' : 'gitlab';
  let segments = m[2]!.split('/').filter((s) => s !== '');
  if (host === 'gitlab') {
    const marker = segments.indexOf('-');
    if (marker >= 0) segments = segments.slice(0, marker);
  } else {
    segments = segments.slice(0, 2);
  }
  if (segments.length < 2) return null;
  segments[segments.length - 1] = segments[segments.length - 1]!.replace(/\.git$/i, '');
  if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..') || RESERVED.has(segments[0]!.toLowerCase())) return null;
  const name = segments[segments.length - 1]!;
  const owner = segments.slice(0, -1).join('/');
  return { host, owner, name, url: `https://${host}.com/${owner}/${name}` };
}
