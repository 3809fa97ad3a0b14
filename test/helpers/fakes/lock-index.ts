/**
 * A fake index made from a corpus uv.lock, for resolving a project against exactly the versions
 * its lock lists, and the lock's own answer to compare with. uv.lock records no Requires-Dist for
 * registry packages, so each release's is synthesized from the lock's edges: base dependencies
 * with their markers, `[package.optional-dependencies]` under `extra == "<name>"`, requested extras
 * as `name[extra]`, and `==version` where the lock's edge names one of several versions (uv's
 * forks). Workspace members are served as if published, from the requires-dist the lock keeps for
 * them. Real file names, sizes, hashes and upload times come along; wheels offer `.metadata`.
 *
 * uv writes conflicting extras and groups into markers as `extra == 'group-11-pydantic-ai-dev'`, a
 * choice no published metadata can carry; the fake fixes it from `conflictChoices`, turning each
 * such atom into a constant (`python_full_version >= '0'` holds, `< '0'` does not).
 *
 * uv.lock keeps no Requires-Python per release either. Where a forked version's
 * `resolution-markers` speak of the Python version alone and admit every Python from some 3.N up
 * (myst-parser 5.0.0: `== '3.11.*'`, `>= '3.12'`…), the fake serves `Requires-Python: >=3.N`, the
 * lock's own statement of which Pythons that release is for.
 */
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { environmentFor, evaluateMarker, type MarkerEnvironment } from '../../../src/core/pep508/markers';
import { parseMarker } from '../../../src/core/pep508/requirement';
import { readCorpus } from '../corpus';
import { projectFromRaw, type FakeProject, type RawFile, type RawRelease } from './pypi-data';

type Table = Record<string, unknown>;

interface LockEdge {
  readonly name: string;
  readonly version?: string;
  readonly extra?: readonly string[];
  readonly marker?: string;
}

interface LockPackage {
  readonly name: string;
  readonly version?: string;
  readonly source: Table;
  readonly dependencies?: readonly LockEdge[];
  readonly 'optional-dependencies'?: Readonly<Record<string, readonly LockEdge[]>>;
  readonly 'dev-dependencies'?: Readonly<Record<string, readonly LockEdge[]>>;
  readonly 'resolution-markers'?: readonly string[];
  readonly metadata?: { readonly 'requires-dist'?: readonly Table[]; readonly 'provides-extras'?: readonly string[] };
  readonly sdist?: Table;
  readonly wheels?: readonly Table[];
}

export interface LockIndexOptions {
  /** Conflict names (`group-11-pydantic-ai-dev`) taken as chosen; every other one as not. */
  readonly conflictChoices?: readonly string[];
  /** Versions for workspace members the lock lists without one (a dynamic version). */
  readonly memberVersions?: Readonly<Record<string, string>>;
}

const TRUE = "python_full_version >= '0'";
const FALSE = "python_full_version < '0'";

export function readLock(...path: string[]): LockPackage[] {
  return ((getStaticTOMLValue(parseTOML(readCorpus(...path))) as Table)['package'] ?? []) as LockPackage[];
}

export function isMember(pkg: LockPackage): boolean {
  return 'editable' in pkg.source || 'virtual' in pkg.source || 'directory' in pkg.source;
}

/** Every registry package and workspace member of the lock, as the fake index serves them. */
export function lockIndexProjects(path: readonly string[], options: LockIndexOptions = {}): FakeProject[] {
  const choices = new Set(options.conflictChoices ?? []);
  const byName = new Map<string, RawRelease[]>();
  for (const pkg of readLock(...path)) {
    const release = isMember(pkg) ? memberRelease(pkg, options) : 'registry' in pkg.source ? registryRelease(pkg, choices) : null;
    if (release) byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), release]);
  }
  return [...byName].map(([name, releases]) => projectFromRaw({ name, summary: `${name} (from a corpus uv.lock)`, releases }));
}

function registryRelease(pkg: LockPackage, choices: ReadonlySet<string>): RawRelease {
  const requiresDist = (pkg.dependencies ?? []).map((edge) => edgeText(edge, null, choices));
  for (const [extra, edges] of Object.entries(pkg['optional-dependencies'] ?? {})) requiresDist.push(...edges.map((edge) => edgeText(edge, extra, choices)));
  const files = [pkg.sdist, ...(pkg.wheels ?? [])].filter((f): f is Table => f !== undefined).map(fileOf);
  const requiresPython = pythonFloor(pkg['resolution-markers'] ?? []);
  return { version: pkg.version!, files, requiresDist, providesExtra: Object.keys(pkg['optional-dependencies'] ?? {}), ...(requiresPython ? { requiresPython } : {}) };
}

const PYTHONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15', '3.16'];

