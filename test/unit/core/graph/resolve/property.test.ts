import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { resolve } from '../../../../../src/core/graph/resolve';
import type { Dependency } from '../../../../../src/core/model/dependency';
import type { ReleaseSummary } from '../../../../../src/core/model/package-info';
import type { PackageIndex } from '../../../../../src/core/ports';
import { satisfies } from '../../../../../src/core/versions';

/**
 * Random small universes (five packages, three versions each, random requirements between them)
 * resolved in memory, checked against brute force over every assignment: a resolution the
 * resolver returns satisfies every requirement, and it says "cannot resolve" only when no
 * assignment works.
 */
const NAMES = ['p0', 'p1', 'p2', 'p3', 'p4'];
const VERSIONS = ['1', '2', '3'];
const SPECIFIERS = ['', '>=2', '<2', '==1', '!=3', '>=2,<3', '==3'];

type Universe = Record<string, Record<string, readonly [string, string][]>>;

const requirement = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...SPECIFIERS));
const universe: fc.Arbitrary<Universe> = fc.record(
  Object.fromEntries(NAMES.map((name) => [name, fc.record(Object.fromEntries(VERSIONS.map((v) => [v, fc.array(requirement.filter(([n]) => n !== name), { maxLength: 2 })])))])),
) as fc.Arbitrary<Universe>;
const roots = fc.array(requirement, { minLength: 1, maxLength: 3 });

function memoryIndex(u: Universe): PackageIndex {
  return {
    async project(name) {
      const releases: ReleaseSummary[] = VERSIONS.map((version) => ({ version, uploadTime: null, yanked: false, yankedReason: null, requiresPython: null, hasMetadataFile: true }));
      return u[name] ? { status: 'ok', value: { name, displayName: name, releases, latest: '3', status: null, statusReason: null, summary: null, license: null, projectUrls: {}, author: null, maintainers: [] } } : { status: 'unavailable', detail: 'not found', notFound: true };
    },
    async release(name, version) {
      const requiresDist = u[name]![version]!.map(([n, s]) => `${n}${s}`);
      return { status: 'ok', value: { name, version, requiresDist, requiresPython: null, yanked: false, yankedReason: null, uploadTime: null, files: [], license: null, summary: null, author: null, projectUrls: {} } };
    },
    async provenance() {
      return { status: 'unavailable', detail: 'not asked' };
    },
  };
}

function record(name: string, specifier: string, line: number): Dependency {
  const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: name.length + specifier.length } };
  return { file: '/requirements.txt', line, name, rawName: name, specifier, extras: [], marker: null, url: null, editable: false, constraint: false, version: null, group: null, hashes: [], nameRange: range, specifierRange: range, requirementRange: range, skipReason: null, via: [], source: null };
}

const admits = (version: string | undefined, specifier: string): boolean => version !== undefined && (specifier === '' || satisfies(version, specifier));

/** Every requirement of the roots and of every chosen release holds. */
function valid(u: Universe, wanted: readonly [string, string][], chosen: ReadonlyMap<string, string>): boolean {
  if (!wanted.every(([n, s]) => admits(chosen.get(n), s))) return false;
  return [...chosen].every(([n, v]) => u[n]![v]!.every(([d, s]) => admits(chosen.get(d), s)));
}

function solvable(u: Universe, wanted: readonly [string, string][]): boolean {
  const options = ['-', ...VERSIONS];
  for (let code = 0; code < options.length ** NAMES.length; code++) {
    const chosen = new Map<string, string>();
    NAMES.forEach((name, i) => {
      const pick = options[Math.floor(code / options.length ** i) % options.length]!;
      if (pick !== '-') chosen.set(name, pick);
    });
    if (valid(u, wanted, chosen)) return true;
  }
  return false;
}

/** Sets found by the property below, on which pip's resolvelib 1.0.1 answers wrongly. */
const HARD_CASES: readonly { readonly title: string; readonly universe: Universe; readonly roots: [string, string][]; readonly expected: Record<string, string> }[] = [
  {
    title: 'a pin made unsatisfied, then satisfied again, keeps its requirements (resolvelib 1.0.1 drops p1)',
    universe: { p0: { 1: [], 2: [], 3: [['p2', '!=3']] }, p1: { 1: [], 2: [], 3: [] }, p2: { 1: [], 2: [], 3: [['p0', '==3'], ['p3', '==1']] }, p3: { 1: [], 2: [['p1', '']], 3: [] }, p4: { 1: [], 2: [], 3: [] } },
    roots: [['p3', '!=3'], ['p2', '']],
    expected: { p1: '3', p2: '2', p3: '2' },
  },
  {
    title: 'backjumping past the culprit is caught by the chronological search (resolvelib 1.0.1 gives up)',
    universe: { p0: { 1: [], 2: [], 3: [] }, p1: { 1: [], 2: [], 3: [['p2', '==1']] }, p2: { 1: [['p4', '==3']], 2: [], 3: [] }, p3: { 1: [], 2: [], 3: [] }, p4: { 1: [], 2: [['p1', '==3']], 3: [] } },
    roots: [['p4', '!=3'], ['p0', '<2'], ['p0', '']],
    expected: { p0: '1', p4: '1' },
  },
  {
    title: 'a conflict two levels down rejects the pin that caused it (resolvelib 1.0.1 gives up)',
    universe: { p0: { 1: [], 2: [], 3: [['p2', '>=2,<3'], ['p2', '==3']] }, p1: { 1: [], 2: [['p0', '==3']], 3: [['p4', '']] }, p2: { 1: [], 2: [], 3: [] }, p3: { 1: [], 2: [], 3: [] }, p4: { 1: [], 2: [], 3: [['p1', '>=2,<3']] } },
    roots: [['p1', '>=2']],
    expected: { p1: '3', p4: '2' },
  },
];

describe('core/graph/resolve on random universes, against brute force', () => {
  for (const c of HARD_CASES) {
    it(c.title, async () => {
      const result = await resolve(c.roots.map(([n, s], i) => record(n, s, i + 1)), { index: memoryIndex(c.universe) });
      assert.deepEqual(result.problems, []);
      assert.deepEqual(Object.fromEntries([...result.graph.nodes.values()].map((n) => [n.name, n.version]).sort()), c.expected);
      assert.ok(valid(c.universe, c.roots, new Map(Object.entries(c.expected))));
    });
  }

  it('returns only valid resolutions, and a conflict only when none exists', async () => {
    let resolved = 0;
    let impossible = 0;
    await fc.assert(
      fc.asyncProperty(universe, roots, async (u, wanted) => {
        const result = await resolve(wanted.map(([n, s], i) => record(n, s, i + 1)), { index: memoryIndex(u) });
        const chosen = new Map([...result.graph.nodes.values()].map((n) => [n.name, n.version!]));
        if (result.problems.length === 0) {
          resolved++;
          assert.ok(valid(u, wanted, chosen), `invalid resolution ${JSON.stringify([...chosen])}`);
        } else {
          impossible++;
          assert.deepEqual(new Set(result.problems.map((p) => p.severity)), new Set(['error']));
          assert.match(result.problems[0]!.message, /^cannot resolve /);
          assert.equal(solvable(u, wanted), false, 'reported a conflict where a resolution exists');
        }
      }),
      { numRuns: 400, seed: 20261122 },
    );
    console.log(`      ${resolved} resolved and ${impossible} impossible sets, all confirmed by brute force`);
    assert.ok(resolved > 50 && impossible > 50, `${resolved} resolved, ${impossible} impossible: the sample is lopsided`);
  });
});
