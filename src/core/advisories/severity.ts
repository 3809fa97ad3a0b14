/**
 * How bad an advisory is. OSV gives CVSS vectors, never scores (the `score` field holds the vector
 * string), so the base score is computed with ae-cvss-calculator (FIRST's formulas for v2, v3.0,
 * v3.1 and v4.0). Vectors are untrusted: one that lacks a base metric or carries an unknown value
 * is ignored rather than scored as 0, which the library would do.
 */
import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import type { OsvRecord, OsvSeverity, RiskLevel, Severity } from '../model/advisory';
import { entriesFor } from './match';

/** Every base metric a vector must name, with its allowed values (FIRST specifications). */
const V2_METRICS = { AV: 'LAN', AC: 'HML', Au: 'MSN', C: 'NPC', I: 'NPC', A: 'NPC' };
const V3_METRICS = { AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'HLN', I: 'HLN', A: 'HLN' };
const V4_METRICS = { AV: 'NALP', AC: 'LH', AT: 'NP', PR: 'NLH', UI: 'NPA', VC: 'HLN', VI: 'HLN', VA: 'HLN', SC: 'HLN', SI: 'HLN', SA: 'HLN' };

/** The newest CVSS version is preferred, as GitHub shows it: v4 scores are the better model. */
const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/** GHSA's own label (`database_specific.severity`), used when no vector scores. */
const GHSA_LEVELS: Readonly<Record<string, RiskLevel>> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

/**
 * When nothing rates the advisory (most PYSEC records carry no severity at all), it is treated as
 * medium: it does affect the version in use, so it must rank above info, and `unknown` means "a
 * source did not answer", which is not the case. `type: null` tells the reader it was not rated.
 */
export const UNRATED: Severity = { level: 'medium', score: null, vector: null, type: null };

/** CVSS v3.1 / v4.0 qualitative rating scale. */
export function levelFromScore(score: number): RiskLevel {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

/** The CVSS base score of a vector (CVSS-B for v4.0), or null when the vector is unusable. */
export function cvssBaseScore(vector: string): number | null {
  const text = vector.trim().replace(/^\((.*)\)$/, '$1');
  try {
    if (text.startsWith('CVSS:4.0/')) return complete(text, V4_METRICS) ? score(new Cvss4P0(text).calculateScores().baseMetricsOnly) : null;
    if (text.startsWith('CVSS:3.1/')) return complete(text, V3_METRICS) ? score(new Cvss3P1(text).calculateScores().base) : null;
    if (text.startsWith('CVSS:3.0/')) return complete(text, V3_METRICS) ? score(new Cvss3P0(text).calculateScores().base) : null;
    if (text.startsWith('AV:')) return complete(text, V2_METRICS) ? score(new Cvss2(text).calculateScores().base) : null;
  } catch (_error) {
    // The library rejects some malformed optional metrics by throwing: such a vector is unusable.
  }
  return null;
}

function score(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Every base metric present exactly once with an allowed value; other metrics are left to the library. */
function complete(vector: string, metrics: Readonly<Record<string, string>>): boolean {
  const seen = new Map<string, string>();
  for (const part of vector.split('/').slice(vector.startsWith('CVSS:') ? 1 : 0)) {
    const [key, value, ...rest] = part.split(':');
    if (key === undefined || value === undefined || rest.length > 0 || seen.has(key)) return false;
    seen.set(key, value);
  }
  return Object.entries(metrics).every(([key, allowed]) => {
    const value = seen.get(key);
    return value !== undefined && value.length === 1 && allowed.includes(value);
  });
}

/**
 * The severity of a record for one package: the package's own `affected[].severity` when given
 * (the schema then forbids the top-level one), else the record's; the newest scorable CVSS
 * version wins; then GHSA's label; then UNRATED. Malicious packages are critical whatever the
 * record says: installing one runs the attacker's code.
 */
export function severityOf(record: OsvRecord, name: string, malicious = false): Severity {
  if (malicious) return { level: 'critical', score: null, vector: null, type: 'MALICIOUS' };
  const fromVector = vectorSeverity(severitiesFor(record, name));
  if (fromVector) return fromVector;
  return labelSeverity(record) ?? UNRATED;
}

function severitiesFor(record: OsvRecord, name: string): readonly OsvSeverity[] {
  const own = entriesFor(record, name).flatMap((entry) => (Array.isArray(entry.severity) ? entry.severity : []));
  if (own.length > 0) return own;
  return Array.isArray(record.severity) ? record.severity : [];
}

function vectorSeverity(severities: readonly OsvSeverity[]): Severity | null {
  for (const type of PREFERENCE) {
    for (const item of severities) {
      if (item?.type !== type || typeof item.score !== 'string') continue;
      const base = cvssBaseScore(item.score);
      if (base != null) return { level: levelFromScore(base), score: base, vector: item.score, type };
    }
  }
  return null;
}

function labelSeverity(record: OsvRecord): Severity | null {
  const label = record.database_specific?.['severity'];
  if (typeof label !== 'string') return null;
  const level = GHSA_LEVELS[label.toUpperCase()];
  return level ? { level, score: null, vector: null, type: label.toUpperCase() } : null;
}
