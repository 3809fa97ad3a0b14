/**
 * Fix for a transitive package (one the project does not ask for itself, pulled in through a path
 * like fastapi -> starlette): a constraint in the place the project's tool reads, with a comment
 * that names the advisory and the path, so a reviewer knows why it is there and when it can go.
 *
 *   requirements files   a `-c constraints.txt` file beside them (pip's constraints files)
 *   uv                   [tool.uv] constraint-dependencies
 *   Poetry               an explicit dependency (Poetry has no constraints-only mechanism)
 *   PDM                  [tool.pdm.resolution.overrides]
 *   plain PEP 621        a constraints file for `pip install -c`, since pip reads none from pyproject.toml
 */
import type { AST } from 'toml-eslint-parser';
import { parseRequirement } from '../pep508/requirement';
import { basename, dirname, joinPath, relativePath } from '../paths';
import { normalizeName } from '../versions';
import { planned, refused, type FileText, type PlanResult, type TextEdit } from './plan';
import { rewritePoetryConstraint } from './poetry-constraints';
import { finish, replaceString, requirementIn, specifierInString } from './pyproject';
import { continues, generatorOf } from './requirements-lines';
import { parseClauses, rewriteSpecifier, type FixStyle } from './specifiers';
import { basicString, definesPath, findKeyValue, findTable, isAst, keyNames, parseTomlAst, tomlKey, type TomlAst } from './toml-ast';
import { appendTable, appendToArray, appendToTable, type OffsetEdit } from './toml-edit';
import { lineCount, lineText, linesOf, rangeAt, type Lines } from './text';
import { constraintComment, pathText } from './wording';

export type Tool = 'pip' | 'uv' | 'poetry' | 'pdm';

export interface TransitiveFix {
  /** The requirements file or pyproject.toml of the project that pulls the package in. */
  readonly manifest: FileText;
  readonly package: string;
  readonly version: string;
  readonly style?: FixStyle;
  /** The introduced-through path, from the direct dependency to the package itself. */
  readonly through: readonly string[];
  readonly advisory?: string | null;
  /** Detected from the manifest and lock files when absent. */
  readonly tool?: Tool;
  readonly lockFiles?: readonly string[];
  /**
   * For requirements files and plain PEP 621 projects: the constraints file at the path
   * constraintsFileFor() names, as read (`text` undefined when it does not exist yet).
   */
  readonly constraints?: { readonly path: string; readonly text: string | undefined };
}

/** Which tool manages a pyproject: its lock file first, else the tables it configures. */
export function detectTool(manifest: FileText, lockFiles: readonly string[] = []): Tool {
  if (basename(manifest.path) !== 'pyproject.toml') return 'pip';
  const locks = lockFiles.map(basename);
  if (locks.includes('uv.lock')) return 'uv';
  if (locks.includes('poetry.lock')) return 'poetry';
  if (locks.includes('pdm.lock')) return 'pdm';
  const ast = parseTomlAst(manifest.text);
  if (!isAst(ast)) return 'pip';
  if (definesPath(ast, ['tool', 'poetry'])) return 'poetry';
  if (definesPath(ast, ['tool', 'pdm'])) return 'pdm';
  if (definesPath(ast, ['tool', 'uv'])) return 'uv';
  return 'pip';
}

