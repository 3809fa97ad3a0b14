/**
 * The resolver's questions about packages, answered from what the index reader has loaded: the
 * candidates of an identifier, whether a candidate satisfies a requirement, and a candidate's own
 * requirements for the target environment (markers evaluated with the extras asked of it, uv's
 * override-dependencies put in place of what a package asks for the same name).
 */
import type { TargetEnvironment } from '../../pep508/markers';
import { evaluateMarker, markerExtras, type MarkerList } from '../../pep508/markers';
import { parseMarker } from '../../pep508/requirement';
import { satisfies } from '../../versions';
import { matchingVersions, pythonAllows, type CandidateRules } from './candidates';
import type { IndexReader } from './index-reader';
import { basePin, candidate, fromRequiresDist, type Candidate, type ResolverRequirement } from './requirements';

export interface ProviderSettings {
  readonly target: TargetEnvironment;
  readonly rules: CandidateRules;
  /** Constraints by name: they narrow what a name may resolve to, and never add a name. */
  readonly constraints: ReadonlyMap<string, readonly ResolverRequirement[]>;
  /** uv's override-dependencies by name: they replace every requirement on that name. */
  readonly overrides: ReadonlyMap<string, readonly ResolverRequirement[]>;
}

/** A release's requirements as its metadata states them, markers not yet evaluated. */
export interface ReleaseRequirements {
  readonly all: readonly ResolverRequirement[];
  /** Requires-Dist lines that could not be followed, with the reason. */
  readonly skipped: readonly { readonly text: string; readonly reason: string }[];
  /** Why the requirements are unknown (no metadata to read), else null. */
  readonly unknown: string | null;
  readonly requiresPython: string | null;
}

export type Dependencies =
  | { readonly kind: 'known'; readonly requirements: readonly ResolverRequirement[] }
  /** The release's own metadata excludes the target Python, though the index's listing did not say so. */
  | { readonly kind: 'wrong-python'; readonly requiresPython: string };

export class Provider {
  private readonly parsedMarkers = new Map<string, MarkerList | null>();
  /** Marker text → extras asked (joined) → whether it holds. */
  private readonly markerAnswers = new Map<string, Map<string, boolean>>();
  /** Specifier → version → whether it admits it. */
  private readonly satisfied = new Map<string, Map<string, boolean>>();
  private readonly releaseRequirementsCache = new Map<string, ReleaseRequirements>();
  private readonly dependenciesCache = new Map<string, Dependencies>();

  constructor(
    readonly reader: IndexReader,
    readonly settings: ProviderSettings,
  ) {}

  /** Candidates newest first, without the incompatible ones; null while the project is not loaded. */
  matches(name: string, extras: readonly string[], requirements: readonly ResolverRequirement[], incompatibilities: readonly Candidate[]): Candidate[] | null {
    const answer = this.reader.project(name);
    if (answer === undefined) return null;
    if (answer.kind === 'not-found') return [];
    const excluded = new Set(incompatibilities.map((c) => c.version));
    // A project the index could not be asked about stays in the graph with an unknown version.
    if (answer.kind === 'failed') return excluded.has(null) ? [] : [candidate(name, extras, null)];
    const wanted = [...requirements, ...(this.settings.constraints.get(name) ?? [])].map((r) => r.alternatives);
    return matchingVersions(answer.releases, wanted, this.settings.rules)
      .filter((v) => !excluded.has(v))
      .map((v) => candidate(name, extras, v));
  }

  isSatisfiedBy(requirement: ResolverRequirement, c: Candidate): boolean {
    if (c.version == null) return true;
    return requirement.alternatives.some((specifier) => specifier === '' || this.admits(c.version!, specifier));
  }

  private admits(version: string, specifier: string): boolean {
    let byVersion = this.satisfied.get(specifier);
    if (!byVersion) {
      byVersion = new Map();
      this.satisfied.set(specifier, byVersion);
    }
    let answer = byVersion.get(version);
    if (answer === undefined) {
      answer = satisfies(version, specifier, { prereleases: true });
      byVersion.set(version, answer);
    }
    return answer;
  }

