/**
 * The extension's settings as one typed object, built from raw values by pure normalisers so that
 * a typo in settings.json falls back to the default instead of breaking analysis. config.ts is the
 * only place that reads VS Code's configuration; this file knows no VS Code.
 */
import { RISK_LEVELS, type RiskLevel } from '../core/model/advisory';
import { environmentFor, type Platform, type TargetEnvironment } from '../core/pep508/markers';
import type { SourceSettings } from '../node/sources';

export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Levels a finding can have; `none` never makes a diagnostic. */
export type FindingLevel = Exclude<RiskLevel, 'none'>;

export interface IgnoredPackage {
  readonly package: string;
  readonly reason: string;
}

export interface IgnoredAdvisory {
  readonly id: string;
  readonly reason: string;
}

export interface DiagnosticSettings {
  readonly minimumLevel: FindingLevel;
  readonly directOnly: boolean;
  /** Group names as the core writes them: `main`, `group:<name>`, `extra:<name>`; empty = all. */
  readonly includeGroups: readonly string[];
  readonly excludeGroups: readonly string[];
  readonly severity: Readonly<Record<FindingLevel, DiagnosticSeverityName>>;
}

export interface Settings {
  /** Everything createSources needs except what the extension owns (token, cache folder). */
  readonly sources: Omit<SourceSettings, 'backendToken' | 'cacheDir'>;
  readonly diagnostics: DiagnosticSettings;
  readonly target: { readonly pythonVersion: string; readonly platform: Platform };
  readonly ignore: { readonly packages: readonly IgnoredPackage[]; readonly advisories: readonly IgnoredAdvisory[] };
}

/** Raw values by key (without the `beachcomber.` prefix), as config.ts found them. */
export type RawSettings = Readonly<Record<string, unknown>>;

/**
 * Keys whose value decides where requests go or what they carry. They are machine-scoped in
 * package.json, and config.ts reads them from user (or remote machine) settings only, so that a
 * workspace can never point the extension, or the team token, at another server.
 */
export const REQUEST_KEYS: readonly string[] = [
  'osv.url',
  'index.url',
  'index.jsonUrl',
  'offlineDatabase',
  'depsDev.url',
  'scorecard.url',
  'backend.url',
  'http.proxy',
];

export const DEFAULT_SEVERITY: Readonly<Record<FindingLevel, DiagnosticSeverityName>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'information',
  info: 'hint',
  unknown: 'warning',
};

const PLATFORMS: readonly Platform[] = ['linux', 'macos', 'windows'];
const SEVERITIES: readonly DiagnosticSeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

export function settingsFrom(raw: RawSettings): Settings {
  return {
    sources: {
      network: bool(raw['network'], true),
      osvUrl: url(raw['osv.url']),
      indexUrl: url(raw['index.url']),
      indexJsonUrl: url(raw['index.jsonUrl']),
      indexToken: null,
      offlineDb: text(raw['offlineDatabase']),
      offlineMaxAgeDays: 30,
      health: bool(raw['signals.health'], true),
      provenance: bool(raw['signals.provenance'], true),
      depsDev: bool(raw['signals.depsDev'], true),
      depsDevUrl: url(raw['depsDev.url']),
      scorecard: bool(raw['signals.scorecard'], true),
      scorecardUrl: url(raw['scorecard.url']),
      backendUrl: url(raw['backend.url']),
      proxy: url(raw['http.proxy']),
      caBundle: null,
    },
    diagnostics: {
      minimumLevel: level(raw['diagnostics.minimumLevel'], 'info'),
      directOnly: bool(raw['diagnostics.directOnly'], false),
      includeGroups: groups(raw['diagnostics.includeGroups']),
      excludeGroups: groups(raw['diagnostics.excludeGroups']),
      severity: severityMap(raw['diagnostics.severity']),
    },
    target: {
      pythonVersion: pythonVersion(raw['target.pythonVersion']),
      platform: PLATFORMS.includes(raw['target.platform'] as Platform) ? (raw['target.platform'] as Platform) : 'linux',
    },
    ignore: { packages: ignoredPackages(raw['ignore.packages']), advisories: ignoredAdvisories(raw['ignore.advisories']) },
  };
}

export function targetOf(settings: Settings): TargetEnvironment {
  return { env: environmentFor(settings.target.pythonVersion, settings.target.platform), extras: [], dependencyGroups: [] };
}

/** "CPython 3.13 on linux", for messages about markers. */
export function targetLabel(settings: Settings): string {
  return `CPython ${settings.target.pythonVersion} on ${settings.target.platform}`;
}

/** What a change of settings invalidates: the sources (and every answer), or only the rendering. */
export function sourcesChanged(a: Settings, b: Settings): boolean {
  return JSON.stringify(a.sources) !== JSON.stringify(b.sources);
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Only http(s) URLs; anything else is ignored rather than sent to undici. */
function url(value: unknown): string | null {
  const candidate = text(value);
  if (candidate == null) return null;
  try {
    const parsed = new URL(candidate);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? candidate : null;
  } catch {
    return null;
  }
}

function level(value: unknown, fallback: FindingLevel): FindingLevel {
  return typeof value === 'string' && RISK_LEVELS.includes(value as RiskLevel) && value !== 'none' ? (value as FindingLevel) : fallback;
}

function pythonVersion(value: unknown): string {
  return typeof value === 'string' && /^3\.\d{1,2}(\.\d+)?$/.test(value.trim()) ? value.trim() : '3.13';
}

/** `dev` is taken as `group:dev`, the core's name for a dependency group. */
export function normalizeGroup(name: string): string {
  const trimmed = name.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'main' || trimmed === 'build-system' || trimmed.includes(':')) return trimmed;
  return `group:${trimmed}`;
}

function groups(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map(normalizeGroup);
}

/** The user's mapping over the defaults; `unknown` can never be switched off, since no answer is not "safe". */
function severityMap(value: unknown): Record<FindingLevel, DiagnosticSeverityName> {
  const out: Record<FindingLevel, DiagnosticSeverityName> = { ...DEFAULT_SEVERITY };
  if (value == null || typeof value !== 'object') return out;
  for (const [key, severity] of Object.entries(value as Record<string, unknown>)) {
    if (!(key in out) || !SEVERITIES.includes(severity as DiagnosticSeverityName)) continue;
    out[key as FindingLevel] = severity as DiagnosticSeverityName;
  }
  if (out.unknown === 'off') out.unknown = 'information';
  return out;
}

/**
 * An ignore list: each item a bare string or `{ <key>, reason }`; items without a usable value are
 * dropped (a typo quiets nothing).
 */
function ignoreList(value: unknown, key: 'package' | 'id'): { value: string; reason: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { value: string; reason: string }[] = [];
  for (const item of value) {
    const entry = item as Record<string, unknown> | null;
    const named = typeof item === 'string' ? item : entry?.[key];
    if (typeof named !== 'string' || named.trim() === '') continue;
    const reason = entry?.reason;
    out.push({ value: named.trim(), reason: typeof reason === 'string' ? reason : '' });
  }
  return out;
}

function ignoredPackages(value: unknown): IgnoredPackage[] {
  return ignoreList(value, 'package').map(({ value: name, reason }) => ({ package: name, reason }));
}

function ignoredAdvisories(value: unknown): IgnoredAdvisory[] {
  return ignoreList(value, 'id').map(({ value: id, reason }) => ({ id, reason }));
}
