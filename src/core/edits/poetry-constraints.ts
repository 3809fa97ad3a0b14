/**
 * Poetry's own constraint syntax (https://python-poetry.org/docs/dependency-specification/):
 * `^1.2` (caret), `~1.2` (tilde), `1.2` (exact), `*`, PEP 440-style clauses joined by ',' or
 * spaces, and `||` unions. A Fix keeps the user's operator when it can express the new bound
 * (`^2.31` → `^2.32.4`), and says when the allowed range moved.
 */
import { isValidVersion } from '../versions';
import { releaseOf, rewriteSpecifier, type FixStyle, type Rewritten } from './specifiers';

const BARE_VERSION = /^v?\d[\w.!+-]*$/i;

/** The exclusive upper bound of `^V`: bump the first non-zero segment (of those written). */
export function caretUpperBound(version: string): string {
  const release = releaseOf(version);
  let index = release.findIndex((n) => n !== 0);
  if (index < 0) index = release.length - 1;
  const upper = release.slice(0, index + 1);
  upper[index] = upper[index]! + 1;
  return upper.join('.');
}

/** The exclusive upper bound of `~V`: bump the minor when one is written, else the major. */
export function tildeUpperBound(version: string): string {
  const release = releaseOf(version);
  const index = release.length >= 2 ? 1 : 0;
  const upper = release.slice(0, index + 1);
  upper[index] = upper[index]! + 1;
  return upper.join('.');
}

/** A new Poetry constraint that admits `version` as the lowest (or the only) version. */
export function rewritePoetryConstraint(constraint: string, version: string, style: FixStyle): Rewritten | null {
  if (!isValidVersion(version)) return null;
  const trimmed = constraint.trim();
  if (style === 'pin') return { text: BARE_VERSION.test(trimmed) ? version : `==${version}`, notes: [] };
  if (trimmed === '' || trimmed === '*') return { text: `>=${version}`, notes: [] };
  if (trimmed.includes('||')) return { text: `>=${version}`, notes: [`The alternatives '${trimmed}' were replaced by one lower bound.`] };
  if (BARE_VERSION.test(trimmed)) return { text: `>=${version}`, notes: [`The exact version '${trimmed}' became a lower bound.`] };
  const caret = /^\^\s*([^\s,|]+)$/.exec(trimmed);
  if (caret) return moved('^', caret[1]!, version, caretUpperBound);
  const tilde = /^~(?!=)\s*([^\s,|]+)$/.exec(trimmed);
  if (tilde) return moved('~', tilde[1]!, version, tildeUpperBound);
  return rewriteClauses(trimmed, version);
}

function moved(operator: '^' | '~', old: string, version: string, upper: (v: string) => string): Rewritten {
  const before = upper(old);
  const after = upper(version);
  const notes = before === after ? [] : [`${operator}${version} allows versions below ${after}; ${operator}${old} allowed only below ${before}.`];
  return { text: `${operator}${version}`, notes };
}

/**
 * Clauses joined by ',' or by spaces (Poetry accepts both). Caret and tilde clauses inside such a
 * list are turned into their PEP 440 ranges first, then the PEP 440 rewrite applies.
 */
function rewriteClauses(constraint: string, version: string): Rewritten | null {
  const parts = constraint.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter((p) => p !== '');
  const expanded: string[] = [];
  for (const part of parts) {
    const caret = /^\^\s*([^\s,|]+)$/.exec(part);
    const tilde = /^~(?!=)\s*([^\s,|]+)$/.exec(part);
    if (caret) expanded.push(`>=${caret[1]}`, `<${caretUpperBound(caret[1]!)}`);
    else if (tilde) expanded.push(`>=${tilde[1]}`, `<${tildeUpperBound(tilde[1]!)}`);
    else expanded.push(part);
  }
  const separator = /,\s+/.test(constraint) ? ', ' : ',';
  return rewriteSpecifier(expanded.join(separator), version, 'lower-bound');
}

/** A Poetry constraint for a fork or an alternative; see replacementSpecifier for the rule. */
export function replacementPoetryConstraint(constraint: string, version: string | null): string {
  const trimmed = constraint.trim();
  if (version == null || !isValidVersion(version) || trimmed === '' || trimmed === '*') return '*';
  if (BARE_VERSION.test(trimmed)) return version;
  if (/^==\s*[^,*]+$/.test(trimmed)) return `==${version}`;
  if (trimmed.startsWith('^')) return `^${version}`;
  if (/^~(?!=)/.test(trimmed)) return `~${version}`;
  return `>=${version}`;
}
