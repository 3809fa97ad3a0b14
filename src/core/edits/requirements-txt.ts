/**
 * Fix, Fork and Forgo in requirements files (pip's format). Edits touch only the text they must:
 * the specifier, the name, the extras, and the `--hash` options of that one requirement; the
 * marker, comments, other options and line continuations stay as the user wrote them.
 */
import type { Dependency } from '../model/dependency';
import type { SourceRange } from '../model/range';
import { planned, refused, type FileText, type PlanResult, type TextEdit } from './plan';
import { generatorOf, logicalLineSpan, otherLinesHaveHashes, rewriteTail, tailHasHashes, viaBlockEnd } from './requirements-lines';
import { replacementSpecifier, rewriteSpecifier, unparenthesised, type FixStyle } from './specifiers';
import { lineText, linesOf, offsetAt, rangeAt, wholeLinesRange, type Lines } from './text';
import { fixTitle, hashNote, notApplicable, normalizeHashes, regenerateHint } from './wording';

export interface RequirementsFix {
  readonly file: FileText;
  readonly dependency: Dependency;
  readonly version: string;
  readonly style: FixStyle;
  /** The new release's hashes (`sha256:<hex>`); when given they replace the old ones (plan B). */
  readonly hashes?: readonly string[];
}

export interface RequirementsReplace {
  readonly file: FileText;
  readonly dependency: Dependency;
  readonly name: string;
  /** A version of the new project the constraint may name; see replacementSpecifier. */
  readonly version: string | null;
  /** A fork keeps the extras; an alternative is a different project and does not. */
  readonly keepExtras: boolean;
  readonly hashes?: readonly string[];
  readonly title: string;
}

/** Fix: pin or raise the lower bound, handling `--hash` options so pip never meets stale ones silently. */
export function planRequirementsFix(input: RequirementsFix): PlanResult {
  const { file, dependency: dep } = input;
  const why = notApplicable(dep);
  if (why) return refused(why);
  const lines = linesOf(file.text);
  const current = textAt(lines, dep.specifierRange);
  const rewritten = rewriteSpecifier(unparenthesised(current), input.version, input.style);
  if (!rewritten) return refused(`'${current}' or '${input.version}' is not a valid PEP 440 specifier or version`);
  const edits = [specifierEdit(file.path, lines, dep, rewritten.text)];
  const notes = [...rewritten.notes];
  const hashes = hashEdits(file.path, lines, dep, input.hashes);
  if (!hashes.ok) return refused(hashes.reason);
  edits.push(...hashes.edits);
  notes.push(...hashes.notes, ...generatedNotes(lines, dep.rawName, input.version));
  const title = `${fixTitle(dep.rawName, input.version, input.style, rewritten.text)}${hashes.suffix}`;
  return planned(title, edits, notes);
}

/** Fork, or Forgo with an alternative: a new name, a new (or no) specifier, the same marker. */
export function planRequirementsReplace(input: RequirementsReplace): PlanResult {
  const { file, dependency: dep } = input;
  const why = notApplicable(dep);
  if (why) return refused(why);
  const lines = linesOf(file.text);
  const current = unparenthesised(textAt(lines, dep.specifierRange));
  const edits: TextEdit[] = [{ file: file.path, range: dep.nameRange, newText: input.name }];
  if (!input.keepExtras) {
    const extras = extrasRange(lines, dep);
    if (extras) edits.push({ file: file.path, range: extras, newText: '' });
  }
  edits.push(specifierEdit(file.path, lines, dep, replacementSpecifier(current, input.version)));
  const hashes = hashEdits(file.path, lines, dep, input.hashes);
  if (!hashes.ok) return refused(hashes.reason);
  edits.push(...hashes.edits);
  return planned(input.title, edits, [...hashes.notes, ...generatedNotes(lines, dep.rawName, null)]);
}

