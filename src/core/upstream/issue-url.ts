/**
 * New-issue links with the title and body filled in: GitHub's `/issues/new?title=&body=` and
 * GitLab's `/-/issues/new?issue[title]=&issue[description]=` (with `issue[confidential]=true`
 * when asked). Browsers and servers refuse very long URLs, so the whole link is kept under a cap
 * (4,000 characters by default) by shortening the body, and the body then says it was shortened.
 */
import type { Repository } from './repository';

export interface IssueDraft {
  readonly title: string;
  readonly body: string;
  /** GitHub only. */
  readonly labels?: readonly string[];
  /** GitLab only: open the issue as confidential. */
  readonly confidential?: boolean;
}

export interface IssueLink {
  readonly url: string;
  /** The body as it went into the link (shortened or not). */
  readonly body: string;
  readonly shortened: boolean;
}

export const DEFAULT_MAX_URL_LENGTH = 4000;
const MAX_TITLE = 200;
export const SHORTENED_NOTE = '\n\n(This text was shortened to fit in a link.)';

export function newIssueUrl(repository: Repository, draft: IssueDraft, maxLength = DEFAULT_MAX_URL_LENGTH): IssueLink {
  const title = truncate(draft.title, MAX_TITLE);
  const build = (body: string) => linkFor(repository, { ...draft, title, body });
  const full = build(draft.body);
  if (full.length <= maxLength) return { url: full, body: draft.body, shortened: false };
  const points = Array.from(draft.body);
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (build(points.slice(0, mid).join('') + SHORTENED_NOTE).length <= maxLength) low = mid;
    else high = mid - 1;
  }
  const body = points.slice(0, low).join('').trimEnd() + SHORTENED_NOTE;
  return { url: build(body), body, shortened: true };
}

function linkFor(repository: Repository, draft: IssueDraft): string {
  const params: [string, string][] =
    repository.host === 'github'
      ? [['title', draft.title], ['body', draft.body]]
      : [['issue[title]', draft.title], ['issue[description]', draft.body]];
  // GitHub applies labels only for people who may triage; GitLab has no label parameter.
  if (draft.labels && draft.labels.length > 0 && repository.host === 'github') params.push(['labels', draft.labels.join(',')]);
  if (draft.confidential && repository.host === 'gitlab') params.push(['issue[confidential]', 'true']);
  const query = params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return `${repository.url}${repository.host === 'github' ? '/issues/new' : '/-/issues/new'}?${query}`;
}

/** Cuts at a code point boundary (a lone surrogate cannot be URL-encoded). */
function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** GitHub's private vulnerability reporting form (it takes no prefilled text). */
export function privateReportUrl(repository: Repository): string | null {
  return repository.host === 'github' ? `${repository.url}/security/advisories/new` : null;
}
