/**
 * poetry.lock, every format Poetry has written: 1.0 (no lock-version), 1.1, 2.0 and 2.1. The lock
 * file does not list the project itself or its direct requirements; groups come from each
 * package's `groups` (2.x) or `category` (1.x).
 */
import type { LockData, LockedPackage, ParsedFile, Problem } from '../../model/dependency';
import { basename } from '../../paths';
import { arrayAt, entryAt, literalRange, parseToml, tableAt, tablesOf, textAt, type TomlDocument, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { markerCanonicalizer, packageRecord, problemAt, syntaxProblem, unsupportedVersionProblem } from '../lock-common';
import { readPoetryPackage } from './package';

export const poetryLockFormat: ManifestFormat = {
  kind: 'poetry-lock',
  matches: (path) => basename(path) === 'poetry.lock',
  parse: (text, path) => parsePoetryLock(text, path),
};

const UNDERSTOOD = ['1.0', '1.1', '2.0', '2.1'];
const EMPTY_LOCK: LockData = { packages: [], roots: [], requiresPython: null };

export function parsePoetryLock(text: string, file: string): ParsedFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { ...emptyParsedFile(file, 'poetry-lock'), lock: EMPTY_LOCK, problems: [syntaxProblem(file, parsed.error)] };
  const doc = parsed.document;
  const problems: Problem[] = [];
  checkVersion(doc, file, problems);

  const canonical = markerCanonicalizer();
  const metadataHashes = hashesFromMetadata(tableAt(doc.root, 'metadata'));
  const packages: LockedPackage[] = [];
  const dependencies = [];
  for (const table of tablesOf(arrayAt(doc.root, 'package'))) {
    const pkg = readPoetryPackage(doc, table, canonical);
    if (!pkg) {
      problems.push(problemAt(file, literalRange(doc, { start: table.start, end: table.start + 11 }), 'A [[package]] without a name is skipped'));
      continue;
    }
    const { name, version, source, edges, marker, groups, line, nameRange } = pkg;
    const locked: LockedPackage = { name, version, source, dependencies: edges, marker, groups, isProject: false, line, nameRange };
    packages.push(locked);
    const hashes = pkg.hashes.length > 0 ? pkg.hashes : (metadataHashes.get(pkg.name) ?? []);
    dependencies.push(packageRecord(locked, { file, rawName: pkg.rawName, hashes, nameRange: pkg.nameRange }));
  }
  return {
    ...emptyParsedFile(file, 'poetry-lock'),
    dependencies,
    problems,
    lock: { packages, roots: [], requiresPython: textAt(doc.root, 'metadata', 'python-versions') ?? null },
  };
}

/** Poetry 1.0 wrote no lock-version; 1.1 and 2.x write `[metadata] lock-version`. */
function checkVersion(doc: TomlDocument, file: string, problems: Problem[]): void {
  const entry = entryAt(doc.root, 'metadata', 'lock-version');
  if (!entry) return;
  if (entry.value.kind === 'string' && UNDERSTOOD.includes(entry.value.value)) return;
  const found = entry.value.kind === 'string' ? `"${entry.value.value}"` : 'of the wrong type';
  const range = literalRange(doc, entry.value.kind === 'table' ? { start: entry.keyStart, end: entry.keyEnd } : entry.value);
  problems.push(unsupportedVersionProblem(file, found, `lock-version ${UNDERSTOOD.join(', ')}`, range));
}

/** 1.1: `[metadata.files] name = [{file, hash}]`; 1.0: `[metadata.hashes] name = ["<sha256 hex>"]`. */
function hashesFromMetadata(metadata: TomlTable | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, entry] of tableAt(metadata, 'files')?.entries ?? []) {
    const files = entry.value.kind === 'array' ? tablesOf(entry.value) : [];
    out.set(normalizeName(name), files.flatMap((f) => textAt(f, 'hash') ?? []));
  }
  for (const [name, entry] of tableAt(metadata, 'hashes')?.entries ?? []) {
    const hashes = entry.value.kind === 'array' ? entry.value.items : [];
    out.set(normalizeName(name), hashes.flatMap((h) => (h.kind === 'string' ? [`sha256:${h.value}`] : [])));
  }
  return out;
}
