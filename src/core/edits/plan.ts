/**
 * What a Fix / Fork / Forgo action proposes, before anything is touched: text edits in existing
 * files, files to create, and notes for the user. The editor turns one plan into ONE undoable
 * WorkspaceEdit; the core never writes files itself.
 */
import type { SourceRange } from '../model/range';

export interface TextEdit {
  readonly file: string;
  /** 0-based lines and UTF-16 characters, in the file's text as it was read. */
  readonly range: SourceRange;
  readonly newText: string;
}

export interface FileCreation {
  readonly file: string;
  readonly text: string;
}

export interface EditPlan {
  /** What the action does, for a code action's title or a quick pick. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly creates: readonly FileCreation[];
  /** What the user must know or do next (regenerate hashes, re-lock, …). */
  readonly notes: readonly string[];
}

/** A plan, or why the action cannot be planned for this record (so the UI can say so). */
export type PlanResult = { readonly ok: true; readonly plan: EditPlan } | { readonly ok: false; readonly reason: string };

export function planned(title: string, edits: readonly TextEdit[], notes: readonly string[] = [], creates: readonly FileCreation[] = []): PlanResult {
  return { ok: true, plan: { title, edits, creates, notes } };
}

export function refused(reason: string): PlanResult {
  return { ok: false, reason };
}

/** A manifest as the caller read it. */
export interface FileText {
  readonly path: string;
  readonly text: string;
}
