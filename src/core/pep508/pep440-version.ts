/**
 * PEP 440 versions, parsed, printed and ordered exactly as pypa/packaging 26.2 does
 * (`packaging.version.Version`). Numbers are kept as digit strings without leading zeros, so that
 * versions with more digits than a JavaScript number holds still compare exactly.
 */

export type PreLetter = 'a' | 'b' | 'rc';

export interface Pep440Version {
  /** Digit strings without leading zeros ("0" for zero). */
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: readonly [PreLetter, string] | null;
  readonly post: string | null;
  readonly dev: string | null;
  /** Local segments: lower-cased words, or digit strings for numeric segments. */
  readonly local: readonly string[] | null;
}

/** Python's `\s` (str patterns): ASCII whitespace, \x1c-\x1f, \x85 and the Unicode spaces. */
export const PY_SPACE = String.raw`[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;

/** packaging's VERSION_PATTERN (case-insensitive, ASCII letters only as its `(?a:)` groups say). */
export const VERSION_PATTERN =
  String.raw`v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)` +
  String.raw`(?<pre>[._-]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[._-]?(?<pre_n>[0-9]+)?)?` +
  String.raw`(?<post>(?:-(?<post_n1>[0-9]+))|(?:[._-]?(?<post_l>post|rev|r)[._-]?(?<post_n2>[0-9]+)?))?` +
  String.raw`(?<dev>[._-]?(?<dev_l>dev)[._-]?(?<dev_n>[0-9]+)?)?)` +
  String.raw`(?:\+(?<local>[a-z0-9]+(?:[._-][a-z0-9]+)*))?`;

const VERSION_RE = new RegExp(`^${VERSION_PATTERN}$`, 'i');
const SPACE_RE = new RegExp(`^${PY_SPACE}$`);
const STRIP_RE = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

/** CPython refuses to convert longer digit strings to int (sys.int_info.default_max_str_digits). */
const MAX_DIGITS = 4300;

const NUMERIC = /^[0-9]+$/;

const LETTERS: Readonly<Record<string, string>> = { alpha: 'a', beta: 'b', c: 'rc', pre: 'rc', preview: 'rc', rev: 'post', r: 'post' };

function digits(text: string): string {
  let i = 0;
  while (i < text.length - 1 && text.charCodeAt(i) === 48) i++;
  return text.slice(i);
}

function tooLong(groups: Record<string, string | undefined>): boolean {
  for (const value of Object.values(groups)) {
    if (value === undefined) continue;
    for (const run of value.match(/[0-9]+/g) ?? []) if (run.length > MAX_DIGITS) return true;
  }
  return false;
}

const SIMPLE_RE = /^[0-9]+(?:\.[0-9]+)*$/;

function parseUncached(text: string): Pep440Version | null {
  // Most versions are plain releases ("2.31.0"): packaging takes the same fast path.
  if (SIMPLE_RE.test(text) && text.length <= MAX_DIGITS) {
    return { epoch: '0', release: text.split('.').map(digits), pre: null, post: null, dev: null, local: null };
  }
  // packaging allows surrounding whitespace; stripping it first keeps the version regex fast.
  const edges = text.length > 0 && (SPACE_RE.test(text[0]!) || SPACE_RE.test(text[text.length - 1]!));
  const m = VERSION_RE.exec(edges ? text.replace(STRIP_RE, '') : text);
  const g = m?.groups;
  if (!g || (text.length > MAX_DIGITS && tooLong(g))) return null;
  const preLetter = g.pre_l ? LETTERS[g.pre_l.toLowerCase()] ?? g.pre_l.toLowerCase() : null;
  const postNumber = g.post_l ? g.post_n2 ?? '0' : g.post_n1;
  return {
    epoch: g.epoch ? digits(g.epoch) : '0',
    release: g.release!.split('.').map(digits),
    pre: preLetter ? [preLetter as PreLetter, digits(g.pre_n ?? '0')] : null,
    post: postNumber !== undefined ? digits(postNumber) : null,
    dev: g.dev_l ? digits(g.dev_n ?? '0') : null,
    local: g.local ? g.local.split(/[._-]/).map((part) => (NUMERIC.test(part) ? digits(part) : part.toLowerCase())) : null,
  };
}

/** Parsed versions are immutable, so the same text is parsed once (the cache is bounded). */
const cache = new Map<string, Pep440Version | null>();
const CACHE_LIMIT = 20000;

/** Parses a version as `packaging.version.Version` does; null when it is not valid PEP 440. */
export function parseVersion(text: string): Pep440Version | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/** The normalized text, as `str(Version(...))` prints it. */
export function formatVersion(v: Pep440Version): string {
  let out = v.release.join('.');
  if (v.epoch !== '0') out = `${v.epoch}!${out}`;
  if (v.pre) out += v.pre[0] + v.pre[1];
  if (v.post != null) out += `.post${v.post}`;
  if (v.dev != null) out += `.dev${v.dev}`;
  if (v.local) out += `+${v.local.join('.')}`;
  return out;
}

/** Compares two digit strings without leading zeros. */
export function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function trimmedLength(release: readonly string[]): number {
  let n = release.length;
  while (n > 0 && release[n - 1] === '0') n--;
  return n;
}

/** Release segments compare as tuples with trailing zeros stripped, so 1.0.0 == 1. */
function compareReleases(a: readonly string[], b: readonly string[]): number {
  const la = trimmedLength(a);
  const lb = trimmedLength(b);
  for (let i = 0; i < Math.min(la, lb); i++) {
    const c = compareNumbers(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return la - lb;
}

const PRE_RANK: Readonly<Record<PreLetter, number>> = { a: 0, b: 1, rc: 2 };

/** packaging's `_cmpkey` suffix: (pre rank, pre n, post rank, post n, dev rank, dev n). */
function suffix(v: Pep440Version): [number, string, number, string, number, string] {
  const preRank = v.pre ? PRE_RANK[v.pre[0]] : v.post == null && v.dev != null ? -1 : 3;
  return [preRank, v.pre ? v.pre[1] : '0', v.post == null ? 0 : 1, v.post ?? '0', v.dev == null ? 1 : 0, v.dev ?? '0'];
}

function compareSuffixes(a: Pep440Version, b: Pep440Version): number {
  const sa = suffix(a);
  const sb = suffix(b);
  for (let i = 0; i < 6; i += 2) {
    const rank = (sa[i] as number) - (sb[i] as number);
    if (rank !== 0) return rank;
    const n = compareNumbers(sa[i + 1] as string, sb[i + 1] as string);
    if (n !== 0) return n;
  }
  return 0;
}

/** PEP 440 local ordering: strings before numbers, numbers numerically, shorter first on a tie. */
function compareLocals(a: readonly string[] | null, b: readonly string[] | null): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNum = NUMERIC.test(x);
    const yNum = NUMERIC.test(y);
    if (xNum !== yNum) return xNum ? 1 : -1;
    const c = xNum ? compareNumbers(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function compareParsed(a: Pep440Version, b: Pep440Version): number {
  return compareNumbers(a.epoch, b.epoch) || compareReleases(a.release, b.release) || compareSuffixes(a, b) || compareLocals(a.local, b.local);
}

export function isPrereleaseVersion(v: Pep440Version): boolean {
  return v.pre != null || v.dev != null;
}

/** The version without its local label. */
export function publicOf(v: Pep440Version): Pep440Version {
  return v.local ? { ...v, local: null } : v;
}

/** `canonicalize_version`: the normalized text, by default without trailing zero release segments. */
export function canonicalVersion(v: Pep440Version, stripTrailingZero = true): string {
  if (!stripTrailingZero) return formatVersion(v);
  const keep = Math.max(1, trimmedLength(v.release));
  return formatVersion({ ...v, release: v.release.slice(0, keep) });
}

/** Adds one to a digit string. */
export function increment(n: string): string {
  const chars = n.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') chars[i--] = '0';
  if (i < 0) return `1${chars.join('')}`;
  chars[i] = String(Number(chars[i]) + 1);
  return chars.join('');
}
