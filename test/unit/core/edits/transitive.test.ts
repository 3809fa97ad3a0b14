/**
 * Fix for a transitive package: a constraint where each tool reads it, with a comment naming the
 * advisory and the introduced-through path. Exact output per file, and a round trip through the
 * real readers (the manifest and the constraints file read with zero problems, the constraint is
 * there, nothing else changed).
 */
import assert from 'node:assert/strict';
import { applyPlan, constraintsFileFor, detectTool, planTransitiveFix, type TransitiveFix, type Tool } from '../../../../src/core/edits';
import { assertNoProblems, assertUntouchedLinesKept, parse, planOf, readFixture, summary } from './helpers';

interface TransitiveCase {
  readonly id: string;
  readonly fixture: string;
  /** The manifest's path in the virtual workspace. */
  readonly path: string;
  readonly tool: Tool;
  readonly lockFiles?: readonly string[];
  /** An existing constraints file (fixture), at the path constraintsFileFor names. */
  readonly constraints?: string;
  readonly input?: Partial<TransitiveFix>;
  /** Expected text of each file the plan writes, by path → fixture under expected/. */
  readonly expected: Readonly<Record<string, string>>;
  /** The constraint record as the real reader sees it afterwards: file, group, specifier. */
  readonly record: { readonly file: string; readonly group: string | null; readonly specifier: string; readonly name?: string };
  readonly notes: readonly RegExp[];
}

const ADVISORY = 'GHSA-f96h-pmfr-66vw';
const UV_LOCK = /Run `uv lock`/;

const CASES: readonly TransitiveCase[] = [
  {
    id: 'requirements-new-file', fixture: 'transitive/requirements.txt', path: '/ws/requirements.txt', tool: 'pip',
    expected: { '/ws/requirements.txt': 'transitive-requirements-new-file.txt', '/ws/constraints.txt': 'transitive-requirements-new-file.constraints.txt' },
    record: { file: '/ws/constraints.txt', group: null, specifier: '>=0.40.0' }, notes: [],
  },
  {
    id: 'requirements-existing-pin', fixture: 'transitive/requirements-with-c.txt', path: '/ws/requirements.txt', tool: 'pip', constraints: 'transitive/pins.txt',
    expected: { '/ws/constraints/pins.txt': 'transitive-requirements-existing-pin.pins.txt' },
    record: { file: '/ws/constraints/pins.txt', group: null, specifier: '==0.40.0' }, notes: [],
  },
  {
    id: 'requirements-append', fixture: 'transitive/requirements-with-c.txt', path: '/ws/requirements.txt', tool: 'pip', constraints: 'transitive/pins.txt', input: { package: 'h11', version: '0.16.0', through: ['fastapi', 'uvicorn', 'h11'] },
    expected: { '/ws/constraints/pins.txt': 'transitive-requirements-append.pins.txt' },
    record: { file: '/ws/constraints/pins.txt', group: null, specifier: '>=0.16.0', name: 'h11' }, notes: [],
  },
  {
    id: 'uv-new-table', fixture: 'transitive/uv-none.toml', path: '/ws/pyproject.toml', tool: 'uv', lockFiles: ['/ws/uv.lock'],
    expected: { '/ws/pyproject.toml': 'transitive-uv-new-table.toml' },
    record: { file: '/ws/pyproject.toml', group: 'uv:constraint', specifier: '>=0.40.0' }, notes: [UV_LOCK],
  },
  {
    id: 'uv-existing-table', fixture: 'transitive/uv-table.toml', path: '/ws/pyproject.toml', tool: 'uv',
    expected: { '/ws/pyproject.toml': 'transitive-uv-existing-table.toml' },
    record: { file: '/ws/pyproject.toml', group: 'uv:constraint', specifier: '>=0.40.0' }, notes: [UV_LOCK],
  },
  {
    id: 'uv-append', fixture: 'transitive/uv-array.toml', path: '/ws/pyproject.toml', tool: 'uv',
    expected: { '/ws/pyproject.toml': 'transitive-uv-append.toml' },
    record: { file: '/ws/pyproject.toml', group: 'uv:constraint', specifier: '>=0.40.0' }, notes: [UV_LOCK],
  },
  {
    id: 'uv-tighten', fixture: 'transitive/uv-array.toml', path: '/ws/pyproject.toml', tool: 'uv', input: { package: 'h11', version: '0.16.0', through: ['fastapi', 'uvicorn', 'h11'] },
    expected: { '/ws/pyproject.toml': 'transitive-uv-tighten.toml' },
    record: { file: '/ws/pyproject.toml', group: 'uv:constraint', specifier: '>=0.16.0', name: 'h11' }, notes: [UV_LOCK],
  },
  {
    id: 'uv-one-line-array', fixture: 'pyproject/uv.toml', path: '/ws/pyproject.toml', tool: 'uv', input: { package: 'h11', version: '0.16.0', through: ['fastapi', 'uvicorn', 'h11'] },
    expected: { '/ws/pyproject.toml': 'transitive-uv-one-line-array.toml' },
    record: { file: '/ws/pyproject.toml', group: 'uv:constraint', specifier: '>=0.16.0', name: 'h11' }, notes: [UV_LOCK],
  },
  {
    id: 'poetry-dependencies', fixture: 'transitive/poetry1.toml', path: '/ws/pyproject.toml', tool: 'poetry',
    expected: { '/ws/pyproject.toml': 'transitive-poetry-dependencies.toml' },
    record: { file: '/ws/pyproject.toml', group: null, specifier: '>=0.40.0' }, notes: [/Poetry has no constraints-only setting/, /poetry lock/],
  },
  {
    id: 'poetry-project', fixture: 'transitive/poetry2.toml', path: '/ws/pyproject.toml', tool: 'poetry',
    expected: { '/ws/pyproject.toml': 'transitive-poetry-project.toml' },
    record: { file: '/ws/pyproject.toml', group: null, specifier: '>=0.40.0' }, notes: [/Poetry has no constraints-only setting/, /poetry lock/],
  },
  {
    id: 'pdm-new-table', fixture: 'transitive/pdm.toml', path: '/ws/pyproject.toml', tool: 'pdm',
    expected: { '/ws/pyproject.toml': 'transitive-pdm-new-table.toml' },
    record: { file: '/ws/pyproject.toml', group: null, specifier: '>=0.110', name: 'fastapi' }, notes: [/PDM override replaces every requirement on starlette/, /pdm lock/],
  },
  {
    id: 'pdm-existing-override', fixture: 'transitive/pdm-overrides.toml', path: '/ws/pyproject.toml', tool: 'pdm',
    expected: { '/ws/pyproject.toml': 'transitive-pdm-existing-override.toml' },
    record: { file: '/ws/pyproject.toml', group: null, specifier: '>=0.110', name: 'fastapi' }, notes: [/PDM override/, /pdm lock/],
  },
  {
    id: 'pep621-constraints-file', fixture: 'transitive/plain.toml', path: '/ws/pyproject.toml', tool: 'pip', input: { style: 'pin' },
    expected: { '/ws/constraints.txt': 'transitive-pep621-constraints-file.constraints.txt' },
    record: { file: '/ws/constraints.txt', group: null, specifier: '==0.40.0' }, notes: [/pip reads no constraints from pyproject\.toml: install with `pip install -c constraints\.txt \.`/],
  },
];

