/**
 * The transitive graph without a lock file: a manifest's requirements resolved against index
 * metadata for one target (a CPython version on a platform), into a DependencyGraph of the same
 * shape a lock file gives, labelled "resolved for CPython 3.13 on linux".
 *
 * What each release needs is read from the index (PEP 658/714 `.metadata` files, or the JSON API's
 * requires_dist), never by building or running anything: a release without either is kept with
 * "dependencies unknown". Constraints (`-c` files, uv constraint-dependencies) narrow versions
 * without adding packages; uv override-dependencies replace what any package asks for that name.
 * All groups and extras of the manifest are resolved together, as `uv lock` does.
 */
import type { Dependency, PackageSource, ParsedFile, Problem } from '../model/dependency';
import { environmentFor, evaluateMarker, type Platform, type TargetEnvironment } from '../pep508/markers';
import { parseMarker } from '../pep508/requirement';
import type { PackageIndex } from '../ports';
import type { DependencyGraph } from './graph';
import { reachability } from './graph';
import { Resolver, type Resolution } from './resolver/backtrack';
import { conflictProblems, problemsAt, traceToManifest } from './resolver/explain';
import { createIndexReader } from './resolver/index-reader';
import { Provider } from './resolver/provider';
import { describeCandidate, describeRequirement, fromRecord, identify, type Candidate, type ResolverRequirement } from './resolver/requirements';
import { resolvedGraph, type RootEntry } from './resolver/result';

export interface ResolvePorts {
  readonly index: PackageIndex;
}

export interface ResolveOptions {
  /** CPython version of the target, `3.13` by default. */
  readonly python?: string;
  readonly platform?: Platform;
  readonly machine?: string;
  /** Every pre-release may be chosen (`--pre`); otherwise only those a specifier names, or when nothing else fits. */
  readonly prereleases?: boolean;
  /** pip gives up after 200,000 rounds; an editor needs an answer sooner. */
  readonly maxRounds?: number;
  /** Index questions in flight at once during a wave. */
  readonly concurrency?: number;
  /** The Simple API the packages come from, recorded as each node's source. */
  readonly indexUrl?: string | null;
}

export interface ResolveStats {
  readonly rounds: number;
  readonly backtracks: number;
  /** Distinct (project, version) metadata questions; each is asked once. */
  readonly metadataRequests: number;
  readonly projectRequests: number;
  /** Waves of parallel index questions: about one per depth level of the graph. */
  readonly waves: number;
}

export interface ResolveResult {
  readonly graph: DependencyGraph;
  /** Conflicts and unknowns, at the manifest lines they come from. */
  readonly problems: readonly Problem[];
  readonly stats: ResolveStats;
  /** Index questions that failed (not "not found"): the graph is incomplete, never "fine". */
  readonly failures: readonly string[];
}

export const DEFAULT_MAX_ROUNDS = 2000;
/** uv's default for concurrent downloads (UV_CONCURRENT_DOWNLOADS). */
const DEFAULT_CONCURRENCY = 50;
const NOT_FROM_INDEX = new Set(['url', 'path', 'vcs', 'invalid']);

/** `--pre` in any requirements file read asks for pre-releases, as it does of pip. */
export function wantsPrereleases(files: readonly ParsedFile[]): boolean {
  return files.some((f) => f.indexOptions?.pre === true);
}