/** The constraints file a requirements file already names with `-c`, else `constraints.txt` beside it. */
export function constraintsFileFor(manifest: FileText): { readonly path: string; readonly listed: boolean } {
  const lines = linesOf(manifest.text);
  for (let line = 0; line < lineCount(lines); line++) {
    const m = /^\s*(?:-c|--constraint)(?:\s*=\s*|\s+|(?=\S))(\S+)/.exec(lineText(lines, line));
    if (m && !/^[a-z][a-z0-9+.-]*:\/\//i.test(m[1]!)) return { path: joinPath(dirname(manifest.path), m[1]!), listed: true };
  }
  return { path: joinPath(dirname(manifest.path), 'constraints.txt'), listed: false };
}

export function planTransitiveFix(input: TransitiveFix): PlanResult {
  const tool = input.tool ?? detectTool(input.manifest, input.lockFiles);
  if (parseClauses(`>=${input.version}`) == null || rewriteSpecifier('', input.version, 'pin') == null) return refused(`'${input.version}' is not a valid PEP 440 version`);
  if (tool === 'uv') return planUv(input);
  if (tool === 'poetry') return planPoetry(input);
  if (tool === 'pdm') return planPdm(input);
  return planConstraintsFile(input);
}

function bound(input: TransitiveFix): string {
  return `${input.style === 'pin' ? '==' : '>='}${input.version}`;
}

function title(input: TransitiveFix, where: string, constraint = bound(input)): string {
  const through = input.through.length > 1 ? ` (through ${pathText(input.through)})` : '';
  return `Constrain ${input.package} to ${constraint} in ${where}${through}`;
}

function comment(input: TransitiveFix, constraint = bound(input)): string {
  return constraintComment(`${input.package}${constraint}`, input.through, input.advisory ?? null);
}

/** pip: a constraints file (created or extended) and the `-c` line that makes pip read it. */
function planConstraintsFile(input: TransitiveFix): PlanResult {
  const target = input.constraints;
  if (!target) return refused('read the constraints file that constraintsFileFor() names and pass it as `constraints`');
  const isPyproject = basename(input.manifest.path) === 'pyproject.toml';
  const edits: TextEdit[] = [];
  const creates = [];
  const notes: string[] = [];
  let constraint = bound(input);
  if (target.text === undefined) creates.push({ file: target.path, text: `${comment(input)}\n${input.package}${constraint}\n` });
  else {
    const added = constraintLineEdits(target.path, linesOf(target.text), input);
    edits.push(...added.edits);
    constraint = added.constraint;
  }
  const relative = relativePath(dirname(input.manifest.path), target.path);
  if (isPyproject) {
    notes.push(`pip reads no constraints from pyproject.toml: install with \`pip install -c ${relative} .\` so that ${input.package} is held at ${bound(input)}.`);
  } else if (!constraintsFileFor(input.manifest).listed) {
    const lines = linesOf(input.manifest.text);
    edits.push(includeLine(input.manifest.path, lines, `-c ${relative}`));
    if (generatorOf(lines)) notes.push(`${basename(input.manifest.path)} is generated: add \`-c ${relative}\` to its source file too, or the next compile drops it.`);
  }
  return planned(title(input, basename(target.path), constraint), edits, notes, creates);
}

/**
 * In an existing constraints file: tighten the package's line when it has one (a pinned file
 * stays pinned), else append a line.
 */
function constraintLineEdits(path: string, lines: Lines, input: TransitiveFix): { edits: TextEdit[]; constraint: string } {
  const wanted = normalizeName(input.package);
  for (let line = 0; line < lineCount(lines); line++) {
    const text = lineText(lines, line);
    if (/^\s*(#|-)/.test(text) || continues(text)) continue;
    const body = text.replace(/(?:^|[ \t]+)#.*$/, '');
    const parsed = parseRequirement(body);
    if (!parsed.ok || parsed.value.normalizedName !== wanted || parsed.value.url) continue;
    const span = parsed.value.specifierSpan;
    const current = body.slice(span.start, span.end);
    const pinned = /^\(?\s*===?/.test(current) && !current.includes(',');
    const rewritten = rewriteSpecifier(current.replace(/^\(|\)$/g, ''), input.version, pinned ? 'pin' : (input.style ?? 'lower-bound'))!;
    const indent = /^[ \t]*/.exec(text)![0];
    const edits = [
      { file: path, range: rangeAt(lines, lines.starts[line]!, lines.starts[line]!), newText: `${indent}${comment(input, rewritten.text)}${lines.eol}` },
      { file: path, range: { start: { line, character: span.start }, end: { line, character: span.end } }, newText: rewritten.text },
    ];
    return { edits, constraint: rewritten.text };
  }
  const end = lines.text.length;
  const lead = end === 0 || /[\r\n]$/.test(lines.text) ? '' : lines.eol;
  const newText = `${lead}${comment(input)}${lines.eol}${input.package}${bound(input)}${lines.eol}`;
  return { edits: [{ file: path, range: rangeAt(lines, end, end), newText }], constraint: bound(input) };
}

/** A `-c`/`-r` line goes before the first requirement or option, after the header comments. */
function includeLine(path: string, lines: Lines, include: string): TextEdit {
  for (let line = 0; line < lineCount(lines); line++) {
    const text = lineText(lines, line);
    if (text.trim() === '' || /^\s*#/.test(text)) continue;
    return { file: path, range: rangeAt(lines, lines.starts[line]!, lines.starts[line]!), newText: `${include}${lines.eol}` };
  }
  const end = lines.text.length;
  const lead = end === 0 || /[\r\n]$/.test(lines.text) ? '' : lines.eol;
  return { file: path, range: rangeAt(lines, end, end), newText: `${lead}${include}${lines.eol}` };
}

interface TomlTarget {
  readonly lines: Lines;
  readonly ast: TomlAst;
  readonly manifest: FileText;
}

function tomlTarget(manifest: FileText): TomlTarget | string {
  const ast = parseTomlAst(manifest.text);
  if (!isAst(ast)) return `${manifest.path} is not valid TOML (${ast.error}); fix it first`;
  return { lines: linesOf(manifest.text), ast, manifest };
}

/**
 * Adds a PEP 508 string to the array at `path` (created, with its table, when missing); when the
 * array already names the package, its specifier is rewritten instead.
 */
function addToRequirementArray(target: TomlTarget, path: readonly string[], input: TransitiveFix): OffsetEdit[] | string {
  const { ast, lines } = target;
  const keyValue = findKeyValue(ast, path);
  const element = basicString(`${input.package}${bound(input)}`);
  if (keyValue) {
    if (keyValue.value.type !== 'TOMLArray') return `${path.join('.')} is not an array`;
    const existing = existingRequirement(keyValue.value, input.package);
    if (existing) {
      const req = requirementIn(existing);
      if (typeof req === 'string') return req;
      const current = req.raw.slice(req.value.specifierSpan.start, req.value.specifierSpan.end);
      const rewritten = rewriteSpecifier(current.replace(/^\s*\(|\)\s*$/g, ''), input.version, input.style ?? 'lower-bound');
      const edit = rewritten && specifierInString(lines.text, existing, req, rewritten.text);
      return edit ? [edit] : `cannot rewrite '${existing.value}'`;
    }
    return appendToArray(lines, keyValue.value, element, comment(input));
  }
  const key = path[path.length - 1]!;
  const tablePath = path.slice(0, -1);
  const body = `${key} = [${lines.eol}    ${comment(input)}${lines.eol}    ${element},${lines.eol}]`;
  const table = findTable(ast, tablePath);
  if (table) return [appendToTable(lines, table, body)];
  const parent = dottedParent(ast, tablePath);
  if (parent) return [appendToTable(lines, parent.table, `${parent.rest.map(tomlKey).join('.')}.${body}`)];
  return [appendTable(lines, tablePath.join('.'), body)];
}

/**
 * A table defined by dotted keys in a parent (`[tool]` with `uv.dev-dependencies = …`) cannot get a
 * `[tool.uv]` header (TOML: a table is defined once), so the new key goes there, dotted too.
 */
function dottedParent(ast: TomlAst, path: readonly string[]): { table: AST.TOMLTable; rest: readonly string[] } | undefined {
  for (let split = path.length - 1; split >= 1; split--) {
    const table = findTable(ast, path.slice(0, split));
    const rest = path.slice(split);
    if (table && table.body.some((kv) => keyNames(kv.key).slice(0, rest.length).join('.') === rest.join('.'))) return { table, rest };
  }
  return undefined;
}

function existingRequirement(array: AST.TOMLArray, name: string): AST.TOMLStringValue | undefined {
  const wanted = normalizeName(name);
  for (const element of array.elements) {
    if (element.type !== 'TOMLValue' || element.kind !== 'string') continue;
    const parsed = parseRequirement(element.value);
    if (parsed.ok && parsed.value.normalizedName === wanted) return element;
  }
  return undefined;
}

function planUv(input: TransitiveFix): PlanResult {
  const target = tomlTarget(input.manifest);
  if (typeof target === 'string') return refused(target);
  const edits = addToRequirementArray(target, ['tool', 'uv', 'constraint-dependencies'], input);
  if (typeof edits === 'string') return refused(edits);
  return finish({ file: input.manifest, lines: target.lines }, title(input, '[tool.uv] constraint-dependencies'), edits, ['Run `uv lock` to update uv.lock.']);
}

/**
 * Poetry reads no constraints, so the package becomes an explicit dependency. Poetry 2 projects
 * that declare `[project] dependencies` take it there (Poetry then reads [tool.poetry.dependencies]
 * only to enrich those); older ones in [tool.poetry.dependencies].
 */
function planPoetry(input: TransitiveFix): PlanResult {
  const target = tomlTarget(input.manifest);
  if (typeof target === 'string') return refused(target);
  const notes = [`Poetry has no constraints-only setting: ${input.package} is now a direct dependency. Remove it once ${input.through[0] ?? 'its dependents'} requires a fixed version.`, 'Run `poetry lock` to update poetry.lock.'];
  const project = findKeyValue(target.ast, ['project', 'dependencies']);
  if (project && project.value.type === 'TOMLArray') {
    const edits = addToRequirementArray(target, ['project', 'dependencies'], input);
    if (typeof edits === 'string') return refused(edits);
    return finish({ file: input.manifest, lines: target.lines }, title(input, '[project] dependencies'), edits, notes);
  }
  const constraint = rewritePoetryConstraint('', input.version, input.style ?? 'lower-bound')!.text;
  const edits = setTableKey(target, ['tool', 'poetry', 'dependencies'], input, constraint, (value) => rewritePoetryConstraint(value, input.version, input.style ?? 'lower-bound')?.text);
  if (typeof edits === 'string') return refused(edits);
  return finish({ file: input.manifest, lines: target.lines }, title(input, '[tool.poetry.dependencies]'), edits, notes);
}

/** PDM's overrides replace every requirement on the package in the whole tree (https://pdm-project.org/en/latest/usage/config/). */
function planPdm(input: TransitiveFix): PlanResult {
  const target = tomlTarget(input.manifest);
  if (typeof target === 'string') return refused(target);
  const edits = setTableKey(target, ['tool', 'pdm', 'resolution', 'overrides'], input, bound(input), () => bound(input));
  if (typeof edits === 'string') return refused(edits);
  const notes = [`A PDM override replaces every requirement on ${input.package} in the tree, upper bounds its dependents set included; remove it once ${input.through[0] ?? 'its dependents'} requires a fixed version.`, 'Run `pdm lock` to update pdm.lock.'];
  return finish({ file: input.manifest, lines: target.lines }, title(input, '[tool.pdm.resolution.overrides]'), edits, notes);
}

/** `name = "value"` in a table: rewritten when the key exists, else added with the comment (the table created when missing). */
function setTableKey(target: TomlTarget, tablePath: readonly string[], input: TransitiveFix, value: string, rewrite: (current: string) => string | undefined): OffsetEdit[] | string {
  const existing = findEntry(target.ast, tablePath, input.package);
  if (existing) {
    const node = existing.value;
    if (node.type !== 'TOMLValue' || node.kind !== 'string' || node.multiline) return `${input.package} is already in [${tablePath.join('.')}] in a form Beachcomber does not rewrite; edit it by hand`;
    const next = rewrite(node.value);
    return next ? [replaceString(node, next)] : `cannot rewrite '${node.value}'`;
  }
  const body = `${comment(input)}${target.lines.eol}${tomlKey(input.package)} = ${basicString(value)}`;
  const table = findTable(target.ast, tablePath);
  if (table) return [appendToTable(target.lines, table, body)];
  if (findKeyValue(target.ast, tablePath)) return `[${tablePath.join('.')}] is written inline; edit it by hand`;
  return [appendTable(target.lines, tablePath.join('.'), body)];
}

function findEntry(ast: TomlAst, tablePath: readonly string[], name: string): AST.TOMLKeyValue | undefined {
  const wanted = normalizeName(name);
  const table = findTable(ast, tablePath);
  for (const keyValue of table?.body ?? []) {
    const names = keyNames(keyValue.key);
    if (names.length === 1 && normalizeName(names[0]!) === wanted) return keyValue;
  }
  return undefined;
}
