/**
 * pdm.lock (PDM's lock format 4.x, `[metadata] lock_version`): packages with `groups`, a
 * `marker`, and `dependencies` written as PEP 508 strings. PDM keeps a package locked with
 * extras as a second entry (`extras = ["socks"]`) whose dependencies are the base package plus
 * what the extras add; those entries are folded into the base package as edges of the extras.
 */
import type { LockData, LockEdge, LockedPackage, PackageSource, ParsedFile, Problem } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { parseRequirement } from '../../pep508/requirement';
import { basename } from '../../paths';
import { arrayAt, booleanAt, entryAt, lineAt, literalRange, parseToml, stringRange, tablesOf, textAt, textsOf, type TomlDocument, type TomlTable } from '../../toml';
import { normalizeName } from '../../versions';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { MAIN_GROUP, markerCanonicalizer, packageRecord, problemAt, syntaxProblem, unsupportedVersionProblem } from '../lock-common';

export const pdmLockFormat: ManifestFormat = {
  kind: 'pdm-lock',
  matches: (path) => basename(path) === 'pdm.lock',
  parse: (text, path) => parsePdmLock(text, path),
};

const EMPTY_LOCK: LockData = { packages: [], roots: [], requiresPython: null };

interface PdmPackage {
  readonly locked: LockedPackage;
  readonly rawName: string;
  readonly extras: readonly string[];
  readonly hashes: readonly string[];
}

export function parsePdmLock(text: string, file: string): ParsedFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { ...emptyParsedFile(file, 'pdm-lock'), lock: EMPTY_LOCK, problems: [syntaxProblem(file, parsed.error)] };
  const doc = parsed.document;
  const problems: Problem[] = [];
  checkVersion(doc, file, problems);
  const canonical = markerCanonicalizer();
  const read: PdmPackage[] = [];
  for (const table of tablesOf(arrayAt(doc.root, 'package'))) {
    const pkg = readPackage(doc, table, canonical, file, problems);
    if (pkg) read.push(pkg);
  }
  const packages = foldExtras(read);
  return {
    ...emptyParsedFile(file, 'pdm-lock'),
    dependencies: packages.map((p) => packageRecord(p.locked, { file, rawName: p.rawName, hashes: p.hashes, nameRange: p.locked.nameRange })),
    problems,
    lock: { packages: packages.map((p) => p.locked), roots: [], requiresPython: requiresPython(doc.root) },
  };
}

/** PDM has written lock_version 4.0 through 4.5 since PDM 2.0; 3.x and older are another format. */
function checkVersion(doc: TomlDocument, file: string, problems: Problem[]): void {
  const entry = entryAt(doc.root, 'metadata', 'lock_version');
  if (entry?.value.kind === 'string' && /^4(\.\d+)*$/.test(entry.value.value)) return;
  if (!entry) {
    problems.push(problemAt(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'pdm.lock has no [metadata] lock_version; this reader understands lock_version 4.x'));
    return;
  }
  const found = entry.value.kind === 'string' ? `"${entry.value.value}"` : 'of the wrong type';
  const range = literalRange(doc, entry.value.kind === 'table' ? { start: entry.keyStart, end: entry.keyEnd } : entry.value);
  problems.push(unsupportedVersionProblem(file, found, 'lock_version 4.x', range));
}

