/**
 * A failed resolution in words, at the lines that caused it: "cannot resolve starlette: fastapi
 * 0.110.0 needs starlette<0.37,>=0.36.3; your constraints say starlette>=0.38". Each requirement
 * in the conflict is traced back through the packages that asked for it to the manifest line that
 * started the chain; the words go to every such line, and to the constraint lines involved.
 */
import type { Dependency, Problem } from '../../model/dependency';
import type { Information } from './backtrack';
import { newestFirst, whyNoRelease } from './candidates';
import type { Provider } from './provider';
import { describeCandidate, describeRequirement, type ResolverRequirement } from './requirements';

export interface Trace {
  /** The manifest record the chain starts from, or null when it cannot be traced. */
  readonly record: Dependency | null;
  /** Names from the direct dependency down to the package that asks (empty for the manifest). */
  readonly through: readonly string[];
}

/** Follows parents up to the manifest through the first information that brought each one in. */
export function traceToManifest(information: Information, introducedBy: ReadonlyMap<string, Information>): Trace {
  const through: string[] = [];
  const seen = new Set<string>();
  let current = information;
  while (current.parent != null) {
    const id = current.parent.id;
    if (seen.has(id)) return { record: null, through };
    seen.add(id);
    through.unshift(current.parent.name);
    const up = introducedBy.get(id);
    if (!up) return { record: null, through };
    current = up;
  }
  return { record: current.requirement.record, through };
}

function phrase(information: Information): string {
  const { requirement, parent } = information;
  if (parent != null) return `${describeCandidate(parent)} needs ${describeRequirement(requirement)}`;
  if (requirement.kind === 'constraint') return `your constraints say ${describeRequirement(requirement)}`;
  if (requirement.kind === 'override') return `your overrides say ${describeRequirement(requirement)}`;
  return `you ask for ${describeRequirement(requirement)}`;
}

/** One sentence per conflicting name, naming every package, version and specifier involved. */
export function conflictProblems(causes: readonly Information[], provider: Provider, introducedBy: ReadonlyMap<string, Information>, fallback: Dependency | null): Problem[] {
  const byName = new Map<string, Information[]>();
  for (const cause of causes) byName.set(cause.requirement.name, [...(byName.get(cause.requirement.name) ?? []), cause]);
  const problems: Problem[] = [];
  for (const [name, infos] of byName) {
    const constraints = provider.settings.constraints.get(name) ?? [];
    const ordered = [...infos.filter((i) => i.parent != null), ...infos.filter((i) => i.parent == null)];
    const parts = [...new Set([...ordered.map(phrase), ...constraints.map((c) => phrase({ requirement: c, parent: null }))])];
    const reason = projectReason(name, [...infos.map((i) => i.requirement), ...constraints], provider);
    if (reason) parts.push(reason);
    const message = `cannot resolve ${name}: ${parts.join('; ')}`;
    const records = [...infos.map((i) => traceToManifest(i, introducedBy).record), ...constraints.map((c) => c.record)];
    problems.push(...problemsAt(records, fallback, message, 'error'));
  }
  return problems;
}

/** What the index says about the name when the specifiers alone do not explain the conflict. */
function projectReason(name: string, requirements: readonly ResolverRequirement[], provider: Provider): string | null {
  const answer = provider.reader.project(name);
  if (answer === undefined) return null;
  if (answer.kind === 'not-found') return `${name} is not on the index`;
  if (answer.kind === 'failed') return `the index did not answer for ${name} (${answer.detail})`;
  const why = whyNoRelease(answer.releases, requirements.map((r) => r.alternatives), provider.settings.rules);
  if (why) return why;
  // Several requirements contradict one another: the parts already say it. One alone matches nothing.
  if (new Set(requirements.map(describeRequirement)).size > 1) return null;
  const newest = newestFirst(answer.releases.map((r) => r.version));
  return `the index has no such release (newest: ${newest.slice(0, 3).join(', ')})`;
}

/** The same message at each distinct record (once per place, in file and line order), or at the fallback when none traced. */
export function problemsAt(records: readonly (Dependency | null)[], fallback: Dependency | null, message: string, severity: Problem['severity']): Problem[] {
  const places = new Map<string, Dependency>();
  for (const record of records) if (record) places.set(`${record.file}\u0000${record.line}\u0000${record.requirementRange.start.character}`, record);
  if (places.size === 0 && fallback) places.set('fallback', fallback);
  return [...places.values()]
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
    .map((r) => ({ file: r.file, line: r.line, range: r.requirementRange, severity, message }));
}
