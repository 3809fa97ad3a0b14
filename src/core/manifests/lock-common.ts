/**
 * What every lock-file reader shares: the record a locked package becomes, where a direct URL
 * points, canonical marker text, and the problem for a lock format version we do not know.
 */
import type { Dependency, LockedPackage, PackageSource, Problem, SkipReason } from '../model/dependency';
import type { SourceRange } from '../model/range';
import { formatMarker } from '../pep508/markers';
import { parseMarker } from '../pep508/requirement';

/**
 * The name `LockedPackage.groups` gives a project's main dependencies, which `Dependency.group`
 * spells null. Poetry's own lock files call that group "main" too; a PEP 735 group named "main"
 * is `group:main`, so the two never meet.
 */
export const MAIN_GROUP = 'main';

/** `Dependency.group` for a package pulled in by these groups: the first one, main as null. */
export function recordGroup(groups: readonly string[]): string | null {
  const first = groups[0];
  return first === undefined || first === MAIN_GROUP ? null : first;
}

export function skipReasonOf(source: PackageSource): SkipReason | null {
  switch (source.type) {
    case 'registry':
      return null;
    case 'git':
      return 'vcs';
    case 'url':
      return 'url';
    default:
      return 'path';
  }
}

const VCS_PREFIX = /^(git|hg|svn|bzr)\+/i;

/**
 * Where a PEP 508 direct reference points (`name @ url`). VCS URLs name a revision after the last
 * '@' of their path (pip's VCS support); `file:` URLs are local paths.
 */
export function sourceOfUrl(url: string): { readonly source: PackageSource; readonly skipReason: SkipReason } {
  const vcs = VCS_PREFIX.exec(url);
  if (vcs) {
    const bare = url.replace(/#.*$/, '');
    const at = bare.lastIndexOf('@');
    const slash = bare.indexOf('/', bare.indexOf('//') + 2);
    const rev = at > slash && slash !== -1 ? bare.slice(at + 1) : null;
    const repo = rev == null ? bare : bare.slice(0, at);
    if (vcs[1]!.toLowerCase() === 'git') return { source: { type: 'git', url: repo.slice(4), rev }, skipReason: 'vcs' };
    return { source: { type: 'url', url }, skipReason: 'vcs' };
  }
  if (/^file:/i.test(url)) return { source: { type: 'path', path: url.replace(/^file:(\/\/)?/i, '').replace(/#.*$/, ''), editable: false }, skipReason: 'path' };
  return { source: { type: 'url', url }, skipReason: 'url' };
}

/** Marker text as packaging prints it, so every format hands out one spelling; cached per file. */
export function markerCanonicalizer(): (text: string | undefined) => string | null {
  const cache = new Map<string, string>();
  return (text) => {
    if (text === undefined || text.trim() === '') return null;
    let canonical = cache.get(text);
    if (canonical === undefined) {
      const parsed = parseMarker(text);
      canonical = parsed.ok ? formatMarker(parsed.value) : text.trim();
      cache.set(text, canonical);
    }
    return canonical;
  };
}

export interface PackageRecordInput {
  readonly file: string;
  readonly rawName: string;
  readonly hashes: readonly string[];
  readonly extras?: readonly string[];
  /** The name's text, where a squiggle and a hover land. */
  readonly nameRange: SourceRange;
}

/** One Dependency record for a locked package: its exact version, its source, its first group. */
export function packageRecord(pkg: LockedPackage, input: PackageRecordInput): Dependency {
  const source = pkg.source;
  const url = source.type === 'git' || source.type === 'url' ? source.url : null;
  return {
    file: input.file,
    line: pkg.line,
    name: pkg.name,
    rawName: input.rawName,
    specifier: '',
    extras: input.extras ?? [],
    marker: pkg.marker,
    url,
    editable: source.type === 'path' && source.editable,
    constraint: false,
    version: pkg.version,
    group: recordGroup(pkg.groups),
    hashes: input.hashes,
    nameRange: input.nameRange,
    specifierRange: { start: input.nameRange.end, end: input.nameRange.end },
    requirementRange: input.nameRange,
    skipReason: pkg.version == null && source.type === 'registry' ? 'unpinned' : skipReasonOf(source),
    via: [],
    source,
  };
}

/** A lock file written by a format version this reader was not built for. */
export function unsupportedVersionProblem(file: string, found: string, understood: string, range: SourceRange): Problem {
  return {
    file,
    line: range.start.line + 1,
    range,
    severity: 'error',
    message: `Lock file version ${found} is not understood; this reader understands ${understood}. What could be read is shown.`,
  };
}

/** A problem at a place in a lock file. */
export function problemAt(file: string, range: SourceRange, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: range.start.line + 1, range, severity, message };
}

/** A file that does not parse becomes one problem at the parser's place. */
export function syntaxProblem(file: string, error: { readonly message: string; readonly range: SourceRange }): Problem {
  return problemAt(file, error.range, error.message);
}