function runCase(c: TransitiveCase) {
  const text = readFixture(c.fixture);
  const manifest = { path: c.path, text };
  assert.equal(detectTool(manifest, c.lockFiles), c.tool);
  const target = constraintsFileFor(manifest);
  const constraintsText = c.constraints ? readFixture(c.constraints) : undefined;
  const input: TransitiveFix = {
    manifest, package: 'starlette', version: '0.40.0', through: ['fastapi', 'starlette'], advisory: ADVISORY, lockFiles: c.lockFiles,
    constraints: { path: target.path, text: constraintsText }, ...c.input,
  };
  const plan = planOf(planTransitiveFix(input));
  const before: Record<string, string> = { [c.path]: text };
  if (constraintsText !== undefined) before[target.path] = constraintsText;
  return { plan, before, after: applyPlan(before, plan), input };
}

describe('edits: Fix for a transitive package', () => {
  for (const c of CASES) {
    it(c.id, () => {
      const { plan, before, after, input } = runCase(c);
      const written = new Set([...plan.edits.map((e) => e.file), ...plan.creates.map((f) => f.file)]);
      assert.deepEqual([...written].sort(), Object.keys(c.expected).sort());
      for (const [path, expected] of Object.entries(c.expected)) assert.equal(after[path], readFixture(`expected/${expected}`), path);
      for (const [path, text] of Object.entries(after)) {
        const parsed = parse(path.endsWith('.toml') ? '/ws/pyproject.toml' : path, text);
        assertNoProblems(parsed, path);
        if (before[path] !== undefined) assertUntouchedLinesKept(before[path]!, text, plan.edits.filter((e) => e.file === path));
      }
      const readBack = parse(c.record.file.endsWith('.toml') ? '/ws/pyproject.toml' : c.record.file, after[c.record.file]!);
      const record = readBack.dependencies.filter((d) => d.name === (c.record.name ?? input.package) && d.group === c.record.group);
      assert.deepEqual(record.map((d) => d.specifier), [c.record.specifier]);
      assert.equal(plan.notes.length, c.notes.length, JSON.stringify(plan.notes));
      for (const pattern of c.notes) assert.ok(plan.notes.some((n) => pattern.test(n)), `${pattern} in ${JSON.stringify(plan.notes)}`);
      const manifestBefore = parse(c.path.endsWith('.toml') ? '/ws/pyproject.toml' : c.path, before[c.path]!);
      const kept = manifestBefore.dependencies.filter((d) => d.name !== (c.record.name ?? input.package)).map(summary);
      const manifestAfter = parse(c.path.endsWith('.toml') ? '/ws/pyproject.toml' : c.path, after[c.path]!).dependencies.map(summary);
      for (const line of kept) assert.ok(manifestAfter.includes(line), `${line} kept`);
    });
  }

  it('says which advisory and which path a constraint is for, in every tool', () => {
    for (const c of CASES) {
      const { after } = runCase(c);
      const all = Object.values(after).join('\n');
      if (c.id === 'uv-tighten' || c.id === 'pdm-existing-override') continue;
      assert.match(all, new RegExp(`# Beachcomber: (starlette|h11)(>=|==)0\\.(40|16)\\.0 fixes ${ADVISORY} \\(introduced through fastapi -> `), c.id);
    }
  });

  it('adds a dotted key where [tool.uv] is defined by dotted keys, and refuses what TOML would reject', () => {
    const path = '/ws/pyproject.toml';
    const dotted = '[project]\nname = "x"\nversion = "1"\n\n[tool]\nuv.dev-dependencies = ["pytest"]\n';
    const plan = planOf(planTransitiveFix({ manifest: { path, text: dotted }, package: 'h11', version: '0.16.0', through: ['httpx', 'h11'] }));
    const out = applyPlan({ [path]: dotted }, plan)[path]!;
    assert.equal(out, `${dotted}uv.constraint-dependencies = [\n    # Beachcomber: h11>=0.16.0 (introduced through httpx -> h11)\n    "h11>=0.16.0",\n]\n`);
    assert.deepEqual(parse(path, out).dependencies.filter((d) => d.group === 'uv:constraint').map((d) => d.name + d.specifier), ['h11>=0.16.0']);
    const inline = '[project]\nname = "x"\nversion = "1"\n\n[tool]\nuv = { dev-dependencies = ["pytest"] }\n';
    const refused = planTransitiveFix({ manifest: { path, text: inline }, package: 'h11', version: '0.16.0', through: ['httpx', 'h11'] });
    assert.equal(refused.ok, false);
    assert.match((refused as { reason: string }).reason, /^the edit would leave \/ws\/pyproject\.toml invalid \(.+\); edit it by hand$/);
    const pdmInline = '[project]\nname = "x"\nversion = "1"\n\n[tool.pdm.resolution]\noverrides = { anyio = ">=4" }\n';
    assert.deepEqual(planTransitiveFix({ manifest: { path, text: pdmInline }, package: 'h11', version: '0.16.0', through: ['httpx', 'h11'] }), { ok: false, reason: '[tool.pdm.resolution.overrides] is written inline; edit it by hand' });
  });

  it('asks for the constraints file when the project needs one and it was not read', () => {
    const manifest = { path: '/ws/requirements.txt', text: readFixture('transitive/requirements.txt') };
    const result = planTransitiveFix({ manifest, package: 'starlette', version: '0.40.0', through: ['fastapi', 'starlette'] });
    assert.deepEqual(result, { ok: false, reason: 'read the constraints file that constraintsFileFor() names and pass it as `constraints`' });
  });

  it('refuses a version that is not PEP 440', () => {
    const manifest = { path: '/ws/pyproject.toml', text: readFixture('transitive/uv-array.toml') };
    const result = planTransitiveFix({ manifest, package: 'starlette', version: 'latest', through: ['fastapi', 'starlette'] });
    assert.equal(result.ok, false);
  });

  it('finds the constraints file a requirements file names in all of pip\'s spellings', () => {
    for (const line of ['-c c.txt', '-cc.txt', '--constraint c.txt', '--constraint=c.txt', '  -c   c.txt  # pinned']) {
      assert.deepEqual(constraintsFileFor({ path: '/ws/sub/requirements.txt', text: `# x\n${line}\nflask\n` }), { path: '/ws/sub/c.txt', listed: true }, line);
    }
    assert.deepEqual(constraintsFileFor({ path: '/ws/requirements.txt', text: '-c https://example.com/c.txt\n' }), { path: '/ws/constraints.txt', listed: false });
  });
});
