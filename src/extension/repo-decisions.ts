/**
 * The repository's decisions: `beachcomber.toml` at the root of each workspace folder, read
 * through the document FileSource (an unsaved edit counts at once). Its problems become
 * diagnostics like any parse problem; a decision with an error is not applied (src/core/decisions).
 */
import * as vscode from 'vscode';
import { DECISIONS_FILE, readDecisions, type RepoDecision } from '../core/decisions';
import type { Problem } from '../core/model/dependency';
import { joinPath } from '../core/paths';
import { toCorePath } from './convert';
import { documentFileSource } from './documents';

export interface RepoDecisions {
  readonly decisions: readonly RepoDecision[];
  readonly problems: readonly Problem[];
}

export async function readRepoDecisions(): Promise<RepoDecisions> {
  const decisions: RepoDecision[] = [];
  const problems: Problem[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const path = decisionsPath(folder.uri);
    const text = await documentFileSource(folder.uri).read(path);
    if (text === undefined) continue;
    const read = readDecisions(text, path);
    decisions.push(...read.decisions);
    problems.push(...read.problems);
  }
  return { decisions, problems };
}

/** Where a workspace folder keeps its decisions. */
export function decisionsPath(folder: vscode.Uri): string {
  return joinPath(toCorePath(folder), DECISIONS_FILE);
}
