/**
 * The team backend as an AdvisorySource: one POST /v1/assessments per 5,000 packages answers from
 * the server's own OSV mirror, with the raw records included so that the rest of the scan works on
 * OSV records as with any other source. A package the backend could not assess is left out of the
 * map (the port's "not answered": unknown, never clean); when its mirror was never imported the
 * whole answer is a failure, since no package could be vouched for.
 */
import { isAffected } from '../../core/advisories/match';
import type { Advisory, OsvRecord } from '../../core/model/advisory';
import { packageKey, type AdvisorySource, type Outcome, type PackageVersion } from '../../core/ports';
import { MAX_ASSESSMENT_BATCH, PYPI } from '../../protocol/common';
import type { BackendClient } from './client';

/**
 * Every record behind the package's advisories: each advisory's own, and those of its aliases the
 * answer carries (an advisory may stand for several records describing one vulnerability), kept
 * only when they do affect this package at this version.
 */
function recordsOf(advisories: readonly Advisory[], records: Readonly<Record<string, OsvRecord>>, asked: PackageVersion): OsvRecord[] | null {
  const found = new Map<string, OsvRecord>();
  for (const advisory of advisories) {
    const own = records[advisory.id];
    if (!own) return null;
    found.set(own.id, own);
    for (const alias of advisory.aliases) {
      const record = records[alias];
      if (record && isAffected(record, asked.name, asked.version)) found.set(record.id, record);
    }
  }
  return [...found.values()];
}

export class BackendAdvisorySource implements AdvisorySource {
  readonly name = 'backend' as const;

  constructor(private readonly client: BackendClient) {}

  async advisories(packages: readonly PackageVersion[]): Promise<Outcome<ReadonlyMap<string, readonly OsvRecord[]>>> {
    const result = new Map<string, readonly OsvRecord[]>();
    for (let start = 0; start < packages.length; start += MAX_ASSESSMENT_BATCH) {
      const chunk = packages.slice(start, start + MAX_ASSESSMENT_BATCH);
      const answer = await this.client.assess(chunk.map((p) => ({ ecosystem: PYPI, name: p.name, version: p.version })), ['records']);
      if (answer.status !== 'ok') return answer;
      const { assessments, mirror, records = {} } = answer.value;
      if (mirror.state !== 'ready') return { status: 'unavailable', detail: 'the backend has no advisory data: its OSV mirror is empty' };
      for (const [i, assessment] of assessments.entries()) {
        const asked = chunk[i]!;
        if (assessment.unknown.some((u) => u.source === 'backend')) continue;
        const found = recordsOf(assessment.advisories, records, asked);
        if (!found) return { status: 'invalid', detail: `the backend's answer for ${packageKey(asked)} lacks advisory records` };
        result.set(packageKey(asked), found);
      }
    }
    return { status: 'ok', value: result };
  }
}
