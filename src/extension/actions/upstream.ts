/**
 * Fix upstream: draft an issue for the package's own repository (src/core/upstream) and open the
 * prefilled new-issue page. A security report never becomes a public issue with details: the
 * details go to the clipboard for the private reporting form the link opens.
 */
import * as vscode from 'vscode';
import { draftUpstream, repositoryFrom, type UpstreamTopic } from '../../core/upstream';
import type { PackageTarget } from '../command-ids';
import type { PickItem } from '../prompts';
import type { ActionContext } from './context';

export function fixUpstreamCommand(ctx: ActionContext): (target: PackageTarget) => Promise<void> {
  return async (target) => {
    const assessment = target.version ? ctx.snapshot().assessments.get(`${target.name}@${target.version}`) : undefined;
    const urls = assessment?.health?.projectUrls ?? {};
    const repository = repositoryFrom(urls, assessment?.health?.repository ? `https://${assessment.health.repository}` : null);
    if (!repository) return void (await ctx.prompts().inform(`No GitHub or GitLab repository is known for ${target.name}: its project URLs name none.`, []));
    const unpatched = assessment?.advisories.find((a) => a.fixedAbove == null && !a.malicious) ?? null;
    const items: PickItem<UpstreamTopic>[] = [];
    if (unpatched) items.push({ label: 'Report an unpatched advisory (privately)', description: unpatched.id, value: 'unpatched-advisory' });
    items.push({ label: 'Propose a security policy', value: 'security-policy' }, { label: 'Propose Trusted Publishing', value: 'trusted-publishing' });
    if (assessment?.signals.some((s) => s.kind === 'dangerous-workflow')) items.push({ label: 'Point out a dangerous CI workflow', value: 'dangerous-workflow' });
    const picked = await ctx.prompts().pick(items, { title: `Fix upstream: ${repository.url}` });
    if (!picked) return;
    const advisory = unpatched ? { id: unpatched.id, aliases: unpatched.aliases, summary: unpatched.summary } : null;
    const draft = draftUpstream(picked.value, { package: target.name, version: target.version, repository, advisory });
    if (draft.privateText) {
      const copied = await vscode.env.clipboard.writeText(draft.privateText).then(() => true, () => false);
      ctx.log.info('private report for the maintainers', { text: draft.privateText });
      await ctx.prompts().inform(copied ? 'The report is on the clipboard: paste it into the private form that opens. It never goes into a public issue.' : 'The report is in the Beachcomber log: paste it into the private form that opens. It never goes into a public issue.', []);
    }
    for (const note of draft.notes) ctx.log.info(note);
    await ctx.prompts().open(draft.url);
  };
}