function readPackage(doc: TomlDocument, table: TomlTable, canonical: (t: string | undefined) => string | null, file: string, problems: Problem[]): PdmPackage | undefined {
  const nameNode = entryAt(table, 'name')?.value;
  if (nameNode?.kind !== 'string') {
    problems.push(problemAt(file, literalRange(doc, { start: table.start, end: table.start + 11 }), 'A [[package]] without a name is skipped'));
    return undefined;
  }
  const nameRange: SourceRange = stringRange(doc, nameNode);
  const locked: LockedPackage = {
    name: normalizeName(nameNode.value),
    version: textAt(table, 'version') ?? null,
    source: sourceOf(table),
    dependencies: edgesOf(doc, table, canonical, file, problems),
    marker: canonical(textAt(table, 'marker')),
    groups: textsOf(arrayAt(table, 'groups')).map((g) => (g === 'default' ? MAIN_GROUP : `group:${normalizeName(g)}`)),
    isProject: false,
    line: lineAt(doc, nameNode.start),
    nameRange,
  };
  const hashes = tablesOf(arrayAt(table, 'files')).flatMap((f) => textAt(f, 'hash') ?? []);
  return { locked, rawName: nameNode.value, extras: textsOf(arrayAt(table, 'extras')).map(normalizeName), hashes };
}

function edgesOf(doc: TomlDocument, table: TomlTable, canonical: (t: string | undefined) => string | null, file: string, problems: Problem[]): LockEdge[] {
  const edges: LockEdge[] = [];
  for (const item of arrayAt(table, 'dependencies')?.items ?? []) {
    if (item.kind !== 'string') continue;
    const parsed = parseRequirement(item.value);
    if (!parsed.ok) {
      problems.push(problemAt(file, stringRange(doc, item), `Invalid requirement: ${parsed.error.message}`, 'warning'));
      continue;
    }
    const r = parsed.value;
    edges.push({ name: r.normalizedName, extras: r.extras.map(normalizeName), marker: canonical(r.markerText ?? undefined), group: null });
  }
  return edges;
}

/** PDM writes `git`/`ref`/`revision`, `path` (with `editable`), or `url` for packages not from an index. */
function sourceOf(table: TomlTable): PackageSource {
  const git = textAt(table, 'git');
  if (git !== undefined) return { type: 'git', url: git, rev: textAt(table, 'revision') ?? textAt(table, 'ref') ?? null };
  const path = textAt(table, 'path');
  if (path !== undefined) return { type: 'path', path, editable: booleanAt(table, 'editable') === true };
  const url = textAt(table, 'url');
  if (url !== undefined) return { type: 'url', url };
  return { type: 'registry', url: null };
}

/**
 * An entry with extras becomes edges of its base package in group `extra:<x>`, minus the pin
 * on the base itself (`httpx==0.28.1`). Without a base entry it stays a package of its own.
 */
function foldExtras(read: readonly PdmPackage[]): PdmPackage[] {
  const base = new Map<string, PdmPackage>();
  for (const pkg of read) if (pkg.extras.length === 0) base.set(`${pkg.locked.name}@${pkg.locked.version}`, pkg);
  const out: PdmPackage[] = [];
  for (const pkg of read) {
    const target = pkg.extras.length > 0 ? base.get(`${pkg.locked.name}@${pkg.locked.version}`) : undefined;
    if (!target) {
      out.push(pkg);
      continue;
    }
    const added = pkg.locked.dependencies.filter((e) => e.name !== pkg.locked.name);
    const extraEdges = pkg.extras.flatMap((extra) => added.map((e) => ({ ...e, group: `extra:${extra}` })));
    const groups = [...new Set([...target.locked.groups, ...pkg.locked.groups])];
    const merged: PdmPackage = { ...target, locked: { ...target.locked, dependencies: [...target.locked.dependencies, ...extraEdges], groups } };
    base.set(`${pkg.locked.name}@${pkg.locked.version}`, merged);
  }
  return out.map((p) => (p.extras.length === 0 ? (base.get(`${p.locked.name}@${p.locked.version}`) ?? p) : p));
}

/** lock_version 4.5 writes `[[metadata.targets]] requires_python`; older 4.x `[metadata] requires_python`. */
function requiresPython(root: TomlTable): string | null {
  const target = tablesOf(arrayAt(root, 'metadata', 'targets'))[0];
  return textAt(target, 'requires_python') ?? textAt(root, 'metadata', 'requires_python') ?? null;
}
