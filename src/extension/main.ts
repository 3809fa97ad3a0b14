/**
 * The composition root: it builds the pieces and wires them together, and does no work itself.
 * Activation stays cheap: only the documents already open are read, everything else waits for an
 * event.
 */
import type * as vscode from 'vscode';
import type { BeachcomberApi } from './api';
import { registerCommands } from './commands';
import { lifetimeOf } from './ctx';
import { startParseDiagnostics } from './diagnostics';
import { createLog } from './log';

export function activate(context: vscode.ExtensionContext): BeachcomberApi {
  const lifetime = lifetimeOf(context);
  const log = createLog(lifetime);
  const diagnostics = startParseDiagnostics(lifetime, log.logger);
  registerCommands(lifetime, { showLogs: () => log.channel.show(true) });
  log.logger.info(`Beachcomber ${String(context.extension.packageJSON.version)} activated`);
  return { idle: () => diagnostics.idle() };
}

/** Everything is owned by context.subscriptions, which VS Code disposes after this. */
export function deactivate(): void {}
