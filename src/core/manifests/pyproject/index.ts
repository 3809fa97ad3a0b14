/**
 * pyproject.toml: every table that declares dependencies, each read by its own processor
 * (PEP 621 [project], PEP 735 [dependency-groups], [build-system], Poetry, uv, PDM), with ranges
 * inside the TOML text. A file that is not valid TOML is one problem at the parser's place.
 */
import type { Dependency, ParsedFile, Problem } from '../../model/dependency';
import { basename } from '../../paths';
import { parseToml, textAt, type TomlTable } from '../../toml';
import { emptyParsedFile, type ManifestFormat } from '../format';
import { syntaxProblem } from '../lock-common';
import type { PyprojectContext } from './context';
import { readBuildSystem } from './processors/build-system';
import { readPdm } from './processors/pdm';
import { hasStaticDependencies, readPep621 } from './processors/pep621';
import { readDependencyGroups } from './processors/pep735';
import { readPoetry } from './processors/poetry';
import { applyUvSources, readUv } from './processors/uv';

export { toPep440 } from './processors/poetry-constraint';
export { matchingSpecifiers } from './specifiers';
export { expandGroup } from './processors/pep735';

export const pyprojectFormat: ManifestFormat = {
  kind: 'pyproject',
  matches: (path) => basename(path) === 'pyproject.toml',
  parse: (text, path) => parsePyproject(text, path),
};

export function parsePyproject(text: string, file: string): ParsedFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { ...emptyParsedFile(file, 'pyproject'), problems: [syntaxProblem(file, parsed.error)] };
  const problems: Problem[] = [];
  const ctx: PyprojectContext = { doc: parsed.document, file, problems };
  const buildSystem = readBuildSystem(ctx);
  const pep621 = readPep621(ctx);
  const groups = readDependencyGroups(ctx);
  const poetry = readPoetry(ctx);
  const uv = readUv(ctx);
  const pdm = readPdm(ctx);
  const project = hasStaticDependencies(parsed.document.root) ? enrichWithPoetry(pep621.dependencies, poetry.main) : [...pep621.dependencies, ...poetry.main];
  const standard = applyUvSources(parsed.document.root, [...buildSystem, ...project, ...groups, ...uv, ...pdm]);
  const dependencies = [...standard, ...poetry.groups].sort(byPosition);
  return { ...emptyParsedFile(file, 'pyproject'), dependencies, problems: problems.sort(byLine), projectName: pep621.projectName ?? poetryName(parsed.document.root) };
}

/**
 * Poetry 2 reads `[project] dependencies` as the dependencies and uses `[tool.poetry.dependencies]`
 * only to add what PEP 508 cannot say (a source, `develop`, a path): an entry with the same name
 * lends its source to the PEP 621 record instead of becoming a second record.
 */
function enrichWithPoetry(project: readonly Dependency[], poetryMain: readonly Dependency[]): Dependency[] {
  const byName = new Map(poetryMain.map((d) => [d.name, d]));
  const used = new Set<string>();
  const out = project.map((record) => {
    const extra = byName.get(record.name);
    if (!extra || !extra.source) return record;
    used.add(record.name);
    return { ...record, source: extra.source, skipReason: extra.skipReason === 'vcs' || extra.skipReason === 'path' || extra.skipReason === 'url' ? extra.skipReason : record.skipReason, editable: extra.editable, url: record.url ?? extra.url };
  });
  for (const record of poetryMain) if (!used.has(record.name) && !project.some((p) => p.name === record.name)) out.push(record);
  return out;
}

function poetryName(root: TomlTable): string | null {
  return textAt(root, 'tool', 'poetry', 'name') ?? null;
}

function byPosition(a: Dependency, b: Dependency): number {
  return a.nameRange.start.line - b.nameRange.start.line || a.nameRange.start.character - b.nameRange.start.character;
}

function byLine(a: Problem, b: Problem): number {
  return a.line - b.line;
}
