/** What every pyproject processor reads from and reports to. */
import type { Problem } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { literalRange, type TomlDocument } from '../../toml';

export interface PyprojectContext {
  readonly doc: TomlDocument;
  readonly file: string;
  readonly problems: Problem[];
}

export function report(ctx: PyprojectContext, range: SourceRange, message: string, severity: Problem['severity'] = 'error'): void {
  ctx.problems.push({ file: ctx.file, line: range.start.line + 1, range, message, severity });
}

/** Reports a value of the wrong kind where a table or array of requirements was expected. */
export function reportShape(ctx: PyprojectContext, node: { readonly start: number; readonly end?: number }, message: string): void {
  report(ctx, literalRange(ctx.doc, { start: node.start, end: node.end ?? node.start + 1 }), message);
}
