/**
 * The editor's costs that can be measured on Node, without VS Code: the extension's own pipeline
 * (read → projects → analyze() → findings) on Airflow's root pyproject with its uv.lock and on
 * pydantic-ai's, with warm data; a one-line edit to refreshed findings (the lock file's read kept,
 * earlier answers reused, as the extension does while you type); the synchronous work of
 * `activate()` with a stand-in for the `vscode` module; and the bundle's size. Then the timings
 * the integration suite measured in the real VS Code, when a run of `npm run test:vscode` left them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, type Analysis } from '../src/core/analyze';
import { buildProjects, type ManifestRead } from '../src/core/graph/projects';
import { readManifest } from '../src/core/manifests/registry';
import type { FileSource } from '../src/core/ports';
import { findingsFor } from '../src/extension/findings';
import { settingsFrom, targetOf } from '../src/extension/settings';
import { diskFileSource } from '../src/node/file-source';
import { createSources, DEFAULT_SOURCE_SETTINGS, type Sources } from '../src/node/sources';
import { FakesProcess } from './fakes';
import { CORPUS, formatNumber, table, time } from './harness';

const GOAL_EDIT_MS = 50;
const GOAL_ACTIVATE_MS = 50;
const GOAL_BUNDLE_BYTES = 1_000_000;

interface Case {
  readonly label: string;
  readonly dir: string;
  /** A line of the pyproject and what a user types over it. */
  readonly edit: readonly [from: string, to: string];
}

const CASES: readonly Case[] = [
  { label: 'Airflow (pyproject + uv.lock, 995 packages)', dir: 'airflow', edit: ['"apache-airflow-task-sdk<1.5.0,>=1.4.0",', '"apache-airflow-task-sdk<1.6.0,>=1.4.0",'] },
  { label: 'pydantic-ai (pyproject + uv.lock)', dir: 'pydantic-ai', edit: ['"ray>=2.55.0",', '"ray>=2.55.1",'] },
];

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function benchEditor(): Promise<void> {
  await benchPipeline();
  benchActivate();
  benchBundle();
  printEditorTimings();
}

/** What the extension does for a workspace, with the caches warm: open → findings, then edit → findings. */
async function benchPipeline(): Promise<void> {
  const fakes = await FakesProcess.start(0, CASES.map((c) => c.dir));
  const cacheDir = mkdtempSync(join(tmpdir(), 'bc-bench-editor-'));
  const settings = settingsFrom({ 'osv.url': fakes.osv, 'index.url': `${fakes.pypi}/simple/`, 'index.jsonUrl': `${fakes.pypi}/pypi/`, 'signals.depsDev': false, 'signals.scorecard': false });
  const sources = await createSources({ ...DEFAULT_SOURCE_SETTINGS, ...settings.sources, backendToken: null, cacheDir });
  const rows: (string | number)[][] = [];
  try {
    for (const c of CASES) rows.push(...(await benchCase(c, sources, settings)));
  } finally {
    await sources.close();
    fakes.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  table('the extension pipeline on Node, warm data (fake OSV/PyPI, no latency)', ['case', 'packages', 'findings', 'read ms', 'analyze ms', 'findings ms', 'total ms', 'goal ms', 'ratio'], rows);
}

async function benchCase(c: Case, sources: Sources, settings: ReturnType<typeof settingsFrom>): Promise<(string | number)[][]> {
  const pyproject = join(CORPUS, c.dir, 'pyproject.toml');
  const lock = join(CORPUS, c.dir, 'uv.lock');
  const original = readFileSync(pyproject, 'utf8');
  if (!original.includes(c.edit[0])) throw new Error(`${pyproject} no longer has the line ${c.edit[0]}`);
  const target = targetOf(settings);
  const readAll = async (files: FileSource): Promise<ManifestRead[]> => Promise.all([pyproject, lock].map(async (root) => ({ root, files: await readManifest(root, files) })));
  // Cold once, so that every answer is in the cache: "warm data".
  await analyze(buildProjects(await readAll(diskFileSource), target), sources.ports, {});

  const open = steps();
  let analysis: Analysis | undefined;
  const opening = await time(async () => {
    let t = now();
    const projects = buildProjects(await readAll(diskFileSource), target);
    open.read.push(now() - t);
    t = now();
    analysis = await analyze(projects, sources.ports, {});
    open.analyze.push(now() - t);
    t = now();
    findingsFor({ projects, assessments: analysis.assessments }, settings);
    open.findings.push(now() - t);
  }, { minRuns: 3, budgetMs: 3000, warmup: 1 });

  // Typing: the pyproject's text changes, the lock file's read is kept, earlier answers are reused.
  const lockRead = (await readAll(diskFileSource))[1]!;
  const texts = [original.replace(c.edit[0], c.edit[1]), original];
  const edit = steps();
  let turn = 0;
  let findings = 0;
  const editing = await time(async () => {
    const text = texts[turn++ % 2]!;
    let t = now();
    const files: FileSource = { read: async (path) => (path === pyproject ? text : diskFileSource.read(path)) };
    const projects = buildProjects([{ root: pyproject, files: await readManifest(pyproject, files) }, lockRead], target);
    edit.read.push(now() - t);
    t = now();
    analysis = await analyze(projects, sources.ports, { previous: analysis });
    edit.analyze.push(now() - t);
    t = now();
    findings = findingsFor({ projects, assessments: analysis.assessments }, settings).length;
    edit.findings.push(now() - t);
  }, { minRuns: 10, budgetMs: 3000, warmup: 2 });

  const packages = analysis?.packages.length ?? 0;
  return [
    [`${c.label}: open → findings`, String(packages), String(findings), median(open.read), median(open.analyze), median(open.findings), opening.medianMs, '', ''],
    [`${c.label}: one-line edit → findings`, String(packages), String(findings), median(edit.read), median(edit.analyze), median(edit.findings), editing.medianMs, GOAL_EDIT_MS, `${formatNumber(editing.medianMs / GOAL_EDIT_MS)}x`],
  ];
}

function steps(): { read: number[]; analyze: number[]; findings: number[] } {
  return { read: [], analyze: [], findings: [] };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

/**
 * `activate()` of the built bundle with a stand-in `vscode` module: every API answers with an inert
 * object, so what is measured is the extension's own synchronous work (registrations, settings).
 */
function benchActivate(): void {
  const bundle = resolve(__dirname, '..', 'dist', 'extension.js');
  if (!existsSync(bundle)) {
    console.log('\nactivate(): dist/extension.js is missing (run node scripts/build.mjs)');
    return;
  }
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = loader._load;
  const api = inert();
  // esbuild's namespace import copies the module's own properties: name every API the extension uses.
  const stub = Object.fromEntries(VSCODE_API.map((name) => [name, api]));
  loader._load = function (request, parent, isMain) {
    return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
  };
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      delete require.cache[bundle];
      let t = now();
      const extension = createRequire(__filename)(bundle) as { activate(context: unknown): unknown };
      requireMs.push(now() - t);
      const subscriptions: { dispose(): unknown }[] = [];
      const context = { subscriptions, secrets: api, globalStorageUri: { scheme: 'memory', fsPath: '' }, extension: { packageJSON: { version: 'bench' } } };
      t = now();
      extension.activate(context);
      activateMs.push(now() - t);
      for (const disposable of subscriptions) disposable.dispose();
    }
  } finally {
    loader._load = load;
  }
  table('activation (dist/extension.js, stand-in vscode module, median of 7)', ['step', 'ms', 'goal ms', 'ratio'], [
    ['require the bundle (load + compile)', median(requireMs), '', ''],
    ['activate() synchronous work', median(activateMs), GOAL_ACTIVATE_MS, `${formatNumber(median(activateMs) / GOAL_ACTIVATE_MS)}x`],
  ]);
}

