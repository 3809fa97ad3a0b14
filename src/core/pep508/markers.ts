/**
 * PEP 508 environment markers: the tree, its canonical text, and its evaluation for a target
 * environment. The tree has the shape packaging uses — a flat list of atoms joined by 'and' / 'or',
 * with parenthesised groups as nested lists — so that grouping, precedence ('and' binds tighter)
 * and the canonical text all come out as pip prints them. Evaluation follows pypa/packaging 26.2
 * (`packaging.markers`); docs/conformance.md lists where we deliberately answer instead of raising.
 */
import { normalizeName } from '../versions';
import { parseSpecifier, specifierContains } from './pep440-specifier';

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

/** packaging compares these variables as PEP 440 versions when the other side makes a specifier. */
const VERSION_VARIABLES: ReadonlySet<string> = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

/** Variable names as packaging canonicalises them (PEP 345 dotted names, setuptools' alias). */
export function canonicalVariable(name: string): string {
  const underscored = name.replace(/\./g, '_');
  return underscored === 'python_implementation' ? 'platform_python_implementation' : underscored;
}

function formatValue(value: MarkerValue): string {
  return value.kind === 'variable' ? value.name : `"${value.value}"`;
}

function formatItem(item: MarkerComparison | MarkerList | 'and' | 'or', first: boolean): string {
  if (typeof item === 'string') return item;
  if ('kind' in item) return `${formatValue(item.lhs)} ${item.op} ${formatValue(item.rhs)}`;
  // A group of one atom prints without parentheses, as packaging's `_format_marker` does.
  if (item.length === 1 && typeof item[0] !== 'string') return formatItem(item[0]!, true);
  const inner = item.map((part) => formatItem(part, false)).join(' ');
  return first ? inner : `(${inner})`;
}

/** The canonical text, as `str(packaging.markers.Marker(...))` prints it. */
export function formatMarker(marker: MarkerList): string {
  return formatItem(marker, true);
}

type Value = string | readonly string[];

function lookup(name: string, target: TargetEnvironment): Value {
  switch (name) {
    case 'extra':
    case 'extras':
      return target.extras.map(normalizeName);
    case 'dependency_groups':
      return target.dependencyGroups.map(normalizeName);
    default:
      return (target.env as unknown as Record<string, string>)[name] ?? '';
  }
}

/** packaging's string operators: `<` and `>` never hold, `<=` and `>=` mean equality. */
function compareStrings(lhs: string, op: string, rhs: string): boolean {
  switch (op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '==':
    case '<=':
    case '>=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    default:
      // '<' and '>' are false; '~=' and '===' are undefined on strings (packaging raises).
      return false;
  }
}

/** `extra` and the set-valued `extras` / `dependency_groups`: membership of the normalized name. */
function evaluateMembership(op: string, value: string, set: readonly string[]): boolean {
  const member = set.includes(normalizeName(value));
  if (op === '==' || op === 'in' || op === '<=' || op === '>=') return member;
  if (op === '!=' || op === 'not in') return !member;
  return false;
}

/**
 * One comparison. The environment value is taken from the variable's side; for the version
 * variables the comparison is a PEP 440 specifier check when `op` and the other side make a valid
 * specifier (packaging's `_eval_op`), otherwise a string comparison.
 */
function evaluateComparison(c: MarkerComparison, target: TargetEnvironment): boolean {
  const key = c.lhs.kind === 'variable' ? c.lhs.name : c.rhs.kind === 'variable' ? c.rhs.name : null;
  if (key == null) return false;
  const envValue = lookup(key, target);
  const literal = c.lhs.kind === 'variable' ? (c.rhs.kind === 'string' ? c.rhs.value : c.rhs.name) : (c.lhs as { value: string }).value;
  if (typeof envValue !== 'string') return evaluateMembership(c.op, literal, envValue);
  const [lhs, rhs] = c.lhs.kind === 'variable' ? [envValue, literal] : [literal, envValue];
  if (VERSION_VARIABLES.has(key) && c.op !== 'in' && c.op !== 'not in') {
    const spec = parseSpecifier(`${c.op}${rhs}`);
    if (spec) return specifierContains(spec, lhs, true);
  }
  return compareStrings(lhs, c.op, rhs);
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
