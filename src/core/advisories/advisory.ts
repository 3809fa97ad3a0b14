/**
 * One OSV record as it concerns one package at one version: the view the risk model, the hover
 * and the scan output show. Record text is untrusted and is passed on as plain strings.
 */
import type { Advisory, OsvRecord, Severity } from '../model/advisory';
import { fixedAbove, fixedVersions, uniqueSorted } from './fixed';
import { severityOf } from './severity';

/**
 * ossf/malicious-packages publishes `MAL-` ids and marks its records with
 * `database_specific["malicious-packages-origins"]`; GHSA and OSV re-publish them under other ids
 * with a `MAL-` alias.
 */
export function isMalicious(record: OsvRecord): boolean {
  if (record.id.startsWith('MAL-')) return true;
  if (stringList(record.aliases).some((alias) => alias.startsWith('MAL-'))) return true;
  return record.database_specific?.['malicious-packages-origins'] !== undefined;
}

export function advisoryUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

export function toAdvisory(record: OsvRecord, name: string, version: string): Advisory {
  const malicious = isMalicious(record);
  return {
    id: record.id,
    aliases: stringList(record.aliases).filter((alias) => alias !== record.id),
    summary: summaryOf(record),
    modified: record.modified,
    published: typeof record.published === 'string' ? record.published : null,
    severity: severityOf(record, name, malicious),
    fixed: fixedVersions(record, name),
    fixedAbove: fixedAbove(record, name, version),
    malicious,
    references: referencesOf(record),
    url: advisoryUrl(record.id),
  };
}

/** The summary, or the first line of the details when a record has none (many PYSEC records). */
function summaryOf(record: OsvRecord): string {
  if (typeof record.summary === 'string' && record.summary.trim() !== '') return record.summary.trim();
  const details = typeof record.details === 'string' ? record.details.trim() : '';
  const firstLine = details.split('\n')[0] ?? '';
  return firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
}

function referencesOf(record: OsvRecord): Advisory['references'] {
  const references = Array.isArray(record.references) ? record.references : [];
  return references.filter((ref) => typeof ref?.url === 'string' && typeof ref.type === 'string').map((ref) => ({ type: ref.type, url: ref.url }));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * One advisory per vulnerability: a PYSEC and a GHSA record describing the same CVE are aliases of
 * one another (OSV aliases are symmetric and transitive), so records sharing any id or alias form
 * one group, shown once as its richest member with the union of the group's aliases, references
 * and fixed versions. Order follows the first member of each group.
 */
export function dedupeAdvisories(advisories: readonly Advisory[]): Advisory[] {
  const groups: Advisory[][] = [];
  const groupOf = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    const ids = [advisory.id, ...advisory.aliases];
    const joined = [...new Set(ids.map((id) => groupOf.get(id)).filter((group): group is Advisory[] => group !== undefined))];
    const group = joined[0] ?? [];
    if (joined.length === 0) groups.push(group);
    for (const other of joined.slice(1)) {
      group.push(...other);
      groups.splice(groups.indexOf(other), 1);
    }
    group.push(advisory);
    for (const member of group) for (const id of [member.id, ...member.aliases]) groupOf.set(id, group);
  }
  return groups.map(mergeGroup);
}

function mergeGroup(group: readonly Advisory[]): Advisory {
  const richest = [...group].sort(byRichness)[0]!;
  const ids = new Set(group.flatMap((advisory) => [advisory.id, ...advisory.aliases]));
  ids.delete(richest.id);
  const urls = new Set<string>();
  const references = group.flatMap((advisory) => advisory.references).filter((ref) => !urls.has(ref.url) && urls.add(ref.url));
  return {
    ...richest,
    aliases: [...ids].sort(),
    references,
    malicious: group.some((advisory) => advisory.malicious),
    fixed: uniqueSorted(group.flatMap((advisory) => advisory.fixed)),
    fixedAbove: highestFixedAbove(group),
  };
}

/** Records of one vulnerability may disagree on the fix: only the highest one escapes them all. */
function highestFixedAbove(group: readonly Advisory[]): string | null {
  const known = uniqueSorted(group.map((advisory) => advisory.fixedAbove).filter((fix): fix is string => fix != null));
  return known[known.length - 1] ?? null;
}

/**
 * Richest first: malicious (never hidden behind a plain record), a computed CVSS score, a
 * database's severity label, more fixed versions, more references; then GHSA before PYSEC before
 * others (GHSA records are reviewed and carry severities), then by id for a stable answer.
 */
function byRichness(a: Advisory, b: Advisory): number {
  return (
    Number(b.malicious) - Number(a.malicious) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.fixed.length - a.fixed.length ||
    b.references.length - a.references.length ||
    prefixRank(a.id) - prefixRank(b.id) ||
    a.id.localeCompare(b.id)
  );
}

function severityRank(severity: Severity): number {
  if (severity.score != null) return 2;
  return severity.type != null ? 1 : 0;
}

function prefixRank(id: string): number {
  const order = ['MAL-', 'GHSA-', 'PYSEC-'];
  const index = order.findIndex((prefix) => id.startsWith(prefix));
  return index < 0 ? order.length : index;
}
