/**
 * Which format reads which file, and reading a manifest together with the files it includes
 * (`-r` / `-c` in requirements files) through the FileSource port. Parsers stay pure and
 * synchronous; only this module walks from file to file.
 */
import type { Dependency, FileKind, ParsedFile, Problem } from '../model/dependency';
import type { FileSource } from '../ports';
import { basename, dirname, joinPath } from '../paths';
import { DEFAULT_PARSE_OPTIONS, emptyParsedFile, type ManifestFormat, type ParseOptions } from './format';
import { requirementsTxtFormat } from './requirements-txt';
import { pyprojectFormat } from './pyproject';
import { uvLockFormat } from './uv-lock';
import { poetryLockFormat } from './poetry-lock';
import { pylockFormat } from './pylock';
import { pipfileLockFormat } from './pipfile-lock';
import { pdmLockFormat } from './pdm-lock';

export const FORMATS: readonly ManifestFormat[] = [
  pyprojectFormat,
  uvLockFormat,
  poetryLockFormat,
  pylockFormat,
  pipfileLockFormat,
  pdmLockFormat,
  requirementsTxtFormat,
];

export function formatFor(path: string): ManifestFormat | undefined {
  return FORMATS.find((f) => f.matches(path));
}

export function formatOfKind(kind: FileKind): ManifestFormat {
  const format = FORMATS.find((f) => f.kind === kind);
  if (!format) throw new Error(`no format for ${kind}`);
  return format;
}

/** Glob of every file name some format reads; for file watchers and workspace search. */
export const MANIFEST_GLOB =
  '**/{*requirements*.txt,requirements/*.txt,requirements/*.in,*.in,constraints*.txt,pyproject.toml,uv.lock,poetry.lock,pylock.toml,pylock.*.toml,Pipfile.lock,pdm.lock}';

/**
 * Reads `path` and, for requirements files, every file it includes, each once (cycles are
 * reported at the `-r` line that closes them; a missing include is a problem at its line, not a
 * failure). Returns one ParsedFile per file read, the requested file first; records read through
 * `-c` are marked as constraints.
 */
export async function readManifest(path: string, files: FileSource, options: ParseOptions = DEFAULT_PARSE_OPTIONS): Promise<ParsedFile[]> {
  const format = formatFor(path) ?? requirementsTxtFormat;
  const out: ParsedFile[] = [];
  const seen = new Map<string, ParsedFile>();

  async function visit(file: string, kind: ManifestFormat, constraint: boolean, chain: readonly string[]): Promise<ParsedFile | undefined> {
    const text = await files.read(file);
    if (text === undefined) return undefined;
    let parsed = kind.parse(text, file, options);
    if (constraint) parsed = { ...parsed, dependencies: parsed.dependencies.map(asConstraint) };
    seen.set(file, parsed);
    out.push(parsed);
    const extraProblems: Problem[] = [];
    for (const include of parsed.includes) {
      const target = joinPath(dirname(file), include.target);
      if (chain.includes(target) || target === file) {
        extraProblems.push({
          file,
          line: include.line,
          range: include.range,
          severity: 'warning',
          message: `'${include.target}' includes itself through ${[...chain, file].map(basename).join(' → ')}; the cycle is read once`,
        });
        continue;
      }
      if (seen.has(target)) continue;
      const child = await visit(target, requirementsTxtFormat, constraint || include.kind === 'constraint', [...chain, file]);
      if (!child) {
        extraProblems.push({
          file,
          line: include.line,
          range: include.range,
          severity: 'error',
          message: `Could not open ${include.kind === 'constraint' ? 'constraints' : 'requirements'} file '${include.target}'`,
        });
      }
    }
    if (extraProblems.length > 0) {
      const index = out.indexOf(parsed);
      parsed = { ...parsed, problems: [...parsed.problems, ...extraProblems] };
      out[index] = parsed;
      seen.set(file, parsed);
    }
    return parsed;
  }

  const root = await visit(path, format, false, []);
  if (!root) {
    return [{ ...emptyParsedFile(path, format.kind), problems: [{ file: path, line: 1, message: `Could not read '${path}'`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' }] }];
  }
  return out;
}

function asConstraint(d: Dependency): Dependency {
  return d.constraint ? d : { ...d, constraint: true };
}

const LOCK_FOR_MANIFEST: Readonly<Record<string, readonly string[]>> = {
  'pyproject.toml': ['uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml'],
  Pipfile: ['Pipfile.lock'],
};

/** The lock file that belongs to a manifest: the one beside it that its tool writes. */
export function lockFileFor(manifestPath: string, candidates: readonly string[]): string | undefined {
  const names = LOCK_FOR_MANIFEST[basename(manifestPath)];
  if (!names) return undefined;
  const dir = dirname(manifestPath);
  for (const name of names) {
    const path = joinPath(dir, name);
    if (candidates.includes(path)) return path;
  }
  return undefined;
}
