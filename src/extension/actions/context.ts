/**
 * What the Fix / Fork / Forgo commands work with. Commands are factories over this one object
 * (no module state), as rust-analyzer's commands are over its Ctx.
 */
import type * as vscode from 'vscode';
import type { FileSource, Logger, PackageIndex } from '../../core/ports';
import type { Analyzer } from '../analyzer';
import type { Prompts } from '../prompts';
import type { Settings } from '../settings';
import type { Snapshot } from '../snapshot';
import type { Team } from '../team';

export interface ActionContext {
  snapshot(): Snapshot;
  settings(): Settings;
  /** Files as the user sees them (open documents first). */
  readonly files: FileSource;
  uriOf(path: string): vscode.Uri;
  prompts(): Prompts;
  readonly team: Team;
  /** The package index, for what only a user's action may fetch (a fork's latest version, new hashes). */
  index(): Promise<PackageIndex | undefined>;
  readonly analyzer: Analyzer;
  readonly log: Logger;
  /** Today as YYYY-MM-DD (UTC), for decisions. */
  today(): string;
}
