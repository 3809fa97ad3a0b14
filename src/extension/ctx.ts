import type * as vscode from 'vscode';

/**
 * Who owns a registration. Everything the extension registers (listeners, commands, collections,
 * timers) is owned by a lifetime and disposed with it (docs/architecture.md, invariant 5), so a
 * deactivate or a reload leaves nothing behind.
 */
export interface Lifetime {
  own<T extends vscode.Disposable>(disposable: T): T;
}

/** The extension's own lifetime: its registrations go to `context.subscriptions`. */
export function lifetimeOf(context: vscode.ExtensionContext): Lifetime {
  return {
    own(disposable) {
      context.subscriptions.push(disposable);
      return disposable;
    },
  };
}
