/**
 * Backtracking resolution, after resolvelib 1.0 (the engine of pip's resolver): a stack of states,
 * each a set of pins plus the criteria (who asks what of each identifier); every round pins the
 * most preferred unsatisfied identifier to its best candidate, and when no candidate of it fits,
 * backjumps to the last pin that caused the conflict, marks that candidate incompatible and tries
 * again. Bounded in rounds, so a pathological set ends as "too complex" instead of running away.
 *
 * Two things differ from resolvelib for fetching in waves. Candidates are known only once the
 * project's page is loaded, so a criterion found empty is a conflict when it is chosen, not when
 * it is added. And identifiers whose data is loaded go first: when none is, every pending
 * identifier is loaded in one parallel wave (page, then the best candidate's metadata), which
 * makes one wave per depth level of the graph. Two more mend resolvelib 1.0's mistakes, both
 * found against brute force (test/unit/core/graph/resolve/property.test.ts): a pin gets back
 * requirements it lost, and a chronological mode searches where backjumping gave up.
 */
import { CriterionFacts, type Criterion, type Information } from './criteria';
import type { Provider } from './provider';
import { identify, type Candidate, type ResolverRequirement } from './requirements';

export type { Information } from './criteria';

interface State {
  readonly mapping: Map<string, Candidate>;
  criteria: Map<string, Criterion>;
  backtrackCauses: readonly Information[];
}

export type Resolution =
  | { readonly kind: 'resolved'; readonly pins: ReadonlyMap<string, Candidate> }
  | { readonly kind: 'impossible'; readonly causes: readonly Information[] }
  | { readonly kind: 'too-complex'; readonly working: Information | null };

export class Resolver {
  private states: State[] = [];
  private readonly facts: CriterionFacts;
  /** The first information that brought each identifier in, kept across states: the words of a conflict trace parents through it. */
  readonly introducedBy = new Map<string, Information>();
  rounds = 0;
  backtracks = 0;

  /**
   * Backjumping skips every pin unrelated to the conflict: fast, but it can give up where a
   * solution exists (resolvelib 1.0 does too, and 1.2 falls back to a safer mode for that reason).
   * Chronological backtracking undoes exactly the last pin each time: slower, and it misses nothing,
   * because what it learns at a level holds for the pins below that level.
   */
  constructor(
    private readonly provider: Provider,
    private readonly maxRounds: number,
    private readonly backtracking: 'backjump' | 'chronological' = 'backjump',
  ) {
    this.facts = new CriterionFacts(provider);
  }

  private get state(): State {
    return this.states[this.states.length - 1]!;
  }

  async resolve(roots: readonly ResolverRequirement[]): Promise<Resolution> {
    const root: State = { mapping: new Map(), criteria: new Map(), backtrackCauses: [] };
    this.states = [root];
    for (const requirement of roots) {
      const conflict = this.addToCriteria(root.criteria, requirement, null);
      if (conflict) return { kind: 'impossible', causes: conflict.information };
    }
    // The root state stays below as a sentinel, so that the first pin has a state to go back to.
    this.pushNewState();
    for (let round = 0; round < this.maxRounds; round++) {
      this.rounds = round + 1;
      const unsatisfied = this.unsatisfiedNames();
      if (unsatisfied.length === 0 && this.reattachRequirements()) return { kind: 'resolved', pins: this.state.mapping };
      if (unsatisfied.length === 0) continue;
      let ready = new Set(unsatisfied.filter((id) => this.isReady(id)));
      if (ready.size === 0) {
        await this.wave(unsatisfied);
        ready = new Set(unsatisfied.filter((id) => this.isReady(id)));
      }
      const waiting = new Set(unsatisfied);
      const chosen = this.mostPreferred(unsatisfied, ready);
      const attempt = await this.attemptToPin(chosen);
      if ('failures' in attempt) {
        const causes = attempt.failures.flatMap((c) => c.information);
        this.backtracks++;
        if (!this.backjump(causes)) return { kind: 'impossible', causes };
        this.state.backtrackCauses = causes;
        continue;
      }
      // Pins that the new one made unsatisfied no longer speak for their own dependencies. Only the
      // criteria the new pin added to can have changed, so only those are looked at.
      const touched = new Set(attempt.dependencies.map(identify));
      const broken = [...touched].filter((id) => id !== chosen && !waiting.has(id) && this.state.mapping.has(id) && !this.pinSatisfies(id));
      this.removeInformationFrom(new Set(broken));
      this.pushNewState();
    }
    const working = this.unsatisfiedNames()[0];
    return { kind: 'too-complex', working: working === undefined ? null : (this.state.criteria.get(working)?.information[0] ?? null) };
  }

