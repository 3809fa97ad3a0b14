import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import type { Lifetime } from './ctx';

export interface Log {
  readonly channel: vscode.LogOutputChannel;
  /** The core's Logger port, written to the channel. */
  readonly logger: Logger;
}

/** The "Beachcomber" output channel; VS Code's log channel brings levels and timestamps. */
export function createLog(lifetime: Lifetime): Log {
  const channel = lifetime.own(vscode.window.createOutputChannel('Beachcomber', { log: true }));
  const line = (message: string, meta?: Record<string, unknown>): string =>
    meta === undefined ? message : `${message} ${JSON.stringify(meta)}`;
  return {
    channel,
    logger: {
      error: (message, meta) => channel.error(line(message, meta)),
      warn: (message, meta) => channel.warn(line(message, meta)),
      info: (message, meta) => channel.info(line(message, meta)),
      debug: (message, meta) => channel.debug(line(message, meta)),
    },
  };
}
