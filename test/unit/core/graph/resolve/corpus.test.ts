import { strict as assert } from 'node:assert';
import { resolve } from '../../../../../src/core/graph/resolve';
import { readManifest } from '../../../../../src/core/manifests/registry';
import { environmentFor, type Platform } from '../../../../../src/core/pep508/markers';
import { MemoryCache } from '../../../../../src/datasources/cached';
import { createHttpClient, type HttpClient } from '../../../../../src/datasources/http';
import { PypiIndex } from '../../../../../src/datasources/pypi';
import { diskFileSource } from '../../../../../src/node/file-source';
import { corpusPath, describeCorpus } from '../../../../helpers/corpus';
import { lockIndexProjects, lockInstallSet, type LockRoots } from '../../../../helpers/fakes/lock-index';
import { FakePypi } from '../../../../helpers/fakes/pypi';
import { RESOLVER_FIXTURES } from '../../../../helpers/fakes/resolver-index';

/**
 * The resolver against real lock files: a project's direct requirements resolved against a fake
 * index that serves exactly the versions its uv.lock lists (Requires-Dist synthesized from the
 * lock's edges), compared package by package with what the lock installs for the same target.
 */
interface Case {
  readonly python: string;
  readonly platform: Platform;
  readonly agree: number;
  readonly packages: number;
  /** `name: resolved X, lock Y` for each package where the two differ. */
  readonly differences?: readonly string[];
}

interface Project {
  readonly title: string;
  readonly lock: readonly string[];
  /** The manifest whose records are resolved: a corpus path or a resolver fixture. */
  readonly manifest: string;
  readonly roots: LockRoots;
  readonly conflictChoices?: readonly string[];
  readonly cases: readonly Case[];
}

const SPECTREE_EXTRAS = ['pydantic', 'msgspec', 'offline', 'falcon', 'starlette', 'flask', 'quart'];
const PYDANTIC_AI_EXTRAS = ['examples', 'bedrock', 'cohere', 'groq', 'huggingface', 'mistral', 'temporal'];
const DEV = ['group-11-pydantic-ai-dev'];
const GIT_ONLY = ['strict-no-cover: resolved none, lock 0.1.1'];

const PROJECTS: readonly Project[] = [
  {
    title: "spectree's pyproject (every extra, dev and docs groups)",
    lock: ['spectree', 'uv.lock'],
    manifest: corpusPath('spectree', 'pyproject.toml'),
    roots: { project: 'spectree', main: true, extras: SPECTREE_EXTRAS, groups: ['dev', 'docs'] },
    cases: [
      { python: '3.13', platform: 'linux', agree: 73, packages: 73 },
      { python: '3.10', platform: 'windows', agree: 76, packages: 76 },
      { python: '3.11', platform: 'macos', agree: 73, packages: 73 },
    ],
  },
  {
    title: "comfy-cli's pyproject (main dependencies, dev and preview extras)",
    lock: ['comfy-cli', 'uv.lock'],
    manifest: corpusPath('comfy-cli', 'pyproject.toml'),
    roots: { project: 'comfy-cli', main: true, extras: ['dev', 'preview'], groups: [] },
    cases: [
      { python: '3.13', platform: 'linux', agree: 69, packages: 69 },
      { python: '3.10', platform: 'linux', agree: 71, packages: 71 },
      { python: '3.14', platform: 'windows', agree: 70, packages: 70 },
    ],
  },
  {
    title: "pydantic-ai's pyproject (dev and lint groups, its 27 constraint-dependencies)",
    lock: ['pydantic-ai', 'uv.lock'],
    manifest: corpusPath('pydantic-ai', 'pyproject.toml'),
    roots: { project: 'pydantic-ai', main: false, extras: [], groups: ['dev', 'lint'] },
    conflictChoices: DEV,
    cases: [
      { python: '3.13', platform: 'linux', agree: 146, packages: 147, differences: GIT_ONLY },
      { python: '3.10', platform: 'linux', agree: 152, packages: 153, differences: GIT_ONLY },
      { python: '3.12', platform: 'macos', agree: 144, packages: 145, differences: GIT_ONLY },
    ],
  },
  {
    title: 'pydantic-ai itself with seven extras (its workspace members served from the lock)',
    lock: ['pydantic-ai', 'uv.lock'],
    manifest: `${RESOLVER_FIXTURES}/pydantic-ai.txt`,
    roots: { project: 'pydantic-ai', main: true, extras: PYDANTIC_AI_EXTRAS, groups: [] },
    conflictChoices: DEV,
    cases: [
      { python: '3.13', platform: 'linux', agree: 179, packages: 179 },
      { python: '3.10', platform: 'linux', agree: 183, packages: 183 },
      { python: '3.14', platform: 'windows', agree: 181, packages: 181 },
      { python: '3.12', platform: 'macos', agree: 176, packages: 176 },
    ],
  },
];

function compare(resolved: ReadonlyMap<string, string | null>, locked: ReadonlyMap<string, string>): { agree: number; packages: number; differences: string[] } {
  const names = [...new Set([...resolved.keys(), ...locked.keys()])].sort();
  const differences = names.filter((n) => resolved.get(n) !== locked.get(n)).map((n) => `${n}: resolved ${resolved.get(n) ?? 'none'}, lock ${locked.get(n) ?? 'none'}`);
  return { agree: names.length - differences.length, packages: names.length, differences };
}

describeCorpus('core/graph/resolve on corpus projects, compared with their uv.lock', () => {
  let http: HttpClient;
  before(() => {
    http = createHttpClient({ env: {} });
  });
  after(async () => {
    await http.close();
  });

  for (const project of PROJECTS) {
    describe(project.title, () => {
      let pypi: FakePypi;
      before(async () => {
        pypi = await new FakePypi({ projects: lockIndexProjects(project.lock, { conflictChoices: project.conflictChoices ?? [] }) }).start();
      });
      after(async () => {
        await pypi.close();
      });

      for (const c of project.cases) {
        it(`agrees with the lock on ${c.agree} of ${c.packages} packages for CPython ${c.python} on ${c.platform}`, async () => {
          pypi.resetCounts();
          const index = new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/`, cache: new MemoryCache(), metadataFirst: true });
          const files = await readManifest(project.manifest, diskFileSource);
          const result = await resolve(files.flatMap((f) => f.dependencies), { index }, { python: c.python, platform: c.platform });
          assert.deepEqual(result.problems, []);
          assert.deepEqual(result.failures, []);
          const resolved = new Map([...result.graph.nodes.values()].filter((n) => n.name !== project.roots.project).map((n) => [n.name, n.version]));
          const locked = lockInstallSet(project.lock, project.roots, environmentFor(c.python, c.platform), project.conflictChoices ?? []);
          const found = compare(resolved, locked);
          console.log(`      ${project.lock[0]} ${c.python} ${c.platform}: ${found.agree}/${found.packages} packages agree (${((100 * found.agree) / found.packages).toFixed(1)} %), ${result.stats.waves} waves, ${result.stats.metadataRequests} metadata requests`);
          assert.deepEqual(found, { agree: c.agree, packages: c.packages, differences: [...(c.differences ?? [])] });
          // Each release's metadata is asked once; the Simple page of each project once.
          assert.equal(pypi.count('file') + pypi.count('json-release'), result.stats.metadataRequests);
          assert.equal(pypi.count('simple'), result.stats.projectRequests);
          assert.ok(result.stats.metadataRequests <= result.stats.projectRequests + 5, `${result.stats.metadataRequests} metadata requests for ${result.stats.projectRequests} projects`);
        });
      }
    });
  }
});
