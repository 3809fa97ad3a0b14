/**
 * Applying edits to text, the way a WorkspaceEdit does: every range refers to the ORIGINAL text,
 * so edits may come in any order but must not overlap. Tests use this to check a plan's exact
 * result; the editor applies the same plan through its own API.
 */
import { comparePositions } from '../model/range';
import type { EditPlan, TextEdit } from './plan';
import { linesOf, offsetAt } from './text';

/** Applies edits that all belong to one file. Throws on overlapping edits (a planning bug). */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = linesOf(text);
  const spans = edits
    .map((edit, order) => ({ start: offsetAt(lines, edit.range.start), end: offsetAt(lines, edit.range.end), newText: edit.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.end < span.start) throw new Error(`edit range ends before it starts (${span.start}..${span.end})`);
    if (span.start < at) throw new Error(`overlapping edits at offset ${span.start}`);
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * Applies a whole plan to a set of files (path → text) and returns the new set: created files are
 * added (creating a file that exists is an error, as it is for a WorkspaceEdit without overwrite).
 */
export function applyPlan(files: Readonly<Record<string, string>>, plan: EditPlan): Record<string, string> {
  const out: Record<string, string> = { ...files };
  for (const creation of plan.creates) {
    if (out[creation.file] !== undefined) throw new Error(`${creation.file} already exists`);
    out[creation.file] = creation.text;
  }
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of plan.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const text = out[file];
    if (text === undefined) throw new Error(`edit in unknown file ${file}`);
    out[file] = applyEdits(text, edits);
  }
  return out;
}

/** Edits sorted by position, for display and stable comparisons. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start));
}
