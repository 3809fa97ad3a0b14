/**
 * Fix, Fork and Forgo in pyproject.toml, each table in its own syntax: PEP 508 strings in arrays
 * (PEP 621 dependencies and optional-dependencies, PEP 735 dependency-groups, build-system
 * requires, uv dev/constraint/override-dependencies, PDM dev-dependencies) are edited inside the
 * string literal; Poetry's `name = "constraint"` and `{ version = … }` forms in Poetry syntax.
 * The record's name range says where the dependency is; the edit is planned on the TOML tree.
 */
import type { AST } from 'toml-eslint-parser';
import type { Dependency } from '../model/dependency';
import { parseRequirement, type Requirement } from '../pep508/requirement';
import { normalizeName } from '../versions';
import { planned, refused, type FileText, type PlanResult } from './plan';
import { replacementPoetryConstraint, rewritePoetryConstraint } from './poetry-constraints';
import { replacementSpecifier, rewriteSpecifier, unparenthesised, type FixStyle } from './specifiers';
import { isAst, keyNames, locate, parseTomlAst, stringOffsets, tomlKey, type Located, type TomlAst } from './toml-ast';
import { removeKeyValueLines, removeListItem, removeTable, type OffsetEdit } from './toml-edit';
import { linesOf, offsetAt, rangeAt, type Lines } from './text';
import { fixTitle, notApplicable } from './wording';

export interface PyprojectFix {
  readonly file: FileText;
  readonly dependency: Dependency;
  readonly version: string;
  readonly style: FixStyle;
  /** Lock files beside the pyproject (paths or names), to say which tool must re-lock. */
  readonly lockFiles?: readonly string[];
}

export interface PyprojectReplace {
  readonly file: FileText;
  readonly dependency: Dependency;
  readonly name: string;
  readonly version: string | null;
  readonly keepExtras: boolean;
  readonly title: string;
  readonly lockFiles?: readonly string[];
}

interface Context {
  readonly file: FileText;
  readonly lines: Lines;
  readonly ast: TomlAst;
  readonly found: Located;
}

function contextFor(file: FileText, dep: Dependency): Context | string {
  const ast = parseTomlAst(file.text);
  if (!isAst(ast)) return `${file.path} is not valid TOML (${ast.error}); fix it first`;
  const lines = linesOf(file.text);
  const found = locate(ast, offsetAt(lines, dep.nameRange.start));
  if (!found) return `no dependency '${dep.rawName}' at line ${dep.line} of ${file.path}`;
  return { file, lines, ast, found };
}

export function planPyprojectFix(input: PyprojectFix): PlanResult {
  const why = notApplicable(input.dependency);
  if (why) return refused(why);
  const context = contextFor(input.file, input.dependency);
  if (typeof context === 'string') return refused(context);
  const { found } = context;
  const name = input.dependency.rawName;
  if (found.kind === 'string') {
    const req = requirementIn(found.node);
    if (typeof req === 'string') return refused(req);
    const current = unparenthesised(req.raw.slice(req.value.specifierSpan.start, req.value.specifierSpan.end));
    const rewritten = rewriteSpecifier(current, input.version, input.style);
    if (!rewritten) return refused(`'${current}' or '${input.version}' is not a valid PEP 440 specifier or version`);
    const edit = specifierInString(context.lines.text, found.node, req, rewritten.text);
    if (!edit) return refused(`cannot map the string of ${name} back to its text`);
    const title = fixTitle(name, input.version, input.style, rewritten.text);
    return finish(context, title, [edit], [...rewritten.notes, ...relockNotes(input.lockFiles)]);
  }
  const version = poetryVersionString(found);
  if (typeof version === 'string') return refused(version);
  const rewritten = rewritePoetryConstraint(version.value, input.version, input.style);
  if (!rewritten) return refused(`'${version.value}' or '${input.version}' is not a constraint Beachcomber can rewrite`);
  const title = fixTitle(name, input.version, input.style, rewritten.text);
  return finish(context, title, [replaceString(version, rewritten.text)], [...rewritten.notes, ...relockNotes(input.lockFiles)]);
}