export async function resolve(requirements: readonly Dependency[], ports: ResolvePorts, options: ResolveOptions = {}): Promise<ResolveResult> {
  const python = options.python ?? '3.13';
  const platform = options.platform ?? 'linux';
  const target: TargetEnvironment = { env: environmentFor(python, platform, options.machine), extras: [], dependencyGroups: [] };
  const split = splitRecords(requirements, target);
  const reader = createIndexReader(ports.index, options.concurrency ?? DEFAULT_CONCURRENCY);
  const provider = new Provider(reader, {
    target,
    rules: { python: target.env.python_full_version, prereleases: options.prereleases === true },
    constraints: split.constraints,
    overrides: split.overrides,
  });
  const wanted = provider.withOverrides(split.requirements).filter((r) => provider.holds(r.marker, []));
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  let resolver = new Resolver(provider, maxRounds);
  let outcome = await resolver.resolve(wanted);
  let spent = { rounds: resolver.rounds, backtracks: resolver.backtracks };
  if (outcome.kind === 'impossible' && spent.rounds < maxRounds) {
    // Backjumping can give up where a solution exists; before saying so, search again undoing one
    // pin at a time (resolvelib 1.2 falls back likewise). What was read from the index is reused.
    // Only a resolution replaces the first answer: its conflict is the one worth putting in words.
    const careful = new Resolver(provider, maxRounds - spent.rounds, 'chronological');
    const second = await careful.resolve(wanted);
    spent = { rounds: spent.rounds + careful.rounds, backtracks: spent.backtracks + careful.backtracks };
    if (second.kind === 'resolved') [resolver, outcome] = [careful, second];
  }
  const label = `resolved for CPython ${target.env.python_version} on ${platform}`;
  const source: PackageSource = { type: 'registry', url: options.indexUrl ?? null };
  const unmet = outcome.kind === 'resolved' ? unmetRequirements(outcome.pins, wanted, provider) : [];
  let graph: DependencyGraph;
  let problems: Problem[];
  if (outcome.kind !== 'resolved') {
    graph = unresolvedGraph(split.roots, label);
    problems = failureProblems(outcome, resolver, provider, split.roots, maxRounds, spent.backtracks);
  } else if (unmet.length > 0) {
    // Never a graph that does not hold together: say so instead (it would be a bug in the resolver).
    graph = unresolvedGraph(split.roots, label);
    problems = problemsAt([split.roots[0]?.record ?? null], null, `the resolution does not hold together (a resolver bug, please report it): ${unmet.join('; ')}`, 'error');
  } else {
    graph = resolvedGraph({ pins: outcome.pins, roots: split.roots, provider, label, source });
    problems = graphProblems(graph, provider);
  }
  const stats = { ...spent, ...reader.stats };
  return { graph, problems, stats, failures: [...reader.failures] };
}

interface SplitRecords {
  readonly roots: readonly RootEntry[];
  readonly requirements: readonly ResolverRequirement[];
  readonly constraints: ReadonlyMap<string, readonly ResolverRequirement[]>;
  readonly overrides: ReadonlyMap<string, readonly ResolverRequirement[]>;
}

/**
 * Direct requirements, constraints and overrides. Build requirements are not installed with the
 * project; a record whose marker is false for the target stays a direct dependency, inactive;
 * records that name no index release (a URL, a path, a VCS checkout) are kept but not resolved.
 */
function splitRecords(records: readonly Dependency[], target: TargetEnvironment): SplitRecords {
  const roots: RootEntry[] = [];
  const requirements: ResolverRequirement[] = [];
  const constraints = new Map<string, ResolverRequirement[]>();
  const overrides = new Map<string, ResolverRequirement[]>();
  for (const record of records) {
    if (record.name === '' || record.group === 'build-system') continue;
    const active = rootMarkerHolds(record.marker, target);
    if (record.group === 'uv:override' || record.constraint) {
      const requirement = fromRecord(record, record.constraint ? 'constraint' : 'override');
      const into = record.constraint ? constraints : overrides;
      // An override's marker is weighed where it replaces a requirement; a constraint's here.
      if (requirement && (active || !record.constraint)) into.set(record.name, [...(into.get(record.name) ?? []), requirement]);
      continue;
    }
    roots.push({ record, active });
    const requirement = active && !NOT_FROM_INDEX.has(record.skipReason ?? '') ? fromRecord(record, 'root') : null;
    if (requirement) requirements.push(requirement);
  }
  return { roots, requirements, constraints, overrides };
}

