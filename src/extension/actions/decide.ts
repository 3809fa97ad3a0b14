/**
 * Recording a decision (fix, fork, forgo, accept) with its reason, author and optional expiry: in
 * the repository's beachcomber.toml (appended, reviewed in pull requests), in the team backend
 * (its author is the token's name), or both. "Accept risk until DATE" quiets the findings it
 * covers until that day.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isIsoDate, planRecordDecision, type NewDecision } from '../../core/decisions';
import type { DecisionAction } from '../../core/model/risk';
import type { PackageTarget } from '../command-ids';
import { toCorePath } from '../convert';
import { decisionsPath } from '../repo-decisions';
import type { ActionContext } from './context';
import { applyPlan } from './apply';

type Where = 'repo' | 'team' | 'both';

export interface DecisionDetails {
  readonly replacement?: string | null;
  readonly advisory?: string | null;
}

export async function recordDecision(ctx: ActionContext, target: PackageTarget, action: DecisionAction, details: DecisionDetails = {}): Promise<boolean> {
  const prompts = ctx.prompts();
  const reason = await prompts.input({ title: `Record: ${action} ${target.name}`, prompt: `Why ${action} ${target.name}? (kept with the decision)`, validate: (v) => (v.trim() === '' ? 'Say why, for the people who review it' : null) });
  if (reason === undefined) return false;
  const until = await prompts.input({ title: `Record: ${action} ${target.name}`, prompt: 'Until when does it hold? (YYYY-MM-DD; empty for no end)', value: action === 'accept' ? inDays(ctx.today(), 90) : '', validate: (v) => validUntil(v, ctx.today()) });
  if (until === undefined) return false;
  const where = await whereTo(ctx);
  if (!where) return false;
  const decision: NewDecision = { package: target.name, action, reason: reason.trim(), author: '', until: until.trim() || null, replacement: details.replacement ?? null, advisory: details.advisory ?? null, created: ctx.today() };
  if (where !== 'team' && !(await recordInRepo(ctx, target, decision))) return false;
  if (where !== 'repo' && !(await recordInTeam(ctx, decision))) return false;
  await ctx.analyzer.run(`a decision about ${target.name} was recorded`);
  return true;
}

/** Accept the risk of a package (or of one advisory of it) until a date. */
export function acceptRiskCommand(ctx: ActionContext): (target: PackageTarget) => Promise<void> {
  return async (target) => {
    await recordDecision(ctx, target, 'accept', { advisory: target.advisoryId });
  };
}

async function whereTo(ctx: ActionContext): Promise<Where | undefined> {
  if (!(await ctx.team.active())) return 'repo';
  const picked = await ctx.prompts().pick<Where>([
    { label: 'beachcomber.toml', description: 'in the repository, reviewed in pull requests', value: 'repo' },
    { label: 'Team backend', description: ctx.team.url ?? '', value: 'team' },
    { label: 'Both', value: 'both' },
  ], { title: 'Where should the decision be recorded?' });
  return picked?.value;
}

async function recordInRepo(ctx: ActionContext, target: PackageTarget, decision: NewDecision): Promise<boolean> {
  const folder = folderOf(target);
  if (!folder) {
    await ctx.prompts().inform('Open a workspace folder to record decisions in beachcomber.toml.', []);
    return false;
  }
  const author = await ctx.prompts().input({ title: `Record: ${decision.action} ${decision.package}`, prompt: 'Who decides? (author)', value: (await gitUserName(folder)) ?? '', validate: (v) => (v.trim() === '' ? 'Name who decided' : null) });
  if (author === undefined) return false;
  const path = decisionsPath(folder.uri);
  const plan = planRecordDecision(path, await ctx.files.read(path), { ...decision, author: author.trim() });
  if (!plan.ok) {
    await ctx.prompts().inform(`Cannot record the decision: ${plan.reason}.`, []);
    return false;
  }
  if (!(await applyPlan(plan.plan, (p) => ctx.uriOf(p)))) return false;
  // The file exists to be committed: save it, so the decision is on disk like the edit it explains.
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === ctx.uriOf(path).toString());
  if (document?.isDirty) await document.save();
  return true;
}

async function recordInTeam(ctx: ActionContext, decision: NewDecision): Promise<boolean> {
  const written = await ctx.team.record({ package: decision.package, action: decision.action, reason: decision.reason, replacement: decision.replacement ?? null, advisory: decision.advisory ?? null, expires: decision.until ?? null });
  if (written.status !== 'ok') {
    await ctx.prompts().inform(`The team backend did not record the decision: ${written.detail}`, []);
    return false;
  }
  ctx.log.info(`recorded in the team backend: ${written.value.action} ${written.value.package} by ${written.value.author}`);
  return true;
}

/** The workspace folder of the project: its beachcomber.toml is the one the decision goes to. */
function folderOf(target: PackageTarget): vscode.WorkspaceFolder | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const file = target.file ?? target.projectId;
  return folders.find((f) => file.startsWith(`${toCorePath(f.uri)}/`)) ?? folders[0];
}

function validUntil(value: string, today: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (!isIsoDate(v)) return 'A date like 2026-06-30';
  return v < today ? 'That day has passed' : null;
}

function inDays(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The git author to suggest: `[user] name` from the repository's .git/config, else ~/.gitconfig.
 * Read as text, never by running git (nothing from the workspace is executed).
 */
async function gitUserName(folder: vscode.WorkspaceFolder): Promise<string | null> {
  const candidates = [vscode.Uri.joinPath(folder.uri, '.git', 'config'), vscode.Uri.file(join(homedir(), '.gitconfig'))];
  for (const uri of candidates) {
    try {
      const name = userNameIn(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (name) return name;
    } catch {
      continue;
    }
  }
  return null;
}

export function userNameIn(config: string): string | null {
  let inUser = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[([^\]\s]+)/.exec(line);
    if (section) inUser = section[1]!.toLowerCase() === 'user';
    const name = inUser ? /^\s*name\s*=\s*(.+?)\s*$/.exec(line) : null;
    if (name) return name[1]!.replace(/^"(.*)"$/, '$1');
  }
  return null;
}
