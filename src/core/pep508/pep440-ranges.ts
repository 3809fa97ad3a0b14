/**
 * Whether a specifier set can be satisfied at all, decided as packaging 26.2's
 * `SpecifierSet.is_unsatisfiable()` does: every specifier becomes version ranges, the ranges are
 * intersected, and `===` and `prereleases=False` are checked on top.
 */
import {
  setPrereleases,
  specifierContains,
  type VersionSpecifier,
  type VersionSpecifierSet,
} from './pep440-specifier';
import { compareParsed, increment, isPrereleaseVersion, parseVersion, type Pep440Version } from './pep440-version';

/** A point between real versions: after every `V+local` (1), or after every `V.postN` (2). */
interface Boundary {
  readonly version: Pep440Version;
  readonly kind: 1 | 2;
}

type Point = Pep440Version | Boundary | null;

interface Bound {
  readonly point: Point;
  readonly inclusive: boolean;
}

type Range = readonly [Bound, Bound];

const NEG_INF: Bound = { point: null, inclusive: false };
const POS_INF: Bound = { point: null, inclusive: false };
const MIN_VERSION = parseVersion('0.dev0')!;

function isBoundary(p: Pep440Version | Boundary): p is Boundary {
  return 'kind' in p;
}

function trimmed(release: readonly string[]): string {
  let end = release.length;
  while (end > 1 && release[end - 1] === '0') end--;
  return release.slice(0, end).join('.');
}

function samePre(a: Pep440Version, b: Pep440Version): boolean {
  return a.pre === b.pre || (a.pre != null && b.pre != null && a.pre[0] === b.pre[0] && a.pre[1] === b.pre[1]);
}

/** Whether a boundary sorts above `other` although its own version does not. */
function isFamily(b: Boundary, other: Pep440Version): boolean {
  const v = b.version;
  if (other.epoch !== v.epoch || trimmed(other.release) !== trimmed(v.release) || !samePre(other, v)) return false;
  if (b.kind === 1) return other.post === v.post && other.dev === v.dev;
  return other.dev === v.dev || other.post != null;
}

function comparePoints(a: Pep440Version | Boundary, b: Pep440Version | Boundary): number {
  if (isBoundary(a) && isBoundary(b)) return compareParsed(a.version, b.version) || a.kind - b.kind;
  if (isBoundary(a)) return !isFamily(a, b as Pep440Version) && compareParsed(a.version, b as Pep440Version) < 0 ? -1 : 1;
  if (isBoundary(b)) return -comparePoints(b, a);
  return compareParsed(a, b);
}

function pointsEqual(a: Point, b: Point): boolean {
  if (a == null || b == null) return a === b;
  if (isBoundary(a) !== isBoundary(b)) return false;
  return comparePoints(a, b) === 0;
}

function lowerLess(a: Bound, b: Bound): boolean {
  if (a.point == null) return b.point != null;
  if (b.point == null) return false;
  if (!pointsEqual(a.point, b.point)) return comparePoints(a.point, b.point) < 0;
  return a.inclusive && !b.inclusive;
}

function upperLess(a: Bound, b: Bound): boolean {
  if (a.point == null) return false;
  if (b.point == null) return true;
  if (!pointsEqual(a.point, b.point)) return comparePoints(a.point, b.point) < 0;
  return !a.inclusive && b.inclusive;
}

function boundsEqual(a: Bound, b: Bound): boolean {
  return pointsEqual(a.point, b.point) && a.inclusive === b.inclusive;
}

function isEmpty(lower: Bound, upper: Bound): boolean {
  if (lower.point == null || upper.point == null) return false;
  if (pointsEqual(lower.point, upper.point)) return !(lower.inclusive && upper.inclusive);
  return comparePoints(lower.point, upper.point) > 0;
}

function intersect(left: readonly Range[], right: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const [ll, lu] = left[i]!;
    const [rl, ru] = right[j]!;
    const lower = !lowerLess(rl, ll) && !boundsEqual(rl, ll) ? rl : ll;
    const upper = upperLess(ru, lu) ? ru : lu;
    if (!isEmpty(lower, upper)) out.push([lower, upper]);
    if (upperLess(lu, ru)) i++;
    else j++;
  }
  return out;
}

function withDev0(v: Pep440Version, release = v.release): Pep440Version {
  return { epoch: v.epoch, release, pre: null, post: null, dev: '0', local: null };
}

