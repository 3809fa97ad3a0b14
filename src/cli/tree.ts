/**
 * `beachcomber tree <file> [--python 3.12] [--platform linux|macos|windows] [--format table|json]
 * [--index-url U] [--cache-dir DIR | --no-cache]`: one manifest's dependency graph. With a lock
 * file beside it, the locked graph; without, the graph resolved against the index (PyPI unless
 * told otherwise) for the target Python and platform — nothing is installed, built or run.
 * Exit 0 fine, 1 problems (a conflict, unknown dependencies, a file's own problems), 2 usage or an
 * index that did not answer.
 */
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DependencyGraph, GraphNode } from '../core/graph/graph';
import { buildProjects, type ManifestRead } from '../core/graph/projects';
import { resolve, wantsPrereleases } from '../core/graph/resolve';
import { lockFileFor } from '../core/manifests/registry';
import type { ParsedFile, Problem } from '../core/model/dependency';
import { environmentFor, type Platform, type TargetEnvironment } from '../core/pep508/markers';
import type { Cache } from '../core/ports';
import { MemoryCache } from '../datasources/cached';
import { createHttpClient } from '../datasources/http';
import { PYPI_SIMPLE, PypiIndex } from '../datasources/pypi';
import { DiskCache } from '../node/cache/disk-cache';
import { toCorePath } from '../node/file-source';
import { readAll } from './deps';

const USAGE = 'usage: beachcomber tree <file> [--python 3.12] [--platform linux|macos|windows] [--format table|json] [--index-url U] [--cache-dir DIR | --no-cache]\n';

const OPTIONS = {
  python: { type: 'string', default: '3.13' },
  platform: { type: 'string', default: 'linux' },
  format: { type: 'string', default: 'table' },
  'index-url': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
} as const;

/** Where the command writes; tests pass their own. */
export interface TreeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo: TreeIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env };

interface Shown {
  readonly graph: DependencyGraph;
  readonly problems: readonly Problem[];
  /** Why the index could not answer, when it could not: the graph is incomplete. */
  readonly unreachable: string | null;
}