export function planPyprojectReplace(input: PyprojectReplace): PlanResult {
  const why = notApplicable(input.dependency);
  if (why) return refused(why);
  const context = contextFor(input.file, input.dependency);
  if (typeof context === 'string') return refused(context);
  const { found } = context;
  if (found.kind === 'string') {
    const req = requirementIn(found.node);
    if (typeof req === 'string') return refused(req);
    const offsets = stringOffsets(context.lines.text, found.node);
    if (!offsets) return refused(`cannot map the string of ${input.dependency.rawName} back to its text`);
    const edits: OffsetEdit[] = [{ start: offsets.start(req.value.nameSpan.start), end: offsets.end(req.value.nameSpan.end), newText: input.name }];
    if (!input.keepExtras && req.value.extrasSpan) edits.push({ start: offsets.start(req.value.extrasSpan.start), end: offsets.end(req.value.extrasSpan.end), newText: '' });
    const current = unparenthesised(req.raw.slice(req.value.specifierSpan.start, req.value.specifierSpan.end));
    edits.push(specifierInString(context.lines.text, found.node, req, replacementSpecifier(current, input.version))!);
    return finish(context, input.title, edits, relockNotes(input.lockFiles));
  }
  const edits: OffsetEdit[] = [{ start: found.key.range[0], end: found.key.range[1], newText: tomlKey(input.name) }];
  const version = poetryVersionString(found);
  if (typeof version === 'string') return refused(version);
  edits.push(replaceString(version, replacementPoetryConstraint(version.value, input.version)));
  if (!input.keepExtras) {
    const extras = poetryExtrasEntry(context, found);
    if (extras) edits.push(extras);
  }
  edits.push(...poetryExtrasLists(context, input.dependency.name, (node) => ({ start: node.range[0], end: node.range[1], newText: `"${input.name}"` })));
  return finish(context, input.title, edits, relockNotes(input.lockFiles));
}

export function planPyprojectRemove(file: FileText, dep: Dependency, lockFiles?: readonly string[]): PlanResult {
  const context = contextFor(file, dep);
  if (typeof context === 'string') return refused(context);
  const { found, lines } = context;
  const title = `Remove ${dep.rawName}`;
  if (found.kind === 'string') {
    const index = found.array.elements.indexOf(found.node);
    return finish(context, title, [removeListItem(lines, found.array.elements, index)], relockNotes(lockFiles));
  }
  const edits: OffsetEdit[] = [];
  if (found.kind === 'header') edits.push(removeTable(lines, found.table));
  else if (found.keyValue.parent.type === 'TOMLInlineTable') edits.push(removeListItem(lines, found.keyValue.parent.body, found.keyValue.parent.body.indexOf(found.keyValue)));
  else edits.push(removeKeyValueLines(lines, found.keyValue));
  const lists = poetryExtrasLists(context, dep.name, null);
  return finish(context, title, [...edits, ...lists], [...(lists.length > 0 ? [`Also removed ${dep.rawName} from [tool.poetry.extras].`] : []), ...relockNotes(lockFiles)]);
}

export interface ParsedString {
  readonly value: Requirement;
  readonly raw: string;
}

export function requirementIn(node: AST.TOMLStringValue): ParsedString | string {
  const parsed = parseRequirement(node.value);
  if (!parsed.ok) return `'${node.value}' is not a valid requirement: ${parsed.error.message}`;
  if (parsed.value.url) return `${parsed.value.name} is installed from a URL; edit it by hand`;
  return { value: parsed.value, raw: node.value };
}


/** The specifier inside the string literal; parentheses kept, whitespace before an emptied one removed. */
export function specifierInString(text: string, node: AST.TOMLStringValue, req: ParsedString, specifier: string): OffsetEdit | undefined {
  const offsets = stringOffsets(text, node);
  if (!offsets) return undefined;
  const span = req.value.specifierSpan;
  const current = req.raw.slice(span.start, span.end);
  if (specifier === '') {
    const from = req.value.extrasSpan?.end ?? req.value.nameSpan.end;
    return { start: offsets.end(from), end: offsets.end(span.end), newText: '' };
  }
  const start = offsets.start(span.start);
  const end = span.end > span.start ? offsets.end(span.end) : start;
  return { start, end, newText: current.trim().startsWith('(') ? `(${specifier})` : specifier };
}