  /** Undefined while the release's metadata is not loaded. */
  dependencies(c: Candidate): Dependencies | undefined {
    // A project the index did not answer for has no known requirements; its extras still stand on it.
    if (c.version == null) return { kind: 'known', requirements: c.extras.length > 0 ? [basePin(c)] : [] };
    const key = `${c.id}@${c.version}`;
    const known = this.dependenciesCache.get(key);
    if (known) return known;
    const release = this.releaseRequirements(c.name, c.version);
    if (release === undefined) return undefined;
    const answer = this.evaluated(c, release);
    this.dependenciesCache.set(key, answer);
    return answer;
  }

  private evaluated(c: Candidate, release: ReleaseRequirements): Dependencies {
    if (release.requiresPython != null && !pythonAllows(release.requiresPython, this.settings.rules.python)) {
      return { kind: 'wrong-python', requiresPython: release.requiresPython };
    }
    const base = release.all.filter((r) => this.holds(r.marker, []));
    if (c.extras.length === 0) return { kind: 'known', requirements: base };
    const added = release.all.filter((r) => this.holds(r.marker, c.extras) && !this.holds(r.marker, []));
    return { kind: 'known', requirements: [basePin(c), ...added] };
  }

  async loadDependencies(c: Candidate): Promise<void> {
    if (c.version != null) await this.reader.loadRelease(c.name, c.version);
  }

  isLoaded(c: Candidate): boolean {
    return c.version == null || this.reader.release(c.name, c.version) !== undefined;
  }

  /** Every requirement of a release, overrides applied, markers not yet evaluated. */
  releaseRequirements(name: string, version: string): ReleaseRequirements | undefined {
    const key = `${name}@${version}`;
    const known = this.releaseRequirementsCache.get(key);
    if (known) return known;
    const answer = this.reader.release(name, version);
    if (answer === undefined) return undefined;
    let result: ReleaseRequirements;
    if (answer.kind !== 'ok') {
      result = { all: [], skipped: [], unknown: answer.detail, requiresPython: null };
    } else {
      const parsed = answer.requiresDist.map(fromRequiresDist);
      const all = parsed.flatMap((p) => (p.ok ? [p.requirement] : []));
      const skipped = parsed.flatMap((p) => (p.ok ? [] : [{ text: p.text, reason: p.reason }]));
      result = { all: this.withOverrides(all), skipped, unknown: null, requiresPython: answer.requiresPython };
    }
    this.releaseRequirementsCache.set(key, result);
    return result;
  }

  /**
   * uv's `Overrides::apply`: a requirement on an overridden name is replaced by the overrides, with
   * their own markers; when the original belonged to an extra, the overrides keep that extra.
   */
  withOverrides(requirements: readonly ResolverRequirement[]): ResolverRequirement[] {
    if (this.settings.overrides.size === 0) return [...requirements];
    return requirements.flatMap((r) => {
      const overrides = this.settings.overrides.get(r.name);
      if (!overrides) return [r];
      const extra = this.extrasNamedIn(r.marker)[0];
      if (extra === undefined) return overrides;
      return overrides.map((o) => ({ ...o, marker: o.marker ? `extra == "${extra}" and (${o.marker})` : `extra == "${extra}"` }));
    });
  }

  /** Whether a marker holds for the target with these extras requested; a marker that does not parse holds, so nothing is hidden. */
  holds(marker: string | null, extras: readonly string[]): boolean {
    if (marker == null || marker.trim() === '') return true;
    let byExtras = this.markerAnswers.get(marker);
    if (!byExtras) {
      byExtras = new Map();
      this.markerAnswers.set(marker, byExtras);
    }
    const key = extras.length === 0 ? '' : extras.join(',');
    let answer = byExtras.get(key);
    if (answer === undefined) {
      const parsed = this.parsed(marker);
      answer = parsed == null || evaluateMarker(parsed, { env: this.settings.target.env, extras, dependencyGroups: [] });
      byExtras.set(key, answer);
    }
    return answer;
  }

  /** The extras a marker names (`extra == "x"`), normalised. */
  extrasNamedIn(marker: string | null): string[] {
    const parsed = marker == null ? null : this.parsed(marker);
    return parsed ? markerExtras(parsed) : [];
  }

  private parsed(marker: string): MarkerList | null {
    let parsed = this.parsedMarkers.get(marker);
    if (parsed === undefined) {
      const result = parseMarker(marker);
      parsed = result.ok ? result.value : null;
      this.parsedMarkers.set(marker, parsed);
    }
    return parsed;
  }
}