/** `>=3.N` when markers on the Python version alone admit exactly the Pythons from 3.N up; else null. */
function pythonFloor(markers: readonly string[]): string | null {
  if (markers.length === 0 || !markers.every((m) => /^[\s()]*(python_full_version|python_version)\b[^']*'[^']*'(\s+(and|or)\s+[\s()]*(python_full_version|python_version)\b[^']*'[^']*'[\s()]*)*$/.test(m))) return null;
  const admitted = PYTHONS.map((python) => markers.some((m) => {
    const parsed = parseMarker(m);
    return parsed.ok && evaluateMarker(parsed.value, { env: environmentFor(python, 'linux'), extras: [], dependencyGroups: [] });
  }));
  const first = admitted.indexOf(true);
  if (first <= 0 || admitted.slice(first).includes(false)) return null;
  return `>=${PYTHONS[first]}`;
}

function memberRelease(pkg: LockPackage, options: LockIndexOptions): RawRelease {
  const version = pkg.version ?? options.memberVersions?.[pkg.name] ?? '0.0.0';
  const requiresDist = (pkg.metadata?.['requires-dist'] ?? []).map(metadataText);
  const filename = `${pkg.name.replace(/-/g, '_')}-${version}-py3-none-any.whl`;
  return { version, files: [{ filename, size: 1000, uploadTime: '2026-01-01T00:00:00Z' }], requiresDist, providesExtra: [...(pkg.metadata?.['provides-extras'] ?? [])] };
}

function edgeText(edge: LockEdge, extra: string | null, choices: ReadonlySet<string>): string {
  const extras = edge.extra && edge.extra.length > 0 ? `[${edge.extra.join(',')}]` : '';
  const pin = edge.version ? `==${edge.version}` : '';
  const own = edge.marker ? fixConflicts(edge.marker, choices) : null;
  const marker = extra == null ? own : own ? `(${own}) and extra == "${extra}"` : `extra == "${extra}"`;
  return `${edge.name}${extras}${pin}${marker ? ` ; ${marker}` : ''}`;
}

/** A requires-dist entry of a workspace member: a path or workspace source is served by name; a URL or git source stays one. */
function metadataText(entry: Table): string {
  const extras = Array.isArray(entry['extras']) && entry['extras'].length > 0 ? `[${(entry['extras'] as string[]).join(',')}]` : '';
  const url = typeof entry['url'] === 'string' ? entry['url'] : typeof entry['git'] === 'string' ? `git+${entry['git']}` : null;
  const specifier = url ? ` @ ${url}` : typeof entry['specifier'] === 'string' ? entry['specifier'] : '';
  const marker = typeof entry['marker'] === 'string' ? ` ; ${entry['marker']}` : '';
  return `${String(entry['name'])}${extras}${specifier}${marker}`;
}

export function fixConflicts(marker: string, choices: ReadonlySet<string>): string {
  return marker.replace(/extra\s*(==|!=)\s*'((?:extra|group)-\d+-[^']+)'/g, (_, op: string, name: string) => ((op === '==') === choices.has(name) ? TRUE : FALSE));
}

function fileOf(file: Table): RawFile {
  const url = String(file['url']);
  const upload = file['upload-time'];
  const uploadTime = upload instanceof Date ? upload.toISOString() : typeof upload === 'string' ? upload : '2020-01-01T00:00:00Z';
  return { filename: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)), size: Number(file['size'] ?? 0), uploadTime, sha256: String(file['hash'] ?? '').replace(/^sha256:/, '') };
}

export interface LockRoots {
  /** The workspace member whose requirements are the roots. */
  readonly project: string;
  /** Its main dependencies too (false when they are dynamic and the manifest does not list them). */
  readonly main: boolean;
  readonly extras: readonly string[];
  readonly groups: readonly string[];
}

/**
 * What `uv sync` installs from the lock for one environment: from the project's requested main
 * dependencies, extras and groups, every edge whose marker holds, each package with the extras
 * asked of it. Name → version; the project itself is left out.
 */
export function lockInstallSet(path: readonly string[], roots: LockRoots, env: MarkerEnvironment, conflictChoices: readonly string[] = []): Map<string, string> {
  const packages = readLock(...path);
  const holds = (marker: string | undefined): boolean => {
    if (!marker) return true;
    const parsed = parseMarker(marker);
    return !parsed.ok || evaluateMarker(parsed.value, { env, extras: [...conflictChoices], dependencyGroups: [] });
  };
  const project = packages.find((p) => p.name === roots.project)!;
  const start = [...(roots.main ? (project.dependencies ?? []) : []), ...roots.extras.flatMap((e) => project['optional-dependencies']?.[e] ?? []), ...roots.groups.flatMap((g) => project['dev-dependencies']?.[g] ?? [])];
  const installed = new Map<string, string>();
  const visited = new Set<string>();
  const queue = start.filter((e) => holds(e.marker));
  while (queue.length > 0) {
    const edge = queue.shift()!;
    const target = pick(packages, edge, holds);
    if (!target || target.name === roots.project) continue;
    installed.set(target.name, target.version ?? '0.0.0');
    for (const extra of ['', ...(edge.extra ?? [])]) {
      const key = `${target.name}@${target.version}[${extra}]`;
      if (visited.has(key)) continue;
      visited.add(key);
      const edges = extra === '' ? (target.dependencies ?? []) : (target['optional-dependencies']?.[extra] ?? []);
      queue.push(...edges.filter((e) => holds(e.marker)));
    }
  }
  return installed;
}

function pick(packages: readonly LockPackage[], edge: LockEdge, holds: (marker: string | undefined) => boolean): LockPackage | undefined {
  const named = packages.filter((p) => p.name === edge.name);
  if (edge.version) return named.find((p) => p.version === edge.version);
  return named.find((p) => (p['resolution-markers'] ?? []).some(holds)) ?? named[0];
}
