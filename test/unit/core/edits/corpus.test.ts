/**
 * Fix / Fork / Forgo on real files, read in place from the shared corpus (never copied): pip-compile
 * output with hashes (warehouse), Airflow's 88 KB pyproject with uv tables, Poetry's classic and
 * Poetry 2 pyprojects, a uv workspace (pydantic-ai), and PEP 735 groups (spectree). Every edited
 * file reads back with zero problems; the record changed as asked and nothing else did.
 */
import assert from 'node:assert/strict';
import { applyPlan, planFix, planForgo, planFork, planTransitiveFix, detectTool, type FileText, type PlanResult } from '../../../../src/core/edits';
import type { Dependency } from '../../../../src/core/model/dependency';
import { corpusPath, describeCorpus, readCorpus } from '../../../helpers/corpus';
import { assertNoProblems, checkRoundTrip, parse, planOf, recordOf, type Expectation } from './helpers';

interface CorpusCase {
  readonly title: string;
  readonly file: string;
  readonly name: string;
  readonly group?: string | null;
  readonly act: (file: FileText, dependency: Dependency) => PlanResult;
  readonly after: Expectation['after'];
  /** Lines the file gains (positive) or loses (negative). */
  readonly lines: number;
  readonly check?: (after: Dependency | undefined, plan: ReturnType<typeof planOf>, before: Dependency) => void;
}

