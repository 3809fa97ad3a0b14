/**
 * Fix: move a direct dependency to the nearest safe version (pin, or raise the lower bound; with
 * the new release's hashes when the line has hashes and the user wants them fetched), or constrain
 * a package another one pulls in. Every applied edit ends in afterEdit: its notes are shown, and
 * the decision can be recorded.
 */
import type { PlanResult } from '../../core/edits';
import type { AfterEdit, PackageTarget } from '../command-ids';
import type { PickItem } from '../prompts';
import type { ActionContext } from './context';
import { applyPlan } from './apply';
import { recordDecision } from './decide';
import { fixChoices } from './plans';
import { resolveTarget, type Resolved } from './target';

export function fixCommand(ctx: ActionContext): (target: PackageTarget) => Promise<void> {
  return async (target) => {
    const resolved = await resolveTarget(target, ctx.snapshot(), ctx.files);
    if (typeof resolved === 'string') return void ctx.prompts().inform(`Cannot fix ${target.name}: ${resolved}.`, []);
    const version = resolved.assessment?.nearestSafe;
    if (!version) return void ctx.prompts().inform(`No safe version of ${target.name} is known: consider Fork or Forgo.`, []);
    const items: PickItem<() => Promise<PlanResult>>[] = [];
    for (const choice of await fixChoices(resolved, version, ctx.files)) {
      if (choice.plan.ok) items.push({ label: choice.plan.plan.title, detail: choice.plan.plan.notes.join(' ') || undefined, value: async () => choice.plan });
    }
    if (resolved.record && resolved.record.hashes.length > 0) {
      items.push({ label: `Pin ${resolved.record.rawName} to ${version} with the hashes of its files`, detail: 'Asks the package index for the new release\'s sha256 hashes.', value: () => planWithHashes(ctx, resolved, version) });
    }
    if (items.length === 0) return void ctx.prompts().inform(`Cannot fix ${target.name} here.`, []);
    const picked = items.length === 1 ? items[0] : await ctx.prompts().pick(items, { title: `Fix ${target.name} ${target.version ?? ''}`.trim(), placeHolder: `Nearest safe version: ${version}` });
    if (!picked) return;
    const plan = await picked.value();
    if (!plan.ok) return void ctx.prompts().inform(`Cannot fix ${target.name}: ${plan.reason}.`, []);
    if (!(await applyPlan(plan.plan, (p) => ctx.uriOf(p)))) return void ctx.prompts().inform(`VS Code did not apply the edit to ${target.name}.`, []);
    await afterEditCommand(ctx)({ title: plan.plan.title, notes: plan.plan.notes, target, action: 'fix', replacement: null });
  };
}

/** Plan B of a hashed requirement: the new release's hashes from the index replace the old ones. */
async function planWithHashes(ctx: ActionContext, resolved: Resolved, version: string): Promise<PlanResult> {
  const index = await ctx.index();
  if (!index) return { ok: false, reason: 'no package index is configured (beachcomber.signals.health is off or the network is off)' };
  const release = await index.release(resolved.target.name, version);
  if (release.status !== 'ok') return { ok: false, reason: `the index did not give the files of ${resolved.target.name} ${version} (${release.detail})` };
  const hashes = release.value.files.map((f) => f.sha256).filter((h): h is string => h != null).map((h) => `sha256:${h}`);
  if (hashes.length === 0) return { ok: false, reason: `the index lists no hashes for ${resolved.target.name} ${version}` };
  const choices = await fixChoices(resolved, version, ctx.files, hashes);
  return choices.find((c) => c.style === 'pin')!.plan;
}

/** After an edit: say what it did and what is left to do, and offer to record the decision. */
export function afterEditCommand(ctx: ActionContext): (args: AfterEdit) => Promise<void> {
  return async (args) => {
    ctx.log.info(`applied: ${args.title}`, { notes: args.notes });
    const text = [args.title, ...args.notes].join(' — ');
    const answer = await ctx.prompts().inform(text, ['Record decision…']);
    if (answer === 'Record decision…') await recordDecision(ctx, args.target, args.action, { replacement: args.replacement });
  };
}
