/**
 * `beachcomber scan <folder|file>...`: reads every manifest and lock file, asks every source, and
 * prints each package with its version, place in the graph, advisories, signals and level.
 * Exit 1 when something at or above --fail-on was found, 2 when a source failed and the answer is
 * incomplete (named in the output), 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, type Analysis, type PackageUse } from '../core/analyze';
import { readDecisions, DECISIONS_FILE } from '../core/decisions';
import { buildProjects, type ManifestRead, type Project } from '../core/graph/projects';
import { resolveProjects } from '../core/graph/resolve-projects';
import { readManifest } from '../core/manifests/registry';
import { RISK_LEVELS, type RiskLevel } from '../core/model/advisory';
import type { Assessment, Decision } from '../core/model/risk';
import { environmentFor, type Platform, type TargetEnvironment } from '../core/pep508/markers';
import { packageKey } from '../core/ports';
import { compareLevels } from '../core/risk/levels';
import { findManifestFiles } from '../node/discover';
import { diskFileSource } from '../node/file-source';
import { diskProbe } from '../node/probe';
import { createSources, DEFAULT_SOURCE_SETTINGS, type SourceSettings } from '../node/sources';

const OPTIONS = {
  format: { type: 'string', default: 'table' },
  'fail-on': { type: 'string', default: 'high' },
  'osv-url': { type: 'string' },
  'pypi-url': { type: 'string' },
  'index-url': { type: 'string' },
  'offline-db': { type: 'string' },
  'no-network': { type: 'boolean', default: false },
  'no-health': { type: 'boolean', default: false },
  'no-deps-dev': { type: 'boolean', default: false },
  'no-scorecard': { type: 'boolean', default: false },
  'no-provenance': { type: 'boolean', default: false },
  'no-resolve': { type: 'boolean', default: false },
  'deps-dev-url': { type: 'string' },
  'scorecard-url': { type: 'string' },
  backend: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  proxy: { type: 'string' },
  python: { type: 'string', default: '3.13' },
  platform: { type: 'string', default: 'linux' },
} as const;

export const SCAN_USAGE = `usage: beachcomber scan <folder|file>... [--format table|json] [--fail-on LEVEL]
       [--osv-url U] [--pypi-url U] [--index-url U] [--offline-db PATH] [--no-network]
       [--no-health] [--no-deps-dev] [--no-scorecard] [--no-provenance] [--no-resolve] [--backend URL]
       [--cache-dir DIR | --no-cache] [--proxy URL] [--python 3.13] [--platform linux|macos|windows]
  LEVEL: critical, high, medium, low, info (default high). BEACHCOMBER_TOKEN holds the backend token.
  A manifest without a lock file that leaves versions open is resolved from index metadata for
  --python and --platform (unless --no-resolve, --no-health or --no-network: they ask no index).
`;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export async function scan(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (e) {
    process.stderr.write(`beachcomber scan: ${(e as Error).message}\n${SCAN_USAGE}`);
    return 2;
  }
  const flags = parsed.values;
  const failOn = flags['fail-on'] as RiskLevel;
  const platform = flags.platform as Platform;
  if (parsed.positionals.length === 0 || !['table', 'json'].includes(flags.format) || !RISK_LEVELS.includes(failOn) || !['linux', 'macos', 'windows'].includes(platform)) {
    process.stderr.write(SCAN_USAGE);
    return 2;
  }
  const target: TargetEnvironment = { env: environmentFor(flags.python, platform), extras: [], dependencyGroups: [] };

  let reads: ManifestRead[];
  try {
    reads = await readTargets(parsed.positionals);
  } catch (e) {
    process.stderr.write(`beachcomber scan: ${(e as Error).message}\n`);
    return 2;
  }
  const sources = await createSources(settingsFrom(flags));
  try {
    const decisions = await decisionsFor(parsed.positionals);
    let projects: readonly Project[] = buildProjects(reads, target);
    const setupProblems = [...sources.problems];
    if (sources.resolverIndex && !flags['no-resolve'] && !flags['no-health']) {
      const resolved = await resolveProjects(projects, sources.resolverIndex, { python: flags.python, platform });
      projects = resolved.projects;
      for (const p of resolved.problems) setupProblems.push(`${p.file}:${p.line}: ${p.message}`);
      if (resolved.failures.length > 0) setupProblems.push(`resolution incomplete: ${resolved.failures[0]} (${resolved.failures.length} index questions failed)`);
    }
    const analysis = await analyze(projects, sources.ports, { decisions, provenance: !flags['no-provenance'] });
    const incomplete = setupProblems.length > 0 || analysis.sources.some((s) => s.status !== 'ok' && s.status !== 'off') || [...analysis.assessments.values()].some((a) => a.unknown.length > 0);
    process.stdout.write(flags.format === 'json' ? `${JSON.stringify(scanJson(analysis, setupProblems))}\n` : scanTable(analysis, setupProblems));
    const found = analysis.packages.some((p) => p.active && compareLevels(analysis.assessments.get(packageKey(p))!.level, failOn) <= 0);
    return found ? 1 : incomplete ? 2 : 0;
  } finally {
    await sources.close();
  }
}

function settingsFrom(flags: Flags): SourceSettings {
  const pypi = flags['pypi-url']?.replace(/\/+$/, '');
  return {
    ...DEFAULT_SOURCE_SETTINGS,
    network: !flags['no-network'],
    osvUrl: flags['osv-url'] ?? null,
    indexUrl: flags['index-url'] ?? (pypi ? `${pypi}/simple/` : null),
    indexJsonUrl: flags['index-url'] ? null : pypi ? `${pypi}/pypi/` : null,
    indexToken: process.env.BEACHCOMBER_INDEX_TOKEN ?? null,
    offlineDb: flags['offline-db'] ?? null,
    health: !flags['no-health'],
    depsDev: !flags['no-deps-dev'],
    depsDevUrl: flags['deps-dev-url'] ?? null,
    scorecard: !flags['no-scorecard'],
    scorecardUrl: flags['scorecard-url'] ?? null,
    provenance: !flags['no-provenance'],
    backendUrl: flags.backend ?? null,
    backendToken: process.env.BEACHCOMBER_TOKEN ?? null,
    cacheDir: flags['no-cache'] ? '' : (flags['cache-dir'] ?? null),
    proxy: flags.proxy ?? null,
  };
}

async function readTargets(targets: readonly string[]): Promise<ManifestRead[]> {
  const reads: ManifestRead[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    for (const root of await findManifestFiles(target)) {
      if (seen.has(root)) continue;
      seen.add(root);
      reads.push({ root, files: await readManifest(root, diskFileSource, { env: process.env, probe: diskProbe }) });
    }
  }
  return reads;
}

/** beachcomber.toml beside (or in) each target: the team's decisions kept in the repository. */
async function decisionsFor(targets: readonly string[]): Promise<Decision[]> {
  const out: Decision[] = [];
  for (const target of targets) {
    for (const path of [join(target, DECISIONS_FILE), join(dirname(target), DECISIONS_FILE)]) {
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text == null) continue;
      out.push(...readDecisions(text, path).decisions);
      break;
    }
  }
  return out;
}

