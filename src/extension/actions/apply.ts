/**
 * An EditPlan as ONE WorkspaceEdit: one undo step, new files created (never over an existing one),
 * every range in the text the plan was made from.
 */
import * as vscode from 'vscode';
import type { EditPlan } from '../../core/edits';
import { toRange } from '../convert';

export function workspaceEditOf(plan: EditPlan, uriOf: (path: string) => vscode.Uri): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (const creation of plan.creates) {
    edit.createFile(uriOf(creation.file), { overwrite: false, ignoreIfExists: false, contents: encoder.encode(creation.text) }, { label: plan.title, needsConfirmation: false });
  }
  for (const change of plan.edits) edit.replace(uriOf(change.file), toRange(change.range), change.newText, { label: plan.title, needsConfirmation: false });
  return edit;
}

export async function applyPlan(plan: EditPlan, uriOf: (path: string) => vscode.Uri): Promise<boolean> {
  return vscode.workspace.applyEdit(workspaceEditOf(plan, uriOf));
}
