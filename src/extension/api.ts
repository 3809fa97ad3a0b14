/**
 * What `activate` returns to other extensions and to our own tests in the extension host. Kept
 * small on purpose: anything here is a promise to callers. Types only (the vscode import is
 * erased), so tests can import it alone.
 */
import type * as vscode from 'vscode';
import type { RunTimings } from './analyzer';
import type { AskedPrompt, ScriptedAnswer } from './prompts';
import type { Snapshot } from './snapshot';
import type { StatusText } from './status';
import type { TreeNode } from './tree-model';

export interface BeachcomberApi {
  /** Resolves once no analysis is scheduled or running and every result has been published. */
  idle(): Promise<void>;
  /** For the integration tests; not a stable interface. */
  readonly testing: BeachcomberTesting;
}

export interface BeachcomberTesting {
  /**
   * Answers the next questions (picks by label, inputs by text, buttons by label) from `answers`
   * instead of showing widgets, and opens no browser; returns the list the questions are written
   * to. A question with no answer left is cancelled.
   */
  scriptPrompts(answers: ScriptedAnswer[]): AskedPrompt[];
  /** Back to VS Code's own widgets. */
  unscriptPrompts(): void;
  snapshot(): Snapshot;
  status(): StatusText;
  lastRun(): RunTimings | null;
  /** The Dependencies view's data, as VS Code sees it. */
  readonly tree: vscode.TreeDataProvider<TreeNode>;
  /** What the Dependencies view (in its own container) has selected. */
  treeSelection(): readonly TreeNode[];
  /** The extension's own activation, measured: synchronous work in `activate` (ms). */
  readonly activationMs: number;
}