export async function tree(args: readonly string[], io: TreeIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (e) {
    io.stderr(`beachcomber tree: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const flags = parsed.values;
  const platform = flags.platform as Platform;
  if (parsed.positionals.length !== 1 || !['table', 'json'].includes(flags.format) || !['linux', 'macos', 'windows'].includes(platform) || !/^3\.\d+(\.\d+)?$/.test(flags.python)) {
    io.stderr(USAGE);
    return 2;
  }
  let reads: ManifestRead[];
  try {
    reads = await readWithLock(parsed.positionals[0]!, io.env);
  } catch (e) {
    io.stderr(`beachcomber tree: ${(e as Error).message}\n`);
    return 2;
  }
  const target: TargetEnvironment = { env: environmentFor(flags.python, platform), extras: [], dependencyGroups: [] };
  const project = buildProjects(reads, target)[0]!;
  const fileProblems = project.files.flatMap((f) => f.problems);
  const shown: Shown = project.lock ? { graph: project.graph, problems: fileProblems, unreachable: null } : await resolved(project.files, flags, platform, io.env);
  const problems = project.lock ? shown.problems : [...fileProblems, ...shown.problems];
  io.stdout(flags.format === 'json' ? `${JSON.stringify(treeJson(shown.graph, problems))}\n` : treeTable(shown.graph, problems));
  if (shown.unreachable) {
    io.stderr(`beachcomber tree: the index did not answer (${shown.unreachable}); the graph is incomplete\n`);
    return 2;
  }
  return problems.length > 0 ? 1 : 0;
}

/** The manifest with everything it includes, and the lock file beside it when there is one. */
async function readWithLock(file: string, env: TreeIo['env']): Promise<ManifestRead[]> {
  const path = toCorePath(file);
  if ((await stat(path)).isDirectory()) throw new Error(`${file} is a folder; name one manifest or lock file in it`);
  const siblings = (await readdir(dirname(path)).catch(() => [] as string[])).map((name) => toCorePath(join(dirname(path), name)));
  const lock = lockFileFor(path, siblings);
  const files = await readAll(lock ? [path, lock] : [path], env);
  const manifest: ManifestRead = { root: path, files: files.filter((f) => f.path !== lock) };
  const lockFile = files.find((f) => f.path === lock);
  return lockFile ? [manifest, { root: lock!, files: [lockFile] }] : [manifest];
}

async function resolved(files: readonly ParsedFile[], flags: { 'index-url'?: string; 'cache-dir'?: string; 'no-cache': boolean; python: string }, platform: Platform, env: TreeIo['env']): Promise<Shown> {
  const indexUrl = flags['index-url'] ?? files.find((f) => f.indexOptions?.indexUrl)?.indexOptions?.indexUrl ?? PYPI_SIMPLE;
  const cache: Cache = flags['no-cache'] ? new MemoryCache() : new DiskCache({ directory: flags['cache-dir'] ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'beachcomber') });
  // As many connections per host as the resolver has questions in flight: a wave is one round trip.
  const http = createHttpClient({ env, maxConcurrentPerHost: 50 });
  try {
    const index = new PypiIndex({ http, simpleUrl: indexUrl, cache, metadataFirst: true });
    const result = await resolve(files.flatMap((f) => f.dependencies), { index }, { python: flags.python, platform, prereleases: wantsPrereleases(files), indexUrl });
    const unreachable = result.failures.length === 0 ? null : `${result.failures.length} question(s) to ${new URL(indexUrl).host} failed; first: ${result.failures[0]}`;
    return { graph: result.graph, problems: result.problems, unreachable };
  } finally {
    await http.close();
  }
}

/** The JSON shape other tools read: change with care. */
export function treeJson(graph: DependencyGraph, problems: readonly Problem[]): unknown {
  const byId = graph.nodes;
  return {
    origin: graph.origin,
    label: graph.label,
    direct: graph.direct.map((d) => ({ name: d.name, version: d.node ? (byId.get(d.node)?.version ?? null) : null, group: d.group, active: d.active })),
    nodes: sortedNodes(graph).map((n) => ({
      name: n.name,
      version: n.version,
      dependencies: n.children.map((e) => ({ name: byId.get(e.to)?.name ?? e.to, version: byId.get(e.to)?.version ?? null, marker: e.marker, active: e.active })),
    })),
    problems: problems.map((p) => ({ file: p.file, line: p.line, severity: p.severity, message: p.message })),
  };
}

function sortedNodes(graph: DependencyGraph): GraphNode[] {
  return [...graph.nodes.values()].sort((a, b) => (a.name === b.name ? String(a.version).localeCompare(String(b.version)) : a.name < b.name ? -1 : 1));
}

/**
 * An indented tree, direct dependencies first, each package as `name version`; a package already
 * expanded above is marked "(see above)" instead of being expanded again (and cycles end there).
 * Inactive edges and dependencies are listed, marked, never expanded.
 */
export function treeTable(graph: DependencyGraph, problems: readonly Problem[]): string {
  const lines = [`${graph.label}: ${graph.direct.length} direct, ${graph.nodes.size} packages`];
  const expanded = new Set<string>();
  const walk = (id: string, depth: number, tags: readonly string[], active: boolean): void => {
    const node = graph.nodes.get(id);
    if (!node) return;
    const repeat = active && expanded.has(id) && node.children.length > 0;
    lines.push(`${'  '.repeat(depth)}${node.name} ${node.version ?? '(version unknown)'}${suffix(tags)}${repeat ? ' (see above)' : ''}`);
    if (repeat || !active) return;
    expanded.add(id);
    for (const edge of node.children) walk(edge.to, depth + 1, [edge.group, edge.active ? null : `inactive: ${edge.marker}`].filter((t): t is string => t != null), edge.active);
  };
  for (const d of graph.direct) {
    const tags = [d.group, d.active ? null : 'inactive'].filter((t): t is string => t != null);
    if (d.node != null && graph.nodes.has(d.node)) walk(d.node, 0, tags, d.active);
    else lines.push(`${d.name} (not resolved${d.record?.skipReason && d.record.skipReason !== 'unpinned' ? `: ${d.record.skipReason}` : ''})${suffix(tags)}`);
  }
  for (const p of problems) lines.push(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  return `${lines.join('\n')}\n`;
}

function suffix(tags: readonly string[]): string {
  return tags.length > 0 ? `  [${tags.join(', ')}]` : '';
}
