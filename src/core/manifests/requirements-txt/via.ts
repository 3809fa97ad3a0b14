/**
 * pip-compile and `uv pip compile` write, under each pinned requirement, which packages pulled it
 * in: `# via flask` on one line, or a block
 *
 *     # via
 *     #   flask
 *     #   -r requirements.in
 *
 * Older pip-tools put `# via a, b` after the requirement on its own line. We keep package names
 * (PEP 503 normalised) as the record's `via`, and `-r file` / `-c file` entries as written: they
 * say the input file asks for the package itself, which makes it a direct dependency.
 */
import { normalizeName } from '../../versions';
import { commentStart, isCommentLine, lineText, type Document } from './lines';

const INLINE = /^#[ \t]*via[ \t]+(\S.*?)\s*$/;
const HEAD = /^[ \t]*#[ \t]*via[ \t]*$/;
const ITEM = /^[ \t]*#[ \t]{2,}(\S.*?)\s*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*/;

function names(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries.flatMap((e) => e.split(','))) {
    const text = entry.trim();
    if (/^-[rc][ \t]/.test(text)) {
      const entry = text.replace(/[ \t]+/, ' ');
      if (!out.includes(entry)) out.push(entry);
      continue;
    }
    if (text.startsWith('-')) continue;
    const m = NAME.exec(text);
    if (!m) continue;
    const name = normalizeName(m[0].replace(/[._-]+$/, ''));
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The `via` names of the requirement whose text ends on 0-based physical line `last`. */
export function viaAfter(doc: Document, last: number): string[] {
  const entries: string[] = [];
  const lastText = lineText(doc, last);
  const own = isCommentLine(lastText) ? -1 : commentStart(lastText);
  if (own > 0) {
    const m = INLINE.exec(lastText.slice(own).trimStart());
    if (m) entries.push(m[1]!);
  }
  let i = isCommentLine(lastText) ? last : last + 1;
  if (i >= doc.starts.length) return names(entries);
  const first = lineText(doc, i);
  const inline = INLINE.exec(first.trimStart());
  if (inline) return names([...entries, inline[1]!]);
  if (!HEAD.test(first)) return names(entries);
  for (i++; i < doc.starts.length; i++) {
    const m = ITEM.exec(lineText(doc, i));
    if (!m || /^via\b/.test(m[1]!)) break;
    entries.push(m[1]!);
  }
  return names(entries);
}
