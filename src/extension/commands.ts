/**
 * The command table: every id of command-ids.ts with its handler, each a factory over the action
 * context. Menu entries of the tree pass a tree node, links and code actions pass a PackageTarget;
 * both arrive here as a target.
 */
import * as vscode from 'vscode';
import { acceptRiskCommand } from './actions/decide';
import type { ActionContext } from './actions/context';
import { afterEditCommand, fixCommand } from './actions/fix';
import { forgoCommand, forkCommand } from './actions/fork-forgo';
import { resolveTarget } from './actions/target';
import { fixUpstreamCommand } from './actions/upstream';
import { COMMAND_IDS, type AfterEdit, type PackageTarget } from './command-ids';
import { toRange } from './convert';
import type { Lifetime } from './ctx';
import { osvLink, pypiLink } from './finding-text';
import { placesOf } from './locate';
import type { DependencyTree } from './tree';
import { nodeTarget, type TreeNode } from './tree-model';

export interface CommandDeps {
  readonly ctx: ActionContext;
  readonly tree: DependencyTree;
  showLogs(): void;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

export function registerCommands(lifetime: Lifetime, deps: CommandDeps): void {
  const { ctx, tree } = deps;
  const onTarget = (handler: (target: PackageTarget) => Promise<void>) => async (arg: PackageTarget | TreeNode) => {
    const target = asTarget(arg);
    if (target) await handler(target);
  };
  const table: Record<string, (...args: never[]) => unknown> = {
    [COMMAND_IDS.showLogs]: () => deps.showLogs(),
    [COMMAND_IDS.refresh]: () => ctx.analyzer.run('a refresh was asked for', true),
    [COMMAND_IDS.showTree]: () => vscode.commands.executeCommand(`${'beachcomber.dependencies'}.focus`),
    [COMMAND_IDS.showInTree]: onTarget((target) => tree.reveal(target)),
    [COMMAND_IDS.fix]: onTarget(fixCommand(ctx)),
    [COMMAND_IDS.fork]: onTarget(forkCommand(ctx)),
    [COMMAND_IDS.forgo]: onTarget(forgoCommand(ctx)),
    [COMMAND_IDS.acceptRisk]: onTarget(acceptRiskCommand(ctx)),
    [COMMAND_IDS.fixUpstream]: onTarget(fixUpstreamCommand(ctx)),
    [COMMAND_IDS.revealInManifest]: onTarget((target) => revealInManifest(ctx, target)),
    [COMMAND_IDS.openOnPypi]: onTarget((target) => ctx.prompts().open(pypiLink(target.name))),
    [COMMAND_IDS.openAdvisory]: onTarget((target) => openAdvisory(ctx, target)),
    [COMMAND_IDS.signIn]: () => deps.signIn(),
    [COMMAND_IDS.signOut]: () => deps.signOut(),
    [COMMAND_IDS.showRiskyOnly]: () => tree.setOptions({ riskyOnly: true }),
    [COMMAND_IDS.showAll]: () => tree.setOptions({ riskyOnly: false }),
    [COMMAND_IDS.groupByRisk]: () => tree.setOptions({ grouping: 'risk' }),
    [COMMAND_IDS.groupByManifest]: () => tree.setOptions({ grouping: 'manifest' }),
    [COMMAND_IDS.afterEdit]: (args: AfterEdit) => afterEditCommand(ctx)(args),
  };
  for (const [id, handler] of Object.entries(table)) lifetime.own(vscode.commands.registerCommand(id, handler));
}

function asTarget(arg: PackageTarget | TreeNode | undefined): PackageTarget | null {
  if (!arg || typeof arg !== 'object') return null;
  if ('kind' in arg) return arg.kind === 'package' ? nodeTarget(arg) : null;
  return 'projectId' in arg && typeof arg.name === 'string' ? arg : null;
}

/** Opens the manifest at the requirement (or, for a package pulled in by another, its lock entry). */
async function revealInManifest(ctx: ActionContext, target: PackageTarget): Promise<void> {
  const resolved = await resolveTarget(target, ctx.snapshot(), ctx.files);
  if (typeof resolved === 'string') return void (await ctx.prompts().inform(`Cannot show ${target.name}: ${resolved}.`, []));
  let place: { file: string; range: ReturnType<typeof toRange> } | null = null;
  if (resolved.record) place = { file: resolved.record.file, range: toRange(resolved.record.requirementRange) };
  else {
    const entry = placesOf(resolved.project, target.name).entry;
    const lock = resolved.project.lock;
    if (entry && lock) place = { file: lock.path, range: toRange(entry.nameRange) };
  }
  if (!place) return;
  const editor = await vscode.window.showTextDocument(ctx.uriOf(place.file), { selection: place.range, preview: true });
  editor.revealRange(place.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function openAdvisory(ctx: ActionContext, target: PackageTarget): Promise<void> {
  const assessment = target.version ? ctx.snapshot().assessments.get(`${target.name}@${target.version}`) : undefined;
  const advisories = assessment?.advisories ?? [];
  if (advisories.length === 0) return void (await ctx.prompts().inform(`No advisory affects ${target.name} ${target.version ?? ''}.`, []));
  const chosen = advisories.length === 1 ? advisories[0] : (await ctx.prompts().pick(advisories.map((a) => ({ label: a.id, description: a.aliases.join(', '), detail: a.summary, value: a })), { title: `Advisories of ${target.name}` }))?.value;
  const href = chosen ? osvLink(chosen.id) : null;
  if (href) await ctx.prompts().open(href);
}
