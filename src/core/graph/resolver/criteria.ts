/**
 * Criteria: for each identifier, who asks what of it (the information) and which candidates are
 * known not to work (the incompatibilities) — and what the resolver keeps asking about them every
 * round, answered once per criterion: its candidates, whether a pin satisfies it, whether it pins
 * with `==`, whether its data is loaded. Criteria are replaced, never changed, so every answer can
 * be kept for as long as the criterion lives.
 */
import { isExactPin } from './candidates';
import type { Provider } from './provider';
import type { Candidate, ResolverRequirement } from './requirements';

export interface Information {
  readonly requirement: ResolverRequirement;
  /** The candidate that asks, or null for the manifest. */
  readonly parent: Candidate | null;
}

export interface Criterion {
  readonly name: string;
  readonly extras: readonly string[];
  readonly information: readonly Information[];
  readonly incompatibilities: readonly Candidate[];
}

export class CriterionFacts {
  private readonly candidates = new WeakMap<Criterion, { base: Criterion | undefined; candidates: Candidate[] }>();
  /** The last answer per criterion: most rounds ask again about the same pin. */
  private readonly satisfied = new WeakMap<Criterion, { pin: Candidate; satisfied: boolean }>();
  private readonly exactPins = new WeakMap<Criterion, boolean>();
  /** Loaded data is never unloaded, so a criterion once ready stays ready. */
  private readonly ready = new WeakSet<Criterion>();

  constructor(private readonly provider: Provider) {}

  /** Null while the project is not loaded. An extras identifier also answers to its base name's requirements, as pip's find_matches does. */
  candidatesOf(criterion: Criterion, criteria: ReadonlyMap<string, Criterion>): Candidate[] | null {
    const base = criterion.extras.length > 0 ? criteria.get(criterion.name) : undefined;
    const cached = this.candidates.get(criterion);
    if (cached && cached.base === base) return cached.candidates;
    const requirements = [...criterion.information, ...(base?.information ?? [])].map((i) => i.requirement);
    const found = this.provider.matches(criterion.name, criterion.extras, requirements, criterion.incompatibilities);
    if (found != null) this.candidates.set(criterion, { base, candidates: found });
    return found;
  }

  satisfiedBy(criterion: Criterion, pin: Candidate): boolean {
    const known = this.satisfied.get(criterion);
    if (known?.pin === pin) return known.satisfied;
    const satisfied = criterion.information.every((i) => this.provider.isSatisfiedBy(i.requirement, pin));
    this.satisfied.set(criterion, { pin, satisfied });
    return satisfied;
  }

  pinsExactly(criterion: Criterion): boolean {
    let pinned = this.exactPins.get(criterion);
    if (pinned === undefined) {
      pinned = criterion.information.some((i) => i.requirement.alternatives.every(isExactPin));
      this.exactPins.set(criterion, pinned);
    }
    return pinned;
  }

  /** Loaded: the project's page, and the metadata of the first candidate this Python can use. */
  isReady(criterion: Criterion, criteria: ReadonlyMap<string, Criterion>): boolean {
    if (this.ready.has(criterion)) return true;
    const candidates = this.candidatesOf(criterion, criteria);
    if (candidates == null) return false;
    for (const c of candidates) {
      if (!this.provider.isLoaded(c)) return false;
      if (this.provider.dependencies(c)?.kind === 'known') break;
    }
    this.ready.add(criterion);
    return true;
  }
}