/** pip evaluates a requirement's marker with `extra` empty: a marker on an extra never holds for the manifest itself. */
function rootMarkerHolds(marker: string | null, target: TargetEnvironment): boolean {
  if (marker == null || marker.trim() === '') return true;
  const parsed = parseMarker(marker);
  return !parsed.ok || evaluateMarker(parsed.value, target);
}

/** Requirements of the pins the roots reach that no pin satisfies: none, unless the resolver is wrong. */
function unmetRequirements(pins: ReadonlyMap<string, Candidate>, roots: readonly ResolverRequirement[], provider: Provider): string[] {
  const unmet: string[] = [];
  const seen = new Set<string>();
  const queue = roots.map((r) => ({ requirement: r, parent: null as Candidate | null }));
  while (queue.length > 0) {
    const { requirement, parent } = queue.shift()!;
    const pin = pins.get(identify(requirement));
    if (!pin || !provider.isSatisfiedBy(requirement, pin)) {
      unmet.push(`${parent ? describeCandidate(parent) : 'the manifest'} needs ${describeRequirement(requirement)}, resolved to ${pin ? describeCandidate(pin) : 'nothing'}`);
      continue;
    }
    if (seen.has(pin.id)) continue;
    seen.add(pin.id);
    const dependencies = provider.dependencies(pin);
    if (dependencies?.kind === 'known') queue.push(...dependencies.requirements.map((r) => ({ requirement: r, parent: pin })));
  }
  return unmet;
}

function unresolvedGraph(roots: readonly RootEntry[], label: string): DependencyGraph {
  return { origin: 'resolved', label, nodes: new Map(), direct: roots.map(({ record, active }) => ({ name: record.name, node: null, group: record.group, record, active })) };
}

function failureProblems(outcome: Exclude<Resolution, { kind: 'resolved' }>, resolver: Resolver, provider: Provider, roots: readonly RootEntry[], maxRounds: number, backtracks: number): Problem[] {
  const fallback = roots[0]?.record ?? null;
  if (outcome.kind === 'impossible') return conflictProblems(outcome.causes, provider, resolver.introducedBy, fallback);
  const trace = outcome.working ? traceToManifest(outcome.working, resolver.introducedBy) : null;
  const message = `resolution too complex: no answer after ${maxRounds} rounds and ${backtracks} backtracks; pin some versions to narrow the search`;
  return problemsAt([trace?.record ?? null], fallback, message, 'error');
}

/** Packages whose requirements are unknown or partly unfollowed, at the direct dependency that pulls each in. */
function graphProblems(graph: DependencyGraph, provider: Provider): Problem[] {
  const reach = reachability(graph);
  const recordOf = new Map(graph.direct.filter((d) => d.record != null).map((d) => [d.name, d.record!]));
  const problems: Problem[] = [];
  for (const node of graph.nodes.values()) {
    const path = reach.get(node.id)?.paths[0] ?? [node.name];
    const record = recordOf.get(path[0]!) ?? null;
    const through = path.length > 1 ? ` (through ${path.join(' → ')})` : '';
    for (const message of nodeNotes(node.name, node.version, provider)) problems.push(...problemsAt([record], null, `${message}${through}`, 'warning'));
  }
  return problems;
}

function nodeNotes(name: string, version: string | null, provider: Provider): string[] {
  if (version == null) {
    const answer = provider.reader.project(name);
    return [`the index did not answer for ${name}${answer?.kind === 'failed' ? ` (${answer.detail})` : ''}; its version and dependencies are unknown`];
  }
  const release = provider.releaseRequirements(name, version);
  if (!release) return [];
  const notes = release.skipped.map((s) => `${name} ${version} needs '${s.text}', which is not followed: ${s.reason}`);
  if (release.unknown != null) {
    notes.push(`${name} ${version}: dependencies unknown (${release.unknown}); nothing is built or run to find them, so what it needs is missing from this graph`);
  }
  return notes;
}
