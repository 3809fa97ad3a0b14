/**
 * The composition root: it builds the pieces and wires them together, and does no work itself.
 * Activation stays cheap: registrations only; finding and analysing the workspace starts right
 * after, off the activation path.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { DECISIONS_FILE } from '../core/decisions';
import { basename } from '../core/paths';
import type { ActionContext } from './actions/context';
import { createAnalyzer } from './analyzer';
import type { BeachcomberApi } from './api';
import { registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { onSettingsChange, readSettings } from './config';
import { toCorePath } from './convert';
import { lifetimeOf } from './ctx';
import { createDiagnosticsView } from './diagnostics';
import { documentFileSource, isManifestDocument } from './documents';
import { registerHover } from './hover';
import { createLog } from './log';
import { scriptedPrompts, vscodePrompts, type AskedPrompt, type Prompts } from './prompts';
import type { Settings } from './settings';
import { createSourcesHolder } from './sources';
import { createStatusView } from './status';
import { createTeam } from './team';
import { createDependencyTree } from './tree';
import { createManifestFiles } from './workspace-files';

export function activate(context: vscode.ExtensionContext): BeachcomberApi {
  const started = performance.now();
  const lifetime = lifetimeOf(context);
  const log = createLog(lifetime);
  let settings: Settings = readSettings();
  let prompts: Prompts = vscodePrompts;
  const files = createManifestFiles(lifetime, (path) => analyzer.schedule(`${basename(path)} changed on disk`));
  const team = createTeam(lifetime, context.secrets, settings.sources.backendUrl, log.logger);
  const sources = createSourcesHolder(context.globalStorageUri.scheme === 'file' ? join(context.globalStorageUri.fsPath, 'cache') : null, log.logger);
  lifetime.own({ dispose: () => void sources.dispose() });
  const warn = warnOnce((message) => {
    void vscode.window.showWarningMessage(message, 'Show Logs').then((button) => button && log.channel.show(true));
  });
  const analyzer = createAnalyzer(lifetime, { files, sources, team, settings: () => settings, log: log.logger, warn });
  const current = () => ({ snapshot: analyzer.snapshot, settings });
  const diagnostics = createDiagnosticsView(lifetime, (path) => files.uriOf(path));
  const status = createStatusView(lifetime);
  const tree = createDependencyTree(lifetime, current);
  registerHover(lifetime, current);

  const ctx: ActionContext = {
    snapshot: () => analyzer.snapshot,
    settings: () => settings,
    files: documentFileSource(files.uriOf('/')),
    uriOf: (path) => files.uriOf(path),
    prompts: () => prompts,
    team,
    index: async () => (await sources.get(settings, 'direct', null)).ports.index,
    analyzer,
    log: log.logger,
    today: () => new Date().toISOString().slice(0, 10),
  };
  registerCodeActions(lifetime, diagnostics, ctx);
  registerCommands(lifetime, {
    ctx,
    tree,
    showLogs: () => log.channel.show(true),
    signIn: async () => {
      const token = await prompts.input({ title: 'Sign in to the team backend', prompt: `Token for ${settings.sources.backendUrl ?? 'the backend (set beachcomber.backend.url first)'}`, password: true });
      if (!token) return;
      const who = await team.signIn(token.trim());
      await prompts.inform(who.status === 'ok' ? `Signed in to the team backend as ${who.value}.` : `Sign-in failed: ${who.detail}`, []);
    },
    signOut: async () => {
      await team.signOut();
      await prompts.inform('Signed out of the team backend: analyses ask OSV and PyPI directly.', []);
    },
  });

  lifetime.own(analyzer.onDidChange((snapshot) => {
    diagnostics.render(snapshot, settings);
    tree.refresh();
    status.render(snapshot);
    void vscode.commands.executeCommand('setContext', 'beachcomber.hasProjects', snapshot.projects.length > 0);
  }));
  onSettingsChange(lifetime, (next) => {
    settings = next;
    diagnostics.render(analyzer.snapshot, settings);
    tree.refresh();
    analyzer.schedule('the settings changed', 0);
  });
  lifetime.own(team.onDidChange(() => analyzer.schedule('the team sign-in changed', 0)));
  watchDocuments(context, files, (reason) => analyzer.schedule(reason));
  analyzer.schedule('the extension started', 0);

  const activationMs = performance.now() - started;
  log.logger.info(`Beachcomber ${String(context.extension.packageJSON.version)} activated in ${activationMs.toFixed(1)} ms`);
  return {
    idle: () => analyzer.idle(),
    testing: {
      scriptPrompts(answers) {
        const asked: AskedPrompt[] = [];
        prompts = scriptedPrompts(answers, asked);
        return asked;
      },
      unscriptPrompts: () => void (prompts = vscodePrompts),
      snapshot: () => analyzer.snapshot,
      status: () => status.current,
      lastRun: () => analyzer.lastRun,
      tree: tree.provider,
      treeSelection: () => tree.views[0]?.selection ?? [],
      activationMs,
    },
  };
}

/** Edits to an open manifest (or beachcomber.toml) are analysed as typed, after a short pause. */
function watchDocuments(context: vscode.ExtensionContext, files: ReturnType<typeof createManifestFiles>, schedule: (reason: string) => void): void {
  const relevant = (document: vscode.TextDocument) => isManifestDocument(document) || (document.uri.scheme === 'file' && basename(document.uri.path) === DECISIONS_FILE);
  const relay = (document: vscode.TextDocument, why: string) => {
    if (!relevant(document)) return;
    files.changed(toCorePath(document.uri), 'changed');
    schedule(`${basename(document.uri.path)} ${why}`);
  };
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length > 0) relay(event.document, 'was edited');
  }));
  // Closing an unsaved document brings back the text on disk.
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((document) => relay(document, 'was closed')));
}

/** Each distinct message once per session: a failing source must not bury the user in toasts. */
function warnOnce(show: (message: string) => void): (message: string) => void {
  const shown = new Set<string>();
  return (message) => {
    if (shown.has(message)) return;
    shown.add(message);
    show(message);
  };
}

/** Everything is owned by context.subscriptions, which VS Code disposes after this. */
export function deactivate(): void {}
