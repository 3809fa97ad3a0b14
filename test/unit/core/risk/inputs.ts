/** Hand-made inputs for the risk tests: a project, releases, Scorecard results, records, decisions. */
import type { OsvRecord } from '../../../../src/core/model/advisory';
import type { ProjectInfo, ReleaseSummary, Scorecard } from '../../../../src/core/model/package-info';
import type { Decision } from '../../../../src/core/model/risk';
import type { AssessInput } from '../../../../src/core/risk/assess';

export const NOW = Date.parse('2025-06-01T00:00:00Z');

export function release(version: string, uploadTime: string | null = '2025-01-01T00:00:00Z', yanked = false, yankedReason: string | null = null): ReleaseSummary {
  return { version, uploadTime, yanked, yankedReason, requiresPython: null, hasMetadataFile: true };
}

export function project(name: string, releases: readonly ReleaseSummary[], extra: Partial<ProjectInfo> = {}): ProjectInfo {
  return {
    name, displayName: name, releases, latest: releases[releases.length - 1]?.version ?? null, status: 'active', statusReason: null,
    summary: null, license: 'MIT', projectUrls: {}, author: null, maintainers: [], ...extra,
  };
}

export function scorecard(checks: Record<string, number>): Scorecard {
  return {
    repository: 'github.com/example/pkg', date: '2025-05-01', score: 5,
    checks: Object.entries(checks).map(([name, score]) => ({ name, score, reason: `${name} scored ${score}` })),
  };
}

export function vuln(id: string, name: string, events: Record<string, string>[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, modified: '2025-01-01T00:00:00Z', summary: `${id} summary`, affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events }] }], ...extra };
}

export function decision(extra: Partial<Decision>): Decision {
  return { package: 'pkg', action: 'accept', reason: 'reviewed', author: 'Jane Doe', until: null, replacement: null, versions: null, advisory: null, origin: 'repo', created: null, ...extra };
}

/** pkg 1.0 .. 2.0 with a healthy project; tests override what they examine. */
export function input(extra: Partial<AssessInput> = {}): AssessInput {
  return {
    name: 'pkg',
    version: '1.0',
    advisories: { status: 'ok', value: [] },
    advisorySource: 'osv',
    project: { status: 'ok', value: project('pkg', [release('1.0', '2024-06-01T00:00:00Z'), release('1.1'), release('2.0')]) },
    now: NOW,
    ...extra,
  };
}
