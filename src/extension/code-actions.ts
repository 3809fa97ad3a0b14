/**
 * Quick fixes on our own diagnostics only (source "beachcomber"), honouring `context.only`: Fix as
 * ready-made edits (each one undoable WorkspaceEdit from a core plan, followed by its notes), and
 * Fork, Forgo, Accept risk and Fix upstream as commands, since they ask the user first.
 */
import * as vscode from 'vscode';
import { repositoryFrom } from '../core/upstream';
import { workspaceEditOf } from './actions/apply';
import type { ActionContext } from './actions/context';
import { fixChoices } from './actions/plans';
import { resolveTarget } from './actions/target';
import { COMMAND_IDS, type AfterEdit, type PackageTarget } from './command-ids';
import type { Lifetime } from './ctx';
import { SOURCE, type DiagnosticsView } from './diagnostics';
import { isManifestDocument } from './documents';
import type { Finding } from './findings';

const QUICK_FIX = vscode.CodeActionKind.QuickFix;

export function registerCodeActions(lifetime: Lifetime, diagnostics: DiagnosticsView, ctx: ActionContext): void {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context) {
      if (!isManifestDocument(document)) return [];
      if (context.only && !context.only.contains(QUICK_FIX)) return [];
      const actions = new Map<string, vscode.CodeAction>();
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== SOURCE) continue;
        const finding = diagnostics.findingOf(document.uri, diagnostic);
        if (!finding) continue;
        for (const action of await actionsFor(finding, diagnostic, ctx)) if (!actions.has(action.title)) actions.set(action.title, action);
      }
      return [...actions.values()];
    },
  };
  lifetime.own(vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, provider, { providedCodeActionKinds: [QUICK_FIX] }));
}

export function targetOfFinding(finding: Finding): PackageTarget {
  const subject = finding.subject;
  return { projectId: subject.projectId, name: subject.name, version: subject.version, file: finding.file, line: finding.range.start.line, through: subject.through, advisoryId: subject.advisoryId };
}

async function actionsFor(finding: Finding, diagnostic: vscode.Diagnostic, ctx: ActionContext): Promise<vscode.CodeAction[]> {
  if (finding.code === 'inactive') return [];
  if (finding.code === 'unknown-risk') return [commandAction('Retry the analysis: ask every source again', diagnostic, { command: COMMAND_IDS.refresh, title: 'Retry' })];
  const target = targetOfFinding(finding);
  const resolved = await resolveTarget(target, ctx.snapshot(), ctx.files);
  if (typeof resolved === 'string') return [];
  const a = resolved.assessment;
  const actions: vscode.CodeAction[] = [];
  if (a?.nearestSafe && (resolved.through != null || a.actions.includes('fix'))) {
    for (const [i, choice] of (await fixChoices(resolved, a.nearestSafe, ctx.files)).entries()) {
      if (!choice.plan.ok) continue;
      const plan = choice.plan.plan;
      const action = new vscode.CodeAction(plan.title, QUICK_FIX);
      action.diagnostics = [diagnostic];
      action.edit = workspaceEditOf(plan, (p) => ctx.uriOf(p));
      const after: AfterEdit = { title: plan.title, notes: plan.notes, target, action: 'fix', replacement: null };
      action.command = { command: COMMAND_IDS.afterEdit, title: 'Show what is left to do', arguments: [after] };
      action.isPreferred = i === 0;
      actions.push(action);
    }
    if (resolved.record && resolved.record.hashes.length > 0) actions.push(commandAction(`Fix ${target.name} with the new release's hashes…`, diagnostic, { command: COMMAND_IDS.fix, title: 'Fix', arguments: [target] }));
  }
  if (resolved.record && a?.actions.includes('fork')) actions.push(commandAction(`Fork ${target.name}: replace it with a maintained fork…`, diagnostic, { command: COMMAND_IDS.fork, title: 'Fork', arguments: [target] }));
  if (resolved.record && a?.actions.includes('forgo')) actions.push(commandAction(`Forgo ${target.name}: remove or replace it…`, diagnostic, { command: COMMAND_IDS.forgo, title: 'Forgo', arguments: [target] }));
  if (a && !finding.accepted && finding.level !== 'unknown') actions.push(commandAction(`Accept the risk of ${target.name}${target.advisoryId ? ` (${target.advisoryId})` : ''} until a date…`, diagnostic, { command: COMMAND_IDS.acceptRisk, title: 'Accept', arguments: [target] }));
  if (a?.health && repositoryFrom(a.health.projectUrls)) actions.push(commandAction(`Fix upstream: draft an issue for ${target.name}…`, diagnostic, { command: COMMAND_IDS.fixUpstream, title: 'Fix upstream', arguments: [target] }));
  return actions;
}

function commandAction(title: string, diagnostic: vscode.Diagnostic, command: vscode.Command): vscode.CodeAction {
  const action = new vscode.CodeAction(title, QUICK_FIX);
  action.diagnostics = [diagnostic];
  action.command = command;
  return action;
}
