/**
 * Which releases of a project may be chosen, newest first: pip's `find_matches`. A release is a
 * candidate when its Requires-Python admits the target Python, every requirement on the project
 * admits its version (with PEP 440's pre-release rule: pre-releases only when asked for, when a
 * specifier names one, or when nothing else matches), and it is not yanked — unless every
 * matching release is yanked and a requirement pins one with `==` or `===` (PEP 592).
 */
import type { ReleaseSummary } from '../../model/package-info';
import { compareVersions, filterVersions, isValidSpecifier, isValidVersion, satisfies } from '../../versions';

export interface CandidateRules {
  /** The target's python_full_version; pip checks Requires-Python against `sys.version_info[:3]`. */
  readonly python: string;
  /** Every pre-release may be chosen (`--pre`, or the resolver's option). */
  readonly prereleases: boolean;
}

/** Poetry's `||` makes a requirement a union; more combinations than this are not tried. */
const MAX_COMBINATIONS = 64;

export function pythonAllows(requiresPython: string | null, python: string): boolean {
  if (requiresPython == null || requiresPython.trim() === '') return true;
  // pip ignores a Requires-Python it cannot parse rather than refuse the release for it.
  if (!isValidSpecifier(requiresPython)) return true;
  return satisfies(python, requiresPython, { prereleases: true });
}

/**
 * The versions every requirement admits, newest first. `requirements` holds one list of
 * alternatives per requirement (constraints included), any one of which admits a version.
 */
export function matchingVersions(releases: readonly ReleaseSummary[], requirements: readonly (readonly string[])[], rules: CandidateRules): string[] {
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  const fits = releases.filter((r) => pythonAllows(r.requiresPython, rules.python)).map((r) => r.version);
  const admitted = admittedBy(requirements, fits, rules.prereleases);
  const allYanked = admitted.every((v) => byVersion.get(v)!.yanked);
  const pinned = requirements.some((alternatives) => alternatives.every(isExactPin));
  return newestFirst(admitted.filter((v) => !byVersion.get(v)!.yanked || (allYanked && pinned)));
}

/** `SpecifierSet(all requirements joined).filter(versions)`, as pip asks it, over each union member. */
function admittedBy(requirements: readonly (readonly string[])[], versions: readonly string[], prereleases: boolean): string[] {
  let combinations: string[][] = [[]];
  for (const alternatives of requirements) {
    combinations = combinations.flatMap((chosen) => alternatives.map((a) => [...chosen, a])).slice(0, MAX_COMBINATIONS);
  }
  const admitted = new Set<string>();
  for (const chosen of combinations) {
    const specifier = chosen.filter((s) => s !== '').join(',');
    for (const v of filterVersions(specifier, versions, prereleases ? { prereleases: true } : {})) admitted.add(v);
  }
  return versions.filter((v) => admitted.has(v));
}

/** pip's `is_pinned`: some clause is `===`, or `==` without a wildcard. */
export function isExactPin(specifier: string): boolean {
  return specifier.split(',').some((clause) => clause.startsWith('===') || (clause.startsWith('==') && !clause.endsWith('.*')));
}

export function newestFirst(versions: readonly string[]): string[] {
  const valid = versions.filter(isValidVersion).sort((a, b) => compareVersions(b, a));
  return [...valid, ...versions.filter((v) => !isValidVersion(v))];
}

/**
 * Why no release is left when the requirements alone are not to blame: none listed, none for this
 * Python, or only yanked ones. Null when the specifiers themselves exclude every release.
 */
export function whyNoRelease(releases: readonly ReleaseSummary[], requirements: readonly (readonly string[])[], rules: CandidateRules): string | null {
  if (releases.length === 0) return 'the index lists no release of it';
  const admitted = new Set(admittedBy(requirements, releases.map((r) => r.version), rules.prereleases));
  const matching = releases.filter((r) => admitted.has(r.version));
  if (matching.length === 0) return null;
  const forPython = matching.filter((r) => pythonAllows(r.requiresPython, rules.python));
  if (forPython.length === 0) {
    const newest = releases.find((r) => r.version === newestFirst(matching.map((m) => m.version))[0])!;
    return `every matching release needs another Python (${newest.version} says Requires-Python ${newest.requiresPython}; the target is ${rules.python})`;
  }
  if (forPython.every((r) => r.yanked)) {
    return `every matching release is yanked (${newestFirst(forPython.map((r) => r.version)).join(', ')}); a yanked release is chosen only when pinned with == (PEP 592)`;
  }
  return null;
}