  private pushNewState(): void {
    const base = this.state;
    this.states.push({ mapping: new Map(base.mapping), criteria: new Map(base.criteria), backtrackCauses: [...base.backtrackCauses] });
  }

  /** Adds a requirement to its criterion; returns the criterion when that leaves no candidate. */
  private addToCriteria(criteria: Map<string, Criterion>, requirement: ResolverRequirement, parent: Candidate | null): Criterion | null {
    const id = identify(requirement);
    const information: Information = { requirement, parent };
    if (!this.introducedBy.has(id)) this.introducedBy.set(id, information);
    const existing = criteria.get(id);
    const criterion: Criterion = {
      name: requirement.name,
      extras: requirement.extras,
      information: [...(existing?.information ?? []), information],
      incompatibilities: existing?.incompatibilities ?? [],
    };
    const candidates = this.candidatesOf(criterion, criteria);
    if (candidates != null && candidates.length === 0) return criterion;
    criteria.set(id, criterion);
    return null;
  }

  private candidatesOf(criterion: Criterion, criteria: ReadonlyMap<string, Criterion>): Candidate[] | null {
    return this.facts.candidatesOf(criterion, criteria);
  }

  private pinSatisfies(id: string): boolean {
    const pin = this.state.mapping.get(id);
    const criterion = this.state.criteria.get(id);
    return pin !== undefined && criterion !== undefined && this.facts.satisfiedBy(criterion, pin);
  }

  /** Identifiers someone still asks for whose pin is missing or does not fit (orphans are left alone). */
  private unsatisfiedNames(): string[] {
    return [...this.state.criteria].filter(([id, c]) => c.information.length > 0 && !this.pinSatisfies(id)).map(([id]) => id);
  }

  private isReady(id: string): boolean {
    return this.facts.isReady(this.state.criteria.get(id)!, this.state.criteria);
  }

  /** One wave: every pending identifier's page, then its best candidate's metadata, all in parallel. */
  private async wave(ids: readonly string[]): Promise<void> {
    await this.provider.reader.wave(
      ids.map((id) => async () => {
        const criterion = this.state.criteria.get(id)!;
        await this.provider.reader.loadProject(criterion.name);
        for (const c of this.candidatesOf(criterion, this.state.criteria) ?? []) {
          await this.provider.loadDependencies(c);
          if (this.provider.dependencies(c)?.kind === 'known') break;
        }
      }),
    );
  }

  /** Loaded first; then causes of the last backtrack, `==` pins, the fewest candidates, and the name. */
  private mostPreferred(ids: readonly string[], ready: ReadonlySet<string>): string {
    const causes = new Set(this.state.backtrackCauses.flatMap((i) => [identify(i.requirement), ...(i.parent ? [i.parent.id] : [])]));
    let best = '';
    let bestRank = Infinity;
    let bestCount = Infinity;
    for (const id of ids) {
      const criterion = this.state.criteria.get(id)!;
      const rank = (ready.has(id) ? 0 : 4) + (causes.has(id) ? 0 : 2) + (this.facts.pinsExactly(criterion) ? 0 : 1);
      if (rank > bestRank) continue;
      const count = this.candidatesOf(criterion, this.state.criteria)?.length ?? Infinity;
      if (rank < bestRank || count < bestCount || (count === bestCount && id < best)) [best, bestRank, bestCount] = [id, rank, count];
    }
    return best;
  }

  /** Pins the best candidate that fits and returns its dependencies, or the criteria that rejected every candidate. */
  private async attemptToPin(id: string): Promise<{ dependencies: readonly ResolverRequirement[] } | { failures: Criterion[] }> {
    const criterion = this.state.criteria.get(id)!;
    if (this.candidatesOf(criterion, this.state.criteria) == null) await this.provider.reader.loadProject(criterion.name);
    const causes: Criterion[] = [];
    for (const c of this.candidatesOf(criterion, this.state.criteria) ?? []) {
      if (!this.provider.isLoaded(c)) await this.provider.loadDependencies(c);
      const dependencies = this.provider.dependencies(c);
      if (dependencies?.kind !== 'known') continue;
      if (!criterion.information.every((i) => this.provider.isSatisfiedBy(i.requirement, c))) continue;
      const criteria = new Map(this.state.criteria);
      const conflict = this.addAll(criteria, dependencies.requirements, c);
      if (conflict) {
        causes.push(conflict);
        continue;
      }
      this.state.criteria = criteria;
      // The newest pin goes last: backjumping undoes pins from the end.
      this.state.mapping.delete(id);
      this.state.mapping.set(id, c);
      return { dependencies: dependencies.requirements };
    }
    return { failures: causes.length > 0 ? causes : [criterion] };
  }

