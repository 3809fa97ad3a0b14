/**
 * pylock.toml and pylock.<name>.toml (PEP 751, lock-version 1.x): packages with exact versions,
 * sources, hashes, markers and, when recorded, their dependencies.
 */
import type { LockData, LockEdge, LockedPackage, ParsedFile, Problem } from '../../model/dependency';
import { basename } from '../../paths';
import { arrayAt, entryAt, lineAt, literalRange, parseToml, stringRange, tablesOf, textAt, textsOf, type TomlDocument, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { markerCanonicalizer, packageRecord, problemAt, syntaxProblem, unsupportedVersionProblem } from '../lock-common';
import { groupsOfMarker, hashesOf, sourceOf } from './package';

/** PEP 751 names the file `pylock.toml` or `pylock.<name>.toml`, the name without dots. */
export function isPylockName(name: string): boolean {
  return name === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(name);
}

export const pylockFormat: ManifestFormat = {
  kind: 'pylock',
  matches: (path) => isPylockName(basename(path)),
  parse: (text, path) => parsePylock(text, path),
};

const EMPTY_LOCK: LockData = { packages: [], roots: [], requiresPython: null };
const FIRST_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function parsePylock(text: string, file: string): ParsedFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { ...emptyParsedFile(file, 'pylock'), lock: EMPTY_LOCK, problems: [syntaxProblem(file, parsed.error)] };
  const doc = parsed.document;
  const problems: Problem[] = [];
  checkVersion(doc, file, problems);
  if (!entryAt(doc.root, 'packages')) problems.push(problemAt(file, FIRST_LINE, 'pylock.toml has no [[packages]]; PEP 751 requires the key'));

  const canonical = markerCanonicalizer();
  const defaultGroups = new Set(textsOf(arrayAt(doc.root, 'default-groups')).map(normalizeName));
  const packages: LockedPackage[] = [];
  const dependencies = [];
  for (const table of tablesOf(arrayAt(doc.root, 'packages'))) {
    const nameNode = entryAt(table, 'name')?.value;
    if (nameNode?.kind !== 'string') {
      problems.push(problemAt(file, literalRange(doc, { start: table.start, end: table.start + 12 }), 'A [[packages]] entry without a name is skipped (PEP 751 requires one)'));
      continue;
    }
    const marker = textAt(table, 'marker');
    const pkg: LockedPackage = {
      name: normalizeName(nameNode.value),
      version: textAt(table, 'version') ?? null,
      source: sourceOf(table),
      dependencies: edgesOf(table),
      marker: canonical(marker),
      groups: groupsOfMarker(marker, defaultGroups),
      isProject: isProjectItself(table),
      line: lineAt(doc, nameNode.start),
      nameRange: stringRange(doc, nameNode),
    };
    packages.push(pkg);
    dependencies.push(packageRecord(pkg, { file, rawName: nameNode.value, hashes: hashesOf(table), nameRange: pkg.nameRange }));
  }
  return {
    ...emptyParsedFile(file, 'pylock'),
    dependencies,
    problems,
    lock: { packages, roots: [], requiresPython: textAt(doc.root, 'requires-python') ?? null },
  };
}

/**
 * PEP 751: a tool must refuse a major version it does not know and may read a newer minor one;
 * we read 1.x and warn on a minor version newer than 1.0.
 */
function checkVersion(doc: TomlDocument, file: string, problems: Problem[]): void {
  const entry = entryAt(doc.root, 'lock-version');
  if (!entry) {
    problems.push(problemAt(file, FIRST_LINE, 'pylock.toml has no lock-version; this reader understands lock-version 1.0'));
    return;
  }
  const value = entry.value;
  const range = literalRange(doc, value.kind === 'table' ? { start: entry.keyStart, end: entry.keyEnd } : value);
  if (value.kind === 'string' && value.value === '1.0') return;
  if (value.kind === 'string' && /^1\.\d+$/.test(value.value)) {
    problems.push({ ...unsupportedVersionProblem(file, `"${value.value}"`, 'lock-version 1.0', range), severity: 'warning' });
    return;
  }
  problems.push(unsupportedVersionProblem(file, value.kind === 'string' ? `"${value.value}"` : 'of the wrong type', 'lock-version 1.0', range));
}

/** `dependencies = [{name = "attrs"}]` names other entries of the file; markers live on those entries. */
function edgesOf(table: TomlTable): LockEdge[] {
  const edges: LockEdge[] = [];
  for (const item of tablesOf(arrayAt(table, 'dependencies'))) {
    const name = textAt(item, 'name');
    if (name !== undefined) edges.push({ name: normalizeName(name), extras: [], marker: null, group: null });
  }
  return edges;
}

/** PEP 751 does not mark the project; a locker writes it as the directory the lock file sits in. */
function isProjectItself(table: TomlTable): boolean {
  const path = textAt(table, 'directory', 'path');
  return path === '.' || path === './';
}
