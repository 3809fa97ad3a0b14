/**
 * Which version a distribution file belongs to, from its name alone (the Simple API lists files,
 * not releases). Wheels are `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl` with the
 * name's `-` escaped to `_` (binary distribution format spec); sdists are `{name}-{version}.tar.gz`
 * (or a legacy .zip, .tar.bz2, …), where old sdists may keep `-`, `.` or capitals in the name, so
 * the split is found by comparing PEP 503-normalised prefixes with the project's name.
 */
import { normalizeName } from '../../core/versions';

const SDIST_SUFFIXES = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.Z', '.tgz', '.tar', '.zip'];

export function versionFromFilename(filename: string, project: string): string | null {
  const name = normalizeName(project);
  if (filename.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    if (parts.length < 5 || normalizeName(parts[0] ?? '') !== name) return null;
    return parts[1] ?? null;
  }
  const suffix = SDIST_SUFFIXES.find((candidate) => filename.toLowerCase().endsWith(candidate.toLowerCase()));
  const base = suffix ? filename.slice(0, -suffix.length) : filename.replace(/\.(egg|exe|msi|rpm|dmg)$/i, '');
  const parts = base.split('-');
  for (let split = 1; split < parts.length; split++) {
    if (normalizeName(parts.slice(0, split).join('-')) !== name) continue;
    const rest = parts.slice(split);
    // An egg or installer carries a Python tag after the version (`-py3.8`); an sdist does not.
    if (!suffix && rest.length > 1) return rest[0] ?? null;
    return rest.join('-') || null;
  }
  return null;
}

export function isWheel(filename: string): boolean {
  return filename.endsWith('.whl');
}
