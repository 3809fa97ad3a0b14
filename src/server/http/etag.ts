/**
 * Entity tags for optimistic concurrency (RFC 9110 §8.8.3, §13.1.1). A decision's tag names its
 * id and revision. If-Match uses the strong comparison: a weak tag never matches, `*` matches any
 * current decision.
 */

export function decisionEtag(id: string, revision: number): string {
  return `"${id}.${revision}"`;
}

/** The entity tags listed in an If-Match header; `['*']` for the wildcard. */
export function parseIfMatch(header: string): string[] {
  const trimmed = header.trim();
  if (trimmed === '*') return ['*'];
  const tags: string[] = [];
  for (const match of trimmed.matchAll(/(W\/)?"([^"]*)"/g)) {
    // Weak tags are kept, marked, so that they can never compare equal to a strong one.
    tags.push(match[1] ? `W/"${match[2]}"` : `"${match[2]}"`);
  }
  return tags;
}

export function ifMatchHolds(header: string, current: string): boolean {
  return parseIfMatch(header).some((tag) => tag === '*' || tag === current);
}
