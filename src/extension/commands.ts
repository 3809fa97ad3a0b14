import * as vscode from 'vscode';
import type { Lifetime } from './ctx';

/** Command ids, as contributed in package.json. */
export const COMMANDS = {
  showLogs: 'beachcomber.showLogs',
} as const;

export interface CommandHandlers {
  showLogs(): void;
}

export function registerCommands(lifetime: Lifetime, handlers: CommandHandlers): void {
  lifetime.own(vscode.commands.registerCommand(COMMANDS.showLogs, () => handlers.showLogs()));
}
