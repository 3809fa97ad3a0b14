import type { SourceRange } from './range';

/** Every kind of file the core reads. */
export type FileKind =
  | 'requirements'
  | 'pyproject'
  | 'uv-lock'
  | 'poetry-lock'
  | 'pylock'
  | 'pipfile-lock'
  | 'pdm-lock';

export const LOCK_FILE_KINDS: readonly FileKind[] = ['uv-lock', 'poetry-lock', 'pylock', 'pipfile-lock', 'pdm-lock'];

/**
 * Why a record cannot be evaluated against an index version: it names no index release (a URL, a
 * local path, a VCS checkout), it is not pinned to one version, or it did not parse. Such records
 * are kept, so that nothing the user wrote is lost, and the UI can say why it is not assessed.
 */
export type SkipReason = 'url' | 'path' | 'vcs' | 'unpinned' | 'invalid';

/** Where a locked package comes from. */
export type PackageSource =
  | { readonly type: 'registry'; readonly url: string | null }
  | { readonly type: 'git'; readonly url: string; readonly rev: string | null }
  | { readonly type: 'url'; readonly url: string }
  | { readonly type: 'path'; readonly path: string; readonly editable: boolean }
  | { readonly type: 'virtual'; readonly path: string };

/**
 * One dependency as written in a manifest, or one package as recorded in a lock file.
 *
 * Groups are named the same way across formats: `null` for a project's main dependencies (and for
 * requirements files), `extra:<name>` for an optional-dependencies extra, `group:<name>` for PEP 735
 * dependency groups and tool dev groups (Poetry, uv, PDM), `build-system` for build requirements,
 * `uv:constraint` and `uv:override` for uv's constraint and override dependencies.
 */
export interface Dependency {
  readonly file: string;
  /** 1-based line where the requirement starts. */
  readonly line: number;
  /** PEP 503 normalised name; "" when the record has no name (a bare URL pip cannot name). */
  readonly name: string;
  readonly rawName: string;
  /** The version specifier as written, with spaces removed; "" when there is none. */
  readonly specifier: string;
  readonly extras: readonly string[];
  readonly marker: string | null;
  readonly url: string | null;
  readonly editable: boolean;
  /** True when the record only constrains (a `-c` file, uv constraint-dependencies). */
  readonly constraint: boolean;
  /** The exact version a lock file records, else null. */
  readonly version: string | null;
  readonly group: string | null;
  readonly hashes: readonly string[];
  readonly nameRange: SourceRange;
  /** The specifier's text; an empty range just after the name (and extras) when there is none. */
  readonly specifierRange: SourceRange;
  /** The whole requirement (name through marker), the span an edit that replaces it rewrites. */
  readonly requirementRange: SourceRange;
  readonly skipReason: SkipReason | null;
  /**
   * From pip-compile / uv `# via` comments: names of the packages that pull this one in, and
   * `-r <file>` / `-c <file>` entries for the input files that ask for it directly.
   */
  readonly via: readonly string[];
  readonly source: PackageSource | null;
}

/** A dependency edge inside a lock file: `from` needs `name` (with extras) when `marker` holds. */
export interface LockEdge {
  readonly name: string;
  /** Set when the lock holds several versions of `name` (uv forks by marker) and the edge picks one. */
  readonly version?: string | null;
  readonly extras: readonly string[];
  readonly marker: string | null;
  /** Set when the edge belongs to an extra or a group of the package that declares it. */
  readonly group: string | null;
}

/** One package of a lock file, with its outgoing edges. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string | null;
  readonly source: PackageSource;
  readonly dependencies: readonly LockEdge[];
  /** Environment marker under which the package is installed at all (pylock, Pipfile.lock, pdm.lock). */
  readonly marker: string | null;
  /** Manifest groups that pull the package in (same naming as `Dependency.group`). */
  readonly groups: readonly string[];
  /** True for the project itself (a uv workspace member, the Poetry root). */
  readonly isProject: boolean;
  readonly line: number;
  readonly nameRange: SourceRange;
}

export interface LockData {
  readonly packages: readonly LockedPackage[];
  /** The project's own direct requirements by group, when the lock file records them (uv.lock, pdm.lock). */
  readonly roots: readonly LockEdge[];
  readonly requiresPython: string | null;
}

/** A problem found while reading a file, shown as a diagnostic at its place. */
export interface Problem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
  readonly range: SourceRange;
  readonly severity: 'error' | 'warning';
}

/** Index options a requirements file sets for pip (`--index-url`, `--pre`, …). */
export interface IndexOptions {
  readonly indexUrl: string | null;
  readonly extraIndexUrls: readonly string[];
  readonly findLinks: readonly string[];
  readonly trustedHosts: readonly string[];
  readonly pre: boolean;
  readonly onlyBinary: readonly string[];
  readonly noBinary: readonly string[];
  readonly noIndex: boolean;
  readonly preferBinary: boolean;
  readonly requireHashes: boolean;
  /** `--use-feature` values. */
  readonly features: readonly string[];
}

/** An include between files: `-r` (requirement) or `-c` (constraint), or a PEP 735 include-group. */
export interface Include {
  readonly kind: 'requirement' | 'constraint';
  readonly target: string;
  readonly line: number;
  readonly range: SourceRange;
}

/** What the core read from one file. */
export interface ParsedFile {
  readonly path: string;
  readonly kind: FileKind;
  readonly dependencies: readonly Dependency[];
  readonly problems: readonly Problem[];
  readonly includes: readonly Include[];
  readonly lock: LockData | null;
  readonly indexOptions: IndexOptions | null;
  /** pyproject: the project's own name, when it has one. */
  readonly projectName: string | null;
}