/** Forgo: the whole logical line (continuations, options, trailing comment) and its `# via` block. */
export function planRequirementsRemove(file: FileText, dep: Dependency): PlanResult {
  const lines = linesOf(file.text);
  const { first, last } = logicalLineSpan(lines, dep.requirementRange.start.line);
  const end = viaBlockEnd(lines, last);
  return planned(`Remove ${dep.rawName || lineText(lines, first).trim()}`, [{ file: file.path, range: wholeLinesRange(lines, first, end), newText: '' }], generatedNotes(lines, dep.rawName, null));
}

function textAt(lines: Lines, range: SourceRange): string {
  return lines.text.slice(offsetAt(lines, range.start), offsetAt(lines, range.end));
}


/**
 * Replaces the specifier text. The legacy parenthesised form `name (>=1.0)` keeps its
 * parentheses; an emptied specifier takes the whitespace before it along.
 */
export function specifierEdit(path: string, lines: Lines, dep: Dependency, specifier: string): TextEdit {
  const current = textAt(lines, dep.specifierRange);
  if (specifier === '') {
    let start = offsetAt(lines, dep.specifierRange.start);
    while (start > 0 && (lines.text[start - 1] === ' ' || lines.text[start - 1] === '\t')) start--;
    return { file: path, range: rangeAt(lines, start, offsetAt(lines, dep.specifierRange.end)), newText: '' };
  }
  const newText = current.trim().startsWith('(') ? `(${specifier})` : specifier;
  return { file: path, range: dep.specifierRange, newText };
}

/** The `[extras]` after the name, when they are written on the name's line. */
function extrasRange(lines: Lines, dep: Dependency): SourceRange | null {
  const line = dep.nameRange.end.line;
  const text = lineText(lines, line);
  const from = dep.nameRange.end.character;
  const m = /^[ \t]*\[[^\]]*\]/.exec(text.slice(from));
  if (!m) return null;
  return { start: dep.nameRange.end, end: { line, character: from + m[0].length } };
}

type HashEdits = { ok: true; edits: TextEdit[]; notes: string[]; suffix: string } | { ok: false; reason: string };

/**
 * Hashes pin the files of one release, so pip rejects the new release against the old hashes
 * ("THESE PACKAGES DO NOT MATCH THE HASHES"). Plan A removes them and says how to regenerate;
 * plan B puts the caller's hashes of the new release in their place.
 */
function hashEdits(path: string, lines: Lines, dep: Dependency, given: readonly string[] | undefined): HashEdits {
  const { first, last } = logicalLineSpan(lines, dep.requirementRange.start.line);
  if (!tailHasHashes(lines, dep.requirementRange.end, last)) return { ok: true, edits: [], notes: [], suffix: '' };
  const hashes = given && given.length > 0 ? normalizeHashes(given) : null;
  if (given && given.length > 0 && !hashes) return { ok: false, reason: `not hashes pip accepts (algorithm:hex): ${given.join(', ')}` };
  const endOfTail = { line: last, character: lineText(lines, last).length };
  const edit = { file: path, range: { start: dep.requirementRange.end, end: endOfTail }, newText: rewriteTail(lines, dep.requirementRange.end, last, hashes) };
  if (hashes) return { ok: true, edits: [edit], notes: [`Replaced the --hash options of ${dep.rawName} with the ${hashes.length} given for the new release.`], suffix: ' (new hashes)' };
  const notes = [hashNote(dep.rawName, otherLinesHaveHashes(lines, first, last)), regenerateHint(generatorOf(lines))];
  return { ok: true, edits: [edit], notes, suffix: ' (hashes removed)' };
}

/** A generated file is overwritten by its next compile; say so, and how to make the change stick. */
function generatedNotes(lines: Lines, name: string, version: string | null): string[] {
  const generator = generatorOf(lines);
  if (!generator) return [];
  const pin = version ? `${name}==${version}` : name;
  const command = generator === 'pip-compile' ? `pip-compile --upgrade-package ${pin}` : `uv pip compile --upgrade-package ${pin}`;
  return [`This file is generated by ${generator} (see its header): change its source file too, or the next compile undoes this edit; \`${command}\` recompiles with the change.`];
}