/** The JSON shape other tools rely on: change with care (issue 3 §5). */
export function scanJson(analysis: Analysis, problems: readonly string[] = []): unknown {
  return {
    packages: analysis.packages.map((p) => packageJson(p, analysis.assessments.get(packageKey(p))!)),
    sources: analysis.sources.map((s) => ({ name: s.name, status: s.status, detail: s.detail })),
    projects: analysis.projects.map((p) => ({ path: p.id, graph: p.graph.label })),
    problems,
  };
}

function packageJson(p: PackageUse, a: Assessment): unknown {
  return {
    name: p.name,
    version: p.version,
    direct: p.direct,
    active: p.active,
    groups: p.groups,
    level: a.level,
    advisories: a.advisories.map((x) => ({ id: x.id, aliases: x.aliases, severity: x.severity.level, summary: x.summary, fixed: x.fixed })),
    signals: a.signals.map((s) => ({ kind: s.kind, level: s.level, reason: s.reason, source: s.source, ...(s.accepted ? { accepted: true } : {}) })),
    nearestSafe: a.nearestSafe,
    actions: a.actions,
    decision: a.decision ? { action: a.decision.action, reason: a.decision.reason, author: a.decision.author, until: a.decision.until } : null,
    paths: p.paths,
  };
}

function scanTable(analysis: Analysis, setupProblems: readonly string[]): string {
  const lines: string[] = [];
  const rows = analysis.packages
    .map((p) => ({ p, a: analysis.assessments.get(packageKey(p))! }))
    .sort((x, y) => compareLevels(x.a.level, y.a.level) || x.p.name.localeCompare(y.p.name));
  const counts = new Map<RiskLevel, number>();
  for (const { p, a } of rows) if (p.active) counts.set(a.level, (counts.get(a.level) ?? 0) + 1);
  lines.push(`${analysis.packages.length} packages in ${analysis.projects.length} project(s): ${RISK_LEVELS.filter((l) => counts.has(l)).map((l) => `${counts.get(l)} ${l}`).join(', ')}`);
  for (const { p, a } of rows) {
    if (a.level === 'none' || (a.level === 'info' && !a.decision)) continue;
    const where = p.direct ? 'direct' : p.paths[0] ? `via ${p.paths[0].slice(0, -1).join(' → ')}` : 'transitive';
    lines.push(`${a.level.toUpperCase().padEnd(8)} ${p.name} ${p.version}  (${where}${p.active ? '' : ', inactive for the target'})`);
    for (const x of a.advisories) lines.push(`           ${x.id}${x.aliases.length ? ` (${x.aliases.slice(0, 2).join(', ')})` : ''} ${x.severity.level}: ${x.summary.slice(0, 100)}${x.fixedAbove ? ` — fixed in ${x.fixedAbove}` : ' — no fix'}`);
    for (const s of a.signals.filter((s) => s.kind !== 'vulnerable' && s.kind !== 'malicious')) lines.push(`           ${s.kind} (${s.level}, ${s.source}): ${s.reason}`);
    if (a.nearestSafe) lines.push(`           nearest safe version: ${a.nearestSafe}`);
    if (a.decision) lines.push(`           decision: ${a.decision.action}${a.decision.until ? ` until ${a.decision.until}` : ""} by ${a.decision.author} (${a.decision.origin}): ${a.decision.reason}`);
  }
  lines.push('sources:');
  for (const s of analysis.sources) lines.push(`  ${s.name.padEnd(10)} ${s.status.padEnd(12)} ${s.detail}`);
  for (const problem of setupProblems) lines.push(`  problem: ${problem}`);
  return `${lines.join('\n')}\n`;
}
