/**
 * Poetry's version constraints, translated to PEP 440 so that versions can be matched with the
 * one PEP 440 implementation (src/core/versions.ts). The rules are poetry-core's
 * (`poetry.core.constraints.version.parser`):
 *
 *   `||` or `|` separates alternatives; `,` or whitespace joins clauses of one alternative;
 *   `*`, `x` → any version;     `1.2.*`, `==1.2.*`, `!=1.2.*` → wildcard (in)equality;
 *   `^1.2.3` → >=1.2.3,<2.0.0   (the first non-zero of major, minor, patch may not change);
 *   `~1.2.3` → >=1.2.3,<1.3.0   (`~1` → >=1,<2);
 *   `~=1.2`  → >=1.2,<2.0 as in PEP 440;
 *   a bare version `1.2` and `=1.2` → ==1.2; `<>` → !=.
 *
 * PEP 440 has no "or", so the result is a list of specifier sets: a version matches the Poetry
 * constraint when it satisfies any of them. Parentheses around an alternative, which Poetry's own
 * 2022 pyproject writes (`(>=20.4.3,<20.4.5 || >=20.4.7)`), are accepted and ignored.
 */
import { isValidSpecifier } from '../../../versions';

const ATOM = /[\s,]*(\^|~=|~|===|==|!=|<>|<=|>=|<|>|=)?\s*([A-Za-z0-9*+!_.-]+)/y;
const ANY = /^v?[xX*](\.[xX*])*$/;
const X_RANGE = /^v?(\d+(?:\.\d+){0,2})(?:\.[xX*])+$/;
const RELEASE = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(.*)$/;

/**
 * The PEP 440 specifier sets a Poetry constraint stands for ("" means any version), or
 * undefined when Poetry would reject the constraint.
 */
export function toPep440(constraint: string): readonly string[] | undefined {
  const text = constraint.trim();
  if (text === '' || text === '*') return [''];
  const out: string[] = [];
  for (const alternative of text.split(/\s*\|\|?\s*/)) {
    const clauses = clausesOf(alternative.replace(/^\(+/, '').replace(/\)+$/, '').replace(/[\s,]+$/, ''));
    if (clauses === undefined) return undefined;
    const specifier = clauses.join(',');
    if (!isValidSpecifier(specifier)) return undefined;
    out.push(specifier);
  }
  return out;
}

function clausesOf(text: string): string[] | undefined {
  if (text.trim() === '') return undefined;
  const clauses: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    ATOM.lastIndex = pos;
    const m = ATOM.exec(text);
    if (!m) return /^[\s,]*$/.test(text.slice(pos)) ? clauses : undefined;
    pos = ATOM.lastIndex;
    const translated = translate(m[1] ?? '', m[2]!);
    if (translated === undefined) return undefined;
    clauses.push(...translated);
  }
  return clauses;
}

function translate(op: string, version: string): string[] | undefined {
  if (op === '' && ANY.test(version)) return [];
  const wildcard = X_RANGE.exec(version);
  if (wildcard) return op === '' || op === '=' || op === '==' ? [`==${wildcard[1]}.*`] : op === '!=' ? [`!=${wildcard[1]}.*`] : undefined;
  const v = version === 'dev' ? '0.0.dev0' : version.replace(/^v(?=\d)/, '');
  switch (op) {
    case '^':
      return caret(v);
    case '~':
      return tilde(v);
    case '~=':
      return compatible(v);
    case '':
    case '=':
      return [`==${v}`];
    case '<>':
      return [`!=${v}`];
    default:
      return [`${op}${v}`];
  }
}

interface Release {
  readonly epoch: string;
  readonly numbers: readonly number[];
}

function releaseOf(version: string): Release | undefined {
  const m = RELEASE.exec(version);
  if (!m) return undefined;
  return { epoch: m[1] === undefined ? '' : `${m[1]}!`, numbers: m[2]!.split('.').map(Number) };
}

/** The release with segment `index` raised by one and the ones after it zeroed, e.g. 1.2.3 → 2.0.0. */
function bump(release: Release, index: number): string {
  const length = Math.max(release.numbers.length, index + 1);
  const parts: number[] = [];
  for (let i = 0; i < length; i++) parts.push(i < index ? (release.numbers[i] ?? 0) : i === index ? (release.numbers[i] ?? 0) + 1 : 0);
  return release.epoch + parts.join('.');
}

/** poetry-core `Version.next_breaking`: the first non-zero of major, minor, patch is kept. */
function caret(version: string): string[] | undefined {
  const release = releaseOf(version);
  if (!release) return undefined;
  const [major = 0, minor, patch] = release.numbers;
  const index = major > 0 || minor === undefined ? 0 : minor > 0 || patch === undefined ? 1 : 2;
  return [`>=${version}`, `<${bump(release, index)}`];
}

/** `~1.2.3` allows patch changes, `~1` minor ones (poetry-core's TILDE_CONSTRAINT). */
function tilde(version: string): string[] | undefined {
  const release = releaseOf(version);
  if (!release) return undefined;
  return [`>=${version}`, `<${bump(release, release.numbers.length === 1 ? 0 : 1)}`];
}

/** PEP 440's `~=` needs two release segments; Poetry reads `~=1` as >=1,<1.1. */
function compatible(version: string): string[] | undefined {
  const release = releaseOf(version);
  if (!release) return undefined;
  return release.numbers.length >= 2 ? [`~=${version}`] : [`>=${version}`, `<${bump(release, 1)}`];
}

/**
 * Poetry's `python = "..."` and the like as an environment marker, the way Poetry writes them
 * into metadata: two-segment versions compare `python_version`, longer ones `python_full_version`.
 * Null when any Python is allowed; undefined when the constraint does not parse.
 */
export function pythonMarker(constraint: string): string | null | undefined {
  const alternatives = toPep440(constraint);
  if (alternatives === undefined) return undefined;
  if (alternatives.includes('')) return null;
  const parts = alternatives.map((alternative) => {
    const atoms = alternative.split(',').map((clause) => {
      const m = /^(===|==|!=|~=|<=|>=|<|>)(.*)$/.exec(clause)!;
      const segments = m[2]!.replace(/\.\*$/, '').split('.').length;
      return `${segments <= 2 ? 'python_version' : 'python_full_version'} ${m[1]} "${m[2]}"`;
    });
    return atoms.length > 1 && alternatives.length > 1 ? `(${atoms.join(' and ')})` : atoms.join(' and ');
  });
  return parts.join(' or ');
}

/** Whether a Poetry constraint names exactly one version (a bare version or `==`, no wildcard). */
export function isPoetryPin(constraint: string): boolean {
  const alternatives = toPep440(constraint);
  return alternatives !== undefined && alternatives.length === 1 && /^==[^,*]+$/.test(alternatives[0]!);
}