  private addAll(criteria: Map<string, Criterion>, requirements: readonly ResolverRequirement[], parent: Candidate): Criterion | null {
    for (const requirement of requirements) {
      const conflict = this.addToCriteria(criteria, requirement, parent);
      if (conflict) return conflict;
    }
    return null;
  }

  /**
   * resolvelib 1.0 takes a pin's requirements out of the criteria when a later pin makes it
   * unsatisfied; when a later removal makes it satisfied again, it stays pinned without them, and
   * its result can lack what that pin needs. Before answering, every pin still asked for gets its
   * requirements back: true when none was missing. A pin whose requirements no longer fit is
   * unpinned, to be chosen again.
   */
  private reattachRequirements(): boolean {
    let complete = true;
    for (const [id, pin] of [...this.state.mapping]) {
      if (!this.state.criteria.get(id)?.information.length) continue;
      const dependencies = this.provider.dependencies(pin);
      if (dependencies?.kind !== 'known') continue;
      const missing = dependencies.requirements.filter((r) => !this.state.criteria.get(identify(r))?.information.some((i) => i.parent === pin && i.requirement === r));
      if (missing.length === 0) continue;
      complete = false;
      const criteria = new Map(this.state.criteria);
      if (this.addAll(criteria, missing, pin)) this.state.mapping.delete(id);
      else this.state.criteria = criteria;
    }
    return complete;
  }

  private removeInformationFrom(parents: ReadonlySet<string>): void {
    if (parents.size === 0) return;
    for (const [id, c] of this.state.criteria) {
      const kept = c.information.filter((i) => i.parent == null || !parents.has(i.parent.id));
      if (kept.length !== c.information.length) this.state.criteria.set(id, { ...c, information: kept });
    }
  }

  /**
   * resolvelib's backjump: drop the failed state, then undo pins from the newest until one whose
   * dependencies touch the conflict, mark that candidate incompatible in a fresh state built on the
   * one before it, and carry over every incompatibility learned so far. False when nothing is left.
   */
  private backjump(causes: readonly Information[]): boolean {
    const incompatibleIds = new Set(causes.flatMap((i) => [identify(i.requirement), ...(i.parent ? [i.parent.id] : [])]));
    while (this.states.length >= 3) {
      this.states.pop();
      const undone = this.undoPinsUntil(incompatibleIds);
      if (!undone) return false;
      const learned: [string, Candidate[]][] = [...undone.state.criteria].map(([k, v]) => [k, [...v.incompatibilities]]);
      learned.push([undone.id, [undone.pin]]);
      this.pushNewState();
      if (this.patchCriteria(learned)) return true;
    }
    return false;
  }

  /** Pops states, undoing their newest pin, until one whose dependencies touch the conflict (or the last pin). */
  private undoPinsUntil(incompatibleIds: ReadonlySet<string>): { state: State; id: string; pin: Candidate } | null {
    for (;;) {
      const state = this.states.pop();
      const id = state ? [...state.mapping.keys()].pop() : undefined;
      if (!state || id === undefined) return null;
      const pin = state.mapping.get(id)!;
      state.mapping.delete(id);
      if (this.backtracking === 'chronological') return { state, id, pin };
      const dependencies = this.provider.dependencies(pin);
      const ids = dependencies?.kind === 'known' ? dependencies.requirements.map(identify) : [];
      // Never back past the last pin: stopping there gives the resolution a chance to recover.
      if (ids.some((d) => incompatibleIds.has(d)) || state.mapping.size === 0) return { state, id, pin };
    }
  }

  private patchCriteria(learned: readonly [string, Candidate[]][]): boolean {
    for (const [id, incompatibilities] of learned) {
      const criterion = this.state.criteria.get(id);
      if (incompatibilities.length === 0 || !criterion) continue;
      const merged = unique([...incompatibilities, ...criterion.incompatibilities]);
      const patched: Criterion = { ...criterion, incompatibilities: merged };
      const candidates = this.candidatesOf(patched, this.state.criteria);
      if (candidates != null && candidates.length === 0) return false;
      this.state.criteria.set(id, patched);
    }
    return true;
  }
}

function unique(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.id}@${c.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