const pin = (version: string, hashes?: string[]) => (file: FileText, dependency: Dependency) => planFix({ file, dependency, version, style: 'pin', hashes });
const raise = (version: string) => (file: FileText, dependency: Dependency) => planFix({ file, dependency, version, style: 'lower-bound' });
const fork = (name: string, version: string | null = null) => (file: FileText, dependency: Dependency) => planFork({ file, dependency, fork: name, forkVersion: version });
const remove = () => (file: FileText, dependency: Dependency) => planForgo({ file, dependency });
const NEW_HASHES = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`, `sha256:${'c'.repeat(64)}`];

const CASES: readonly CorpusCase[] = [
  {
    title: 'warehouse: pin jinja2 (pip-compile, --hash), hashes removed with a note', file: 'warehouse/requirements/main.txt', name: 'jinja2', act: pin('3.1.7'),
    after: { specifier: '==3.1.7' }, lines: -2,
    check: (dep, plan, before) => {
      assert.equal(before.hashes.length, 2);
      assert.deepEqual(dep!.hashes, []);
      assert.ok(plan.notes.some((n) => /pip stays in hash-checking mode/.test(n)));
      assert.ok(before.via.length > 0);
      assert.deepEqual(dep!.via, before.via, 'the # via block stays with the requirement');
    },
  },
  {
    title: 'warehouse: pin alembic with the new release\'s hashes', file: 'warehouse/requirements/main.txt', name: 'alembic', act: pin('1.18.6', NEW_HASHES),
    after: { specifier: '==1.18.6' }, lines: 1, check: (dep) => assert.deepEqual(dep!.hashes, NEW_HASHES),
  },
  { title: 'warehouse: fork isodate', file: 'warehouse/requirements/main.txt', name: 'isodate', act: fork('isodate-ng', '1.0.0'), after: { name: 'isodate-ng', specifier: '==1.0.0' }, lines: -2 },
  { title: 'warehouse: forgo amqp with its hashes and # via block', file: 'warehouse/requirements/main.txt', name: 'amqp', act: remove(), after: 'removed', lines: -4 },
  { title: 'airflow: raise cloudpickle, keeping the cap and the comment above it', file: 'airflow/pyproject.toml', name: 'cloudpickle', act: raise('3.1.1'), after: { specifier: '>=3.1.1,<3.1.2' }, lines: 0 },
  { title: 'airflow: pin tomli in build-system requires, keeping its marker', file: 'airflow/pyproject.toml', name: 'tomli', group: 'build-system', act: pin('2.4.2'), after: { specifier: '==2.4.2' }, lines: 0 },
  { title: 'airflow: raise openai in [tool.uv] override-dependencies', file: 'airflow/pyproject.toml', name: 'openai', group: 'uv:override', act: raise('2.50.0'), after: { specifier: '>=2.50.0,<3' }, lines: 0 },
  { title: 'airflow: forgo atlasclient (its extra keeps its key)', file: 'airflow/pyproject.toml', name: 'atlasclient', act: remove(), after: 'removed', lines: -1 },
  { title: 'airflow: fork python-ldap', file: 'airflow/pyproject.toml', name: 'python-ldap', act: fork('python-ldap-ng', '4.0.0'), after: { name: 'python-ldap-ng', specifier: '>=4.0.0' }, lines: 0 },
  { title: 'poetry 1.2: raise requests (caret kept)', file: 'poetry/history/2022-06-89e3f7b/pyproject.toml', name: 'requests', act: raise('2.32.3'), after: { specifier: '^2.32.3' }, lines: 0 },
  { title: 'poetry 1.2: pin urllib3', file: 'poetry/history/2022-06-89e3f7b/pyproject.toml', name: 'urllib3', act: pin('1.26.19'), after: { specifier: '==1.26.19' }, lines: 0 },
  { title: 'poetry 1.2: raise virtualenv (a union becomes one bound)', file: 'poetry/history/2022-06-89e3f7b/pyproject.toml', name: 'virtualenv', act: raise('20.26.6'), after: { specifier: '>=20.26.6' }, lines: 0 },
  { title: 'poetry 1.2: fork cachecontrol (table with extras)', file: 'poetry/history/2022-06-89e3f7b/pyproject.toml', name: 'cachecontrol', act: fork('cachecontrol-ng', '0.14.0'), after: { name: 'cachecontrol-ng', specifier: '^0.14.0' }, lines: 0 },
  { title: 'poetry 1.2: forgo pytest from the dev group', file: 'poetry/history/2022-06-89e3f7b/pyproject.toml', name: 'pytest', group: 'group:dev', act: remove(), after: 'removed', lines: -1 },
  { title: 'poetry 2: raise requests (PEP 508 with parentheses)', file: 'poetry/pyproject.toml', name: 'requests', group: null, act: raise('2.32.3'), after: { specifier: '>=2.32.3,<3.0' }, lines: 0 },
  { title: 'poetry 2: forgo tomli', file: 'poetry/pyproject.toml', name: 'tomli', act: remove(), after: 'removed', lines: -1 },
  { title: 'pydantic-ai: raise httpx in the dev group', file: 'pydantic-ai/pyproject.toml', name: 'httpx', group: 'group:dev', act: raise('0.28.1'), after: { specifier: '>=0.28.1' }, lines: 0 },
  { title: 'pydantic-ai: forgo duckduckgo-search', file: 'pydantic-ai/pyproject.toml', name: 'duckduckgo-search', group: 'group:dev', act: remove(), after: 'removed', lines: -1 },
  { title: 'spectree: raise pydantic in an extra', file: 'spectree/pyproject.toml', name: 'pydantic', act: raise('2.11.7'), after: { specifier: '>=2.11.7,<3' }, lines: 0 },
  { title: 'spectree: fork uvicorn in a PEP 735 group', file: 'spectree/pyproject.toml', name: 'uvicorn', group: 'group:dev', act: fork('uvicorn-ng'), after: { name: 'uvicorn-ng', specifier: '' }, lines: 0 },
];

function lineCount(text: string): number {
  return text.split(/\r\n|\n|\r/).length;
}

describeCorpus('edits: Fix / Fork / Forgo on real corpus files', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const path = corpusPath(c.file);
      const text = readCorpus(c.file);
      const parsed = parse(path, text);
      assertNoProblems(parsed, c.file);
      const dependency = recordOf(parsed, c.name, c.group);
      const plan = planOf(c.act({ path, text }, dependency));
      const out = checkRoundTrip(path, text, plan, { name: c.name, group: c.group, after: c.after });
      assert.equal(lineCount(out) - lineCount(text), c.lines, 'lines gained or lost');
      const newName = c.after === 'removed' ? undefined : c.after.name ?? c.name;
      const after = newName ? parse(path, out).dependencies.find((d) => d.name === newName && d.group === dependency.group) : undefined;
      c.check?.(after, plan, dependency);
    });
  }

  it('airflow: a transitive constraint joins [tool.uv] constraint-dependencies', () => {
    const path = corpusPath('airflow/pyproject.toml');
    const text = readCorpus('airflow/pyproject.toml');
    assert.equal(detectTool({ path, text }, [corpusPath('airflow/uv.lock')]), 'uv');
    const plan = planOf(planTransitiveFix({ manifest: { path, text }, package: 'starlette', version: '0.47.2', through: ['fastapi', 'starlette'], advisory: 'GHSA-2c2j-9gv5-cj73' }));
    const out = applyPlan({ [path]: text }, plan)[path]!;
    const after = parse(path, out);
    assertNoProblems(after, 'airflow after the constraint');
    assert.deepEqual(after.dependencies.filter((d) => d.group === 'uv:constraint').map((d) => `${d.name}${d.specifier}`), ['azure-ai-projects<2.5', 'starlette>=0.47.2']);
    assert.equal(after.dependencies.length, parse(path, text).dependencies.length + 1);
    assert.match(out, /constraint-dependencies = \[\n {4}"azure-ai-projects<2\.5",\n {4}# Beachcomber: starlette>=0\.47\.2 fixes GHSA-2c2j-9gv5-cj73 \(introduced through fastapi -> starlette\)\n {4}"starlette>=0\.47\.2",\n\]\n# Synchroonize with/);
  });

  it('pydantic-ai: a transitive constraint is appended to its multi-line constraint-dependencies', () => {
    const path = corpusPath('pydantic-ai/pyproject.toml');
    const text = readCorpus('pydantic-ai/pyproject.toml');
    const before = parse(path, text).dependencies.filter((d) => d.group === 'uv:constraint');
    const plan = planOf(planTransitiveFix({ manifest: { path, text }, package: 'h11', version: '0.16.0', through: ['httpx', 'httpcore', 'h11'], lockFiles: [corpusPath('pydantic-ai/uv.lock')] }));
    const after = parse(path, applyPlan({ [path]: text }, plan)[path]!);
    assertNoProblems(after, 'pydantic-ai after the constraint');
    const constraints = after.dependencies.filter((d) => d.group === 'uv:constraint');
    assert.equal(constraints.length, before.length + 1);
    assert.equal(before.length, 27);
    assert.deepEqual(constraints.at(-1)!.name + constraints.at(-1)!.specifier, 'h11>=0.16.0');
  });

  it('poetry 2: a transitive package becomes an explicit [project] dependency', () => {
    const path = corpusPath('poetry/pyproject.toml');
    const text = readCorpus('poetry/pyproject.toml');
    const plan = planOf(planTransitiveFix({ manifest: { path, text }, package: 'urllib3', version: '2.5.0', through: ['requests', 'urllib3'], lockFiles: [corpusPath('poetry/poetry.lock')] }));
    const after = parse(path, applyPlan({ [path]: text }, plan)[path]!);
    assertNoProblems(after, 'poetry after the constraint');
    assert.deepEqual(after.dependencies.filter((d) => d.name === 'urllib3').map((d) => [d.group, d.specifier]), [[null, '>=2.5.0']]);
  });
});