/** The `vscode` exports src/extension reaches (a missing one fails loudly here, not silently). */
const VSCODE_API = ['CodeAction', 'CodeActionKind', 'Diagnostic', 'DiagnosticRelatedInformation', 'DiagnosticSeverity', 'DiagnosticTag', 'Disposable', 'EventEmitter', 'Hover', 'Location', 'MarkdownString', 'ProgressLocation', 'Range', 'RelativePattern', 'StatusBarAlignment', 'TextEditorRevealType', 'ThemeColor', 'ThemeIcon', 'TreeItem', 'TreeItemCollapsibleState', 'Uri', 'WorkspaceEdit', 'ConfigurationTarget', 'commands', 'env', 'languages', 'window', 'workspace'];

/** An object that is every VS Code API at once: callable, constructible, any property, never a promise. */
function inert(): unknown {
  const proxy: object = new Proxy(function inertApi() {}, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (property === Symbol.iterator) return function* empty() {};
      if (property === Symbol.toPrimitive || property === 'toString') return () => '';
      return proxy;
    },
    set: () => true,
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

function benchBundle(): void {
  const bundle = resolve(__dirname, '..', 'dist', 'extension.js');
  if (!existsSync(bundle)) return;
  const bytes = statSync(bundle).size;
  table('bundle', ['file', 'bytes', 'goal bytes', 'ratio'], [['dist/extension.js', bytes, GOAL_BUNDLE_BYTES, `${formatNumber(bytes / GOAL_BUNDLE_BYTES)}x`]]);
}

/** What the integration suite measured inside the real VS Code (test/e2e/suite), if it ran. */
function printEditorTimings(): void {
  const file = resolve(__dirname, '..', '.test-output', 'vscode', 'editor-timings.json');
  if (!existsSync(file)) {
    console.log('\nin the real VS Code: no timings yet (npm run test:vscode writes .test-output/vscode/editor-timings.json)');
    return;
  }
  const timings = JSON.parse(readFileSync(file, 'utf8')) as { activateMs?: number; bigFile?: Record<string, number>; measuredAt?: string; vscode?: string };
  const big = timings.bigFile ?? {};
  table(`in the real VS Code ${timings.vscode ?? ''} (integration suite, ${timings.measuredAt ?? 'unknown time'})`, ['measurement', 'ms', 'goal ms'], [
    ['activate() synchronous work', timings.activateMs ?? NaN, GOAL_ACTIVATE_MS],
    [`${big.lines ?? '?'}-line requirements file: edit → diagnostics (incl. 150 ms debounce)`, big.editToDiagnosticsMs ?? NaN, ''],
    ['  of which read, build and render', big.readAndRenderMs ?? NaN, GOAL_EDIT_MS],
    ['  longest block of the extension host while typing', big.longestBlockWhileTypingMs ?? NaN, ''],
  ]);
}
