/** Messages and small checks shared by the edit planners, so every syntax says the same thing. */
import type { Dependency } from '../model/dependency';

/** Why a record has no version an edit could change, or null when it has one. */
export function notApplicable(dep: Dependency): string | null {
  if (dep.name === '') return 'the requirement names no package';
  if (dep.skipReason === 'invalid') return `${dep.rawName} does not parse; fix its syntax first`;
  if (dep.url != null || dep.skipReason === 'url' || dep.skipReason === 'vcs' || dep.skipReason === 'path') {
    return `${dep.rawName} is installed from a ${dep.skipReason ?? 'url'} reference, not from an index release; edit it by hand`;
  }
  return null;
}

const HASH = /^(sha256|sha384|sha512):([0-9a-f]+)$/i;
const LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** `algorithm:hex` as pip's --hash wants it (a bare 64-digit hex is taken as sha256); null when any is malformed. */
export function normalizeHashes(hashes: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const hash of hashes) {
    const text = /^[0-9a-f]{64}$/i.test(hash.trim()) ? `sha256:${hash.trim()}` : hash.trim();
    const m = HASH.exec(text);
    if (!m || m[2]!.length !== LENGTHS[m[1]!.toLowerCase()]) return null;
    out.push(`${m[1]!.toLowerCase()}:${m[2]!.toLowerCase()}`);
  }
  return out;
}

/**
 * pip turns on hash-checking mode for the whole install as soon as one requirement has --hash,
 * and then refuses every requirement without one ("Hashes are required in --require-hashes mode").
 */
export function hashNote(name: string, othersHaveHashes: boolean): string {
  const removed = `Removed the --hash options of ${name}: they match the files of the old release, and pip rejects a release whose files do not match.`;
  if (!othersHaveHashes) return removed;
  return `${removed} Other requirements in this file still have hashes, so pip stays in hash-checking mode and refuses to install until ${name} has hashes again.`;
}

export function regenerateHint(generator: 'pip-compile' | 'uv' | null): string {
  if (generator === 'uv') return 'Regenerate the hashes with `uv pip compile --generate-hashes`.';
  return 'Regenerate the hashes with `pip-compile --generate-hashes` or `uv pip compile --generate-hashes`.';
}

/** The introduced-through path as people read it, in ASCII so that every file encoding keeps it. */
export function pathText(path: readonly string[]): string {
  return path.join(' -> ');
}

/** The comment written next to a constraint added for a transitive package. */
export function constraintComment(requirement: string, path: readonly string[], advisory: string | null): string {
  const fixes = advisory ? ` fixes ${advisory}` : '';
  const through = path.length > 1 ? ` (introduced through ${pathText(path)})` : '';
  return `# Beachcomber: ${requirement}${fixes}${through}`;
}

export function fixTitle(name: string, version: string, style: 'pin' | 'lower-bound', constraint: string): string {
  if (style === 'pin') return constraint === version ? `Pin ${name} to ${version}` : `Pin ${name} to ${version} (${constraint})`;
  return `Raise the lower bound of ${name} to ${version} (${constraint})`;
}
