/**
 * Pipfile.lock (pipenv, `_meta.pipfile-spec` 6): JSON with one object per category, `default`
 * for [packages] and `develop` for [dev-packages] (pipenv 2022.10+ adds custom categories under
 * their own names). Each entry pins `version = "==x"` with hashes and markers; the file records
 * no dependency edges.
 */
import type { Dependency, LockData, LockedPackage, PackageSource, ParsedFile, Problem } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { jsonAt, parseJson, type JsonEntry, type JsonValue } from '../../json';
import { basename } from '../../paths';
import { lineIndexOf, type LineIndex } from '../../toml';
import { normalizeName } from '../../versions';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { MAIN_GROUP, markerCanonicalizer, packageRecord, problemAt, unsupportedVersionProblem } from '../lock-common';

export const pipfileLockFormat: ManifestFormat = {
  kind: 'pipfile-lock',
  matches: (path) => basename(path) === 'Pipfile.lock',
  parse: (text, path) => parsePipfileLock(text, path),
};

const EMPTY_LOCK: LockData = { packages: [], roots: [], requiresPython: null };

export function parsePipfileLock(text: string, file: string): ParsedFile {
  const lines = lineIndexOf(text);
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const range = lines.rangeAt(parsed.error.offset, Math.min(parsed.error.offset + 1, lines.lineEndAt(parsed.error.offset)));
    return { ...emptyParsedFile(file, 'pipfile-lock'), lock: EMPTY_LOCK, problems: [problemAt(file, range, `Invalid JSON: ${parsed.error.message}`)] };
  }
  const root = parsed.value;
  const problems: Problem[] = [];
  checkSpec(root, lines, file, problems);
  const sources = sourceUrls(jsonAt(root, '_meta', 'sources'));
  const canonical = markerCanonicalizer();
  const packages: LockedPackage[] = [];
  const dependencies: Dependency[] = [];
  const byKey = new Map<string, number>();
  for (const [category, section] of root.kind === 'object' ? root.entries : []) {
    if (category === '_meta' || section.value.kind !== 'object') continue;
    const group = category === 'default' ? MAIN_GROUP : category === 'develop' ? 'group:dev' : `group:${normalizeName(category)}`;
    for (const entry of section.value.entries.values()) {
      const read = readEntry(entry, group, lines, sources, canonical);
      const key = `${read.pkg.name}@${read.pkg.version}`;
      const seen = byKey.get(key);
      if (seen !== undefined) {
        // The same pin in two categories is one package that both pull in.
        packages[seen] = { ...packages[seen]!, groups: [...packages[seen]!.groups, group] };
        continue;
      }
      byKey.set(key, packages.length);
      packages.push(read.pkg);
      dependencies.push(packageRecord(read.pkg, { file, rawName: entry.key, hashes: read.hashes, extras: read.extras, nameRange: read.pkg.nameRange }));
    }
  }
  return {
    ...emptyParsedFile(file, 'pipfile-lock'),
    dependencies,
    problems,
    lock: { packages, roots: [], requiresPython: requiresPython(root) },
  };
}

function checkSpec(root: JsonValue, lines: LineIndex, file: string, problems: Problem[]): void {
  const spec = jsonAt(root, '_meta', 'pipfile-spec');
  if (spec?.kind === 'number' && spec.value === 6) return;
  if (!spec) {
    problems.push(problemAt(file, lines.rangeAt(0, 0), 'Pipfile.lock has no _meta.pipfile-spec; this reader understands pipfile-spec 6'));
    return;
  }
  problems.push(unsupportedVersionProblem(file, `pipfile-spec ${lines.text.slice(spec.start, spec.end)}`, 'pipfile-spec 6', lines.rangeAt(spec.start, spec.end)));
}

interface ReadEntry {
  readonly pkg: LockedPackage;
  readonly hashes: string[];
  readonly extras: string[];
}

function readEntry(entry: JsonEntry, group: string, lines: LineIndex, sources: ReadonlyMap<string, string>, canonical: (t: string | undefined) => string | null): ReadEntry {
  const value = entry.value;
  const text = (key: string): string | undefined => {
    const v = jsonAt(value, key);
    return v?.kind === 'string' ? v.value : undefined;
  };
  const version = text('version');
  const nameRange = keyRange(entry, lines);
  const pkg: LockedPackage = {
    name: normalizeName(entry.key),
    version: version === undefined ? null : version.replace(/^===?/, ''),
    source: sourceOf(value, text, sources),
    dependencies: [],
    marker: canonical(text('markers')),
    groups: [group],
    isProject: false,
    line: nameRange.start.line + 1,
    nameRange,
  };
  return { pkg, hashes: stringsOf(jsonAt(value, 'hashes')), extras: stringsOf(jsonAt(value, 'extras')).map(normalizeName) };
}

/** The key's text inside its quotes (a key with escapes: the whole literal). */
function keyRange(entry: JsonEntry, lines: LineIndex): SourceRange {
  const verbatim = entry.keyEnd - entry.keyStart - 2 === entry.key.length;
  return verbatim ? lines.rangeAt(entry.keyStart + 1, entry.keyEnd - 1) : lines.rangeAt(entry.keyStart, entry.keyEnd);
}

function sourceOf(value: JsonValue, text: (key: string) => string | undefined, sources: ReadonlyMap<string, string>): PackageSource {
  const git = text('git');
  if (git !== undefined) return { type: 'git', url: git, rev: text('ref') ?? null };
  const path = text('path') ?? text('file');
  const editable = jsonAt(value, 'editable');
  if (path !== undefined && !/^[a-z]+:\/\//i.test(path)) return { type: 'path', path, editable: editable?.kind === 'boolean' && editable.value === true };
  if (path !== undefined) return { type: 'url', url: path };
  const index = text('index');
  return { type: 'registry', url: index === undefined ? null : (sources.get(index) ?? null) };
}

function sourceUrls(value: JsonValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of value?.kind === 'array' ? value.items : []) {
    const name = jsonAt(item, 'name');
    const url = jsonAt(item, 'url');
    if (name?.kind === 'string' && url?.kind === 'string') out.set(name.value, url.value);
  }
  return out;
}

function stringsOf(value: JsonValue | undefined): string[] {
  return value?.kind === 'array' ? value.items.flatMap((item) => (item.kind === 'string' ? [item.value] : [])) : [];
}

/** `_meta.requires` pins the interpreter: `python_full_version` exactly, or `python_version` as a series. */
function requiresPython(root: JsonValue): string | null {
  const requires = jsonAt(root, '_meta', 'requires');
  const full = jsonAt(requires, 'python_full_version');
  if (full?.kind === 'string') return `==${full.value}`;
  const series = jsonAt(requires, 'python_version');
  return series?.kind === 'string' ? `==${series.value}.*` : null;
}