function nextPrefixDev0(v: Pep440Version): Pep440Version {
  return withDev0(v, [...v.release.slice(0, -1), increment(v.release[v.release.length - 1]!)]);
}

function bound(point: Point, inclusive: boolean): Bound {
  return { point, inclusive };
}

function standardRanges(op: string, text: string): Range[] {
  const v = parseVersion(text)!;
  switch (op) {
    case '>=':
      return [[bound(v, true), POS_INF]];
    case '<=':
      return [[NEG_INF, bound({ version: v, kind: 1 }, true)]];
    case '>':
      if (v.dev != null) return [[bound({ ...v, dev: increment(v.dev), local: null }, true), POS_INF]];
      if (v.post != null) return [[bound({ ...v, post: increment(v.post), dev: '0', local: null }, true), POS_INF]];
      return [[bound({ version: v, kind: 2 }, false), POS_INF]];
    case '<': {
      const upper = isPrereleaseVersion(v) ? v : { ...v, dev: '0', local: null };
      return compareParsed(upper, MIN_VERSION) <= 0 ? [] : [[NEG_INF, bound(upper, false)]];
    }
    case '~=': {
      const prefix = { ...v, release: v.release.slice(0, -1) };
      return [[bound(v, true), bound(nextPrefixDev0(prefix), false)]];
    }
  }
  const upper: Pep440Version | Boundary = text.includes('+') ? v : { version: v, kind: 1 };
  if (op === '==') return [[bound(v, true), bound(upper, true)]];
  return [
    [NEG_INF, bound(v, false)],
    [bound(upper, false), POS_INF],
  ];
}

function toRanges(spec: VersionSpecifier): Range[] {
  if (spec.operator === '===') return [[NEG_INF, POS_INF]];
  if (!spec.version.endsWith('.*')) return standardRanges(spec.operator, spec.version);
  const base = parseVersion(spec.version.slice(0, -2))!;
  const lower = withDev0(base);
  const upper = nextPrefixDev0(base);
  if (spec.operator === '==') return [[bound(lower, true), bound(upper, false)]];
  return [
    [NEG_INF, bound(lower, false)],
    [bound(upper, true), POS_INF],
  ];
}

/** The smallest version that is not a pre-release at or above a point. */
function nearestNonPrerelease(p: Point): Pep440Version | null {
  if (p == null) return null;
  if (isBoundary(p)) {
    const inner = p.version;
    if (isPrereleaseVersion(inner)) return { ...inner, pre: null, dev: null, local: null };
    return { ...inner, post: inner.post == null ? '0' : increment(inner.post), local: null };
  }
  return isPrereleaseVersion(p) ? { ...p, pre: null, dev: null, local: null } : p;
}

function onlyPrereleases(ranges: readonly Range[]): boolean {
  for (const [lower, upper] of ranges) {
    const nearest = nearestNonPrerelease(lower.point);
    if (nearest == null) return false;
    if (upper.point == null || comparePoints(nearest, upper.point) < 0) return false;
    if (pointsEqual(nearest, upper.point) && upper.inclusive) return false;
  }
  return true;
}

function arbitraryUnsatisfiable(set: VersionSpecifierSet): boolean {
  const arbitrary = set.specifiers.filter((s) => s.operator === '===');
  if (arbitrary.length === 0) return false;
  const first = arbitrary[0]!.version.toLowerCase();
  if (arbitrary.some((s) => s.version.toLowerCase() !== first)) return true;
  const candidate = parseVersion(arbitrary[0]!.version);
  if (setPrereleases(set) === false && candidate != null && isPrereleaseVersion(candidate)) return true;
  const standard = set.specifiers.filter((s) => s.operator !== '===');
  if (standard.length === 0) return false;
  if (candidate == null) return true;
  return !standard.every((s) => specifierContains(s, candidate));
}

/** `SpecifierSet.is_unsatisfiable()`: true when no version can satisfy every specifier. */
export function isUnsatisfiable(set: VersionSpecifierSet): boolean {
  if (set.specifiers.length === 0) return false;
  let ranges: Range[] | null = null;
  for (const spec of set.specifiers) {
    ranges = ranges == null ? toRanges(spec) : intersect(ranges, toRanges(spec));
    if (ranges.length === 0) return true;
  }
  if (arbitraryUnsatisfiable(set)) return true;
  return setPrereleases(set) === false && onlyPrereleases(ranges ?? []);
}