/** The string that holds a Poetry dependency's version: the value itself, or its `version` key. */
function poetryVersionString(found: Located): AST.TOMLStringValue | string {
  const value = found.kind === 'header' ? null : found.kind === 'entry' ? found.keyValue.value : null;
  if (value && value.type === 'TOMLValue' && value.kind === 'string' && !value.multiline) return value;
  if (value && value.type === 'TOMLArray') return 'this dependency has several constraints (one per Python or platform); edit them by hand';
  const body = found.kind === 'header' ? found.table.body : value && value.type === 'TOMLInlineTable' ? value.body : [];
  const version = body.find((kv) => keyNames(kv.key).join('.') === 'version');
  if (version && version.value.type === 'TOMLValue' && version.value.kind === 'string' && !version.value.multiline) return version.value;
  return 'this dependency has no version constraint (it points to git, a path or a URL); edit it by hand';
}

/** Replaces a one-line string literal, keeping its quote style. */
export function replaceString(node: AST.TOMLStringValue, value: string): OffsetEdit {
  const quote = node.style === 'literal' ? "'" : '"';
  return { start: node.range[0], end: node.range[1], newText: `${quote}${value}${quote}` };
}

/** The `extras = [...]` of a Poetry table dependency, as an edit that removes it. */
function poetryExtrasEntry(context: Context, found: Located): OffsetEdit | undefined {
  if (found.kind === 'header') {
    const extras = found.table.body.find((kv) => keyNames(kv.key).join('.') === 'extras');
    return extras ? removeKeyValueLines(context.lines, extras) : undefined;
  }
  if (found.kind !== 'entry' || found.keyValue.value.type !== 'TOMLInlineTable') return undefined;
  const body = found.keyValue.value.body;
  const index = body.findIndex((kv) => keyNames(kv.key).join('.') === 'extras');
  return index < 0 ? undefined : removeListItem(context.lines, body, index);
}

/**
 * `[tool.poetry.extras]` lists dependencies by name; a removed or renamed dependency must go from
 * there too, or Poetry refuses the project. `replace` null removes the element.
 */
function poetryExtrasLists(context: Context, name: string, replace: ((node: AST.TOMLStringValue) => OffsetEdit) | null): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const item of context.ast.body) {
    const parent = item.type === 'TOMLTable' ? item.resolvedKey.map(String) : [];
    for (const keyValue of item.type === 'TOMLTable' ? item.body : [item]) {
      const path = [...parent, ...keyNames(keyValue.key)];
      if (path.length !== 4 || path[0] !== 'tool' || path[1] !== 'poetry' || path[2] !== 'extras' || keyValue.value.type !== 'TOMLArray') continue;
      const elements = keyValue.value.elements;
      const matching = elements.filter((e) => e.type === 'TOMLValue' && e.kind === 'string' && normalizeName(e.value) === name) as AST.TOMLStringValue[];
      if (matching.length === 0) continue;
      // An extra that would list nothing goes altogether.
      if (!replace && matching.length === elements.length && keyValue.parent.type === 'TOMLTable') {
        edits.push(removeKeyValueLines(context.lines, keyValue));
        continue;
      }
      for (const element of matching) edits.push(replace ? replace(element) : removeListItem(context.lines, elements, elements.indexOf(element)));
    }
  }
  return edits;
}

/** Which lock file must be regenerated after a manifest edit. */
export function relockNotes(lockFiles: readonly string[] | undefined): string[] {
  const names = (lockFiles ?? []).map((f) => f.slice(f.lastIndexOf('/') + 1));
  const commands: Readonly<Record<string, string>> = { 'uv.lock': 'uv lock', 'poetry.lock': 'poetry lock', 'pdm.lock': 'pdm lock' };
  return names.filter((n) => commands[n]).map((n) => `Run \`${commands[n]}\` to update ${n}.`);
}

/** Turns offset edits into a plan, refusing when the result would not be valid TOML. */
export function finish(context: { readonly file: FileText; readonly lines: Lines }, title: string, edits: readonly OffsetEdit[], notes: readonly string[]): PlanResult {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let text = context.lines.text;
  for (const edit of sorted) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  const check = parseTomlAst(text);
  if (!isAst(check)) return refused(`the edit would leave ${context.file.path} invalid (${check.error}); edit it by hand`);
  const textEdits = edits.map((e) => ({ file: context.file.path, range: rangeAt(context.lines, e.start, e.end), newText: e.newText }));
  return planned(title, textEdits, notes);
}
