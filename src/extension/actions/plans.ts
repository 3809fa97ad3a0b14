/**
 * The Fix plans for a resolved target, from the core's planners (src/core/edits): pin and raise the
 * lower bound for a direct dependency, a constraint where the tool reads one for a package pulled
 * in by another. Pure apart from reading the constraints file a requirements project names.
 */
import { constraintsFileFor, detectTool, fixPlans, planTransitiveFix, type FixStyle, type PlanResult } from '../../core/edits';
import type { FileSource } from '../../core/ports';
import type { Resolved } from './target';

export interface FixChoice {
  readonly style: FixStyle;
  readonly plan: PlanResult;
}

/** Both Fix plans for `version`, the one that keeps the user's style first. */
export async function fixChoices(resolved: Resolved, version: string, files: FileSource, hashes?: readonly string[]): Promise<FixChoice[]> {
  if (!resolved.manifest) return [];
  if (resolved.through) {
    const constraints = await constraintsOf(resolved, files);
    const common = { manifest: resolved.manifest, package: resolved.target.name, version, through: resolved.through, advisory: resolved.target.advisoryId ?? firstFixedAdvisory(resolved), lockFiles: resolved.lockFiles, ...(constraints ? { constraints } : {}) };
    return [
      { style: 'lower-bound', plan: planTransitiveFix({ ...common, style: 'lower-bound' }) },
      { style: 'pin', plan: planTransitiveFix({ ...common, style: 'pin' }) },
    ];
  }
  if (!resolved.record) return [];
  const [pin, lower] = fixPlans({ file: resolved.manifest, dependency: resolved.record, version, lockFiles: resolved.lockFiles, ...(hashes ? { hashes } : {}) });
  const pinned = /^\s*\(?\s*===?/.test(resolved.record.specifier) || resolved.record.specifier === '';
  const choices: FixChoice[] = [{ style: 'pin', plan: pin! }, { style: 'lower-bound', plan: lower! }];
  return pinned ? choices : choices.reverse();
}

/** A requirements project (or plain PEP 621) reads its constraints from a file: the one it names, as it is now. */
async function constraintsOf(resolved: Resolved, files: FileSource): Promise<{ path: string; text: string | undefined } | null> {
  if (!resolved.manifest) return null;
  const tool = detectTool(resolved.manifest, resolved.lockFiles);
  if (tool !== 'pip') return null;
  const path = constraintsFileFor(resolved.manifest).path;
  return { path, text: await files.read(path) };
}

/** The advisory a constraint comment names: the first one the safe version fixes. */
function firstFixedAdvisory(resolved: Resolved): string | null {
  const advisory = resolved.assessment?.advisories.find((a) => a.fixedAbove != null) ?? resolved.assessment?.advisories[0];
  return advisory?.id ?? null;
}
