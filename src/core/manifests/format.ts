import type { FileKind, ParsedFile, Problem } from '../model/dependency';
import { lineRange } from '../model/range';

/** Tells what is at an absolute path; pip decides local paths and editables by looking. */
export type LocalPathProbe = (absolutePath: string) => 'file' | 'directory' | null;

export interface ParseOptions {
  /** Environment for `${VAR}` expansion in requirements files (pip expands only this form). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Looks at the disk for the reader (the core itself cannot). Without one, a path-like text is
   * taken to name what it looks like.
   */
  readonly probe?: LocalPathProbe;
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = { env: {} };

/** One file format: which files it reads and a pure parser that never throws on user input. */
export interface ManifestFormat {
  readonly kind: FileKind;
  /** Whether this format reads a file at this ('/'-separated) path. */
  matches(path: string): boolean;
  parse(text: string, path: string, options: ParseOptions): ParsedFile;
}

export function emptyParsedFile(path: string, kind: FileKind): ParsedFile {
  return { path, kind, dependencies: [], problems: [], includes: [], lock: null, indexOptions: null, projectName: null };
}

/** A problem on a whole line (1-based), for callers that know no finer place. */
export function lineProblem(file: string, line: number, message: string, length = 0, severity: Problem['severity'] = 'error'): Problem {
  return { file, line, message, range: lineRange(line - 1, 0, length), severity };
}
