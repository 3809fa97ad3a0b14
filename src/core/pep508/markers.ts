/**
 * PEP 508 environment markers: the tree, its canonical text, and its evaluation for a target
 * environment. The tree has the shape packaging uses — a flat list of atoms joined by 'and' / 'or',
 * with parenthesised groups as nested lists — so that grouping, precedence ('and' binds tighter)
 * and the canonical text all come out as pip prints them.
 */
import { isValidVersion, normalizeName, satisfies } from '../versions';

export type MarkerValue =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string };

export interface MarkerComparison {
  readonly kind: 'compare';
  readonly lhs: MarkerValue;
  readonly op: string;
  readonly rhs: MarkerValue;
}

/** Atoms at even indexes, 'and' / 'or' at odd ones. */
export type MarkerList = readonly (MarkerComparison | MarkerList | 'and' | 'or')[];

/** The values a marker is evaluated against (PEP 508 "Environment Markers"). */
export interface MarkerEnvironment {
  readonly python_version: string;
  readonly python_full_version: string;
  readonly os_name: string;
  readonly sys_platform: string;
  readonly platform_release: string;
  readonly platform_system: string;
  readonly platform_version: string;
  readonly platform_machine: string;
  readonly platform_python_implementation: string;
  readonly implementation_name: string;
  readonly implementation_version: string;
}

export interface TargetEnvironment {
  readonly env: MarkerEnvironment;
  /** Extras requested for the package whose requirements are evaluated. */
  readonly extras: readonly string[];
  /** PEP 735 groups requested (the `dependency_groups` marker variable of pylock.toml). */
  readonly dependencyGroups: readonly string[];
}

export type Platform = 'linux' | 'macos' | 'windows';

/** A CPython environment for a Python version and platform, as a resolver or a lock installer sees it. */
export function environmentFor(pythonVersion: string, platform: Platform, machine = 'x86_64'): MarkerEnvironment {
  const [major = '3', minor = '12', patch] = pythonVersion.split('.');
  const full = `${major}.${minor}.${patch ?? '0'}`;
  const byPlatform = {
    linux: { os_name: 'posix', sys_platform: 'linux', platform_system: 'Linux' },
    macos: { os_name: 'posix', sys_platform: 'darwin', platform_system: 'Darwin' },
    windows: { os_name: 'nt', sys_platform: 'win32', platform_system: 'Windows' },
  }[platform];
  return {
    python_version: `${major}.${minor}`,
    python_full_version: full,
    ...byPlatform,
    platform_release: '',
    platform_version: '',
    platform_machine: platform === 'windows' && machine === 'x86_64' ? 'AMD64' : machine,
    platform_python_implementation: 'CPython',
    implementation_name: 'cpython',
    implementation_version: full,
  };
}

/** The newest CPython on Linux x86-64, the default target when settings name none. */
export const DEFAULT_TARGET: TargetEnvironment = {
  env: environmentFor('3.13', 'linux'),
  extras: [],
  dependencyGroups: [],
};

const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version']);

/** Variable names as packaging canonicalises them (PEP 345 dotted names, setuptools' alias). */
export function canonicalVariable(name: string): string {
  if (name === 'python_implementation' || name === 'platform.python_implementation') return 'platform_python_implementation';
  return name.replace('.', '_');
}

function formatValue(value: MarkerValue): string {
  return value.kind === 'variable' ? value.name : `"${value.value}"`;
}

function formatList(list: MarkerList, first: boolean): string {
  if (list.length === 1 && Array.isArray(list[0])) return formatList(list[0] as MarkerList, first);
  const inner = list.map((item) => (typeof item === 'string' ? item : 'kind' in item ? formatComparison(item) : formatList(item, false)));
  return first ? inner.join(' ') : `(${inner.join(' ')})`;
}

function formatComparison(c: MarkerComparison): string {
  return `${formatValue(c.lhs)} ${c.op} ${formatValue(c.rhs)}`;
}

/** The canonical text, as `str(packaging.markers.Marker(...))` prints it. */
export function formatMarker(marker: MarkerList): string {
  return formatList(marker, true);
}

function lookup(value: MarkerValue, target: TargetEnvironment): string | readonly string[] {
  if (value.kind === 'string') return value.value;
  switch (value.name) {
    case 'extra':
    case 'extras':
      return target.extras.map(normalizeName);
    case 'dependency_groups':
      return target.dependencyGroups.map(normalizeName);
    default:
      return (target.env as unknown as Record<string, string>)[value.name] ?? '';
  }
}

function compareStrings(lhs: string, op: string, rhs: string): boolean {
  switch (op) {
    case '==':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
      return lhs < rhs;
    case '<=':
      return lhs <= rhs;
    case '>':
      return lhs > rhs;
    case '>=':
      return lhs >= rhs;
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    default:
      // '~=' and '===' are only defined for versions; packaging raises UndefinedComparison.
      return false;
  }
}

/**
 * One comparison. Versions compare as PEP 440 when the right-hand side makes a valid specifier
 * (packaging's `_eval_op`), otherwise as strings. Set-valued variables (`extra`, `extras`,
 * `dependency_groups`) test membership of the normalised name.
 */
function evaluateComparison(c: MarkerComparison, target: TargetEnvironment): boolean {
  const lhs = lookup(c.lhs, target);
  const rhs = lookup(c.rhs, target);
  if (Array.isArray(lhs) || Array.isArray(rhs)) {
    const set = (Array.isArray(lhs) ? lhs : rhs) as readonly string[];
    const other = normalizeName((Array.isArray(lhs) ? rhs : lhs) as string);
    const member = set.includes(other);
    if (c.op === '==' || c.op === 'in') return member;
    if (c.op === '!=' || c.op === 'not in') return !member;
    return false;
  }
  const l = lhs as string;
  const r = rhs as string;
  const versionish = (c.lhs.kind === 'variable' && VERSION_VARIABLES.has(c.lhs.name)) || (c.rhs.kind === 'variable' && VERSION_VARIABLES.has(c.rhs.name));
  if (c.op !== 'in' && c.op !== 'not in' && versionish && isValidVersion(l)) {
    const spec = `${c.op}${r}`;
    try {
      return satisfies(l, spec, { prereleases: true });
    } catch {
      // Not a valid specifier: fall through to string comparison, as packaging does.
    }
  }
  return compareStrings(l, c.op, r);
}

export function evaluateMarker(marker: MarkerList, target: TargetEnvironment): boolean {
  const groups: boolean[][] = [[]];
  for (const item of marker) {
    if (item === 'or') groups.push([]);
    else if (item === 'and') continue;
    else groups[groups.length - 1]!.push('kind' in item ? evaluateComparison(item, target) : evaluateMarker(item, target));
  }
  return groups.some((group) => group.every(Boolean));
}

/** The extras a marker mentions (`extra == "x"`), used to tell which extra pulls a dependency in. */
export function markerExtras(marker: MarkerList): string[] {
  const out: string[] = [];
  for (const item of marker) {
    if (typeof item === 'string') continue;
    if (!('kind' in item)) {
      out.push(...markerExtras(item));
      continue;
    }
    const { lhs, rhs, op } = item;
    if ((op === '==' || op === '===') && lhs.kind === 'variable' && lhs.name === 'extra' && rhs.kind === 'string') out.push(normalizeName(rhs.value));
    if ((op === '==' || op === '===') && rhs.kind === 'variable' && rhs.name === 'extra' && lhs.kind === 'string') out.push(normalizeName(lhs.value));
  }
  return out;
}
