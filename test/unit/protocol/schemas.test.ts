/**
 * The wire schemas agree with the wire types: a sample of every answer, typed by the protocol's
 * TypeScript types (so a new field must appear here), validates against its schema made strict
 * (no property the schema does not list). Requests the schemas must refuse are refused.
 */
import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import type { Advisory } from '../../../src/core/model/advisory';
import type { Health, Signal } from '../../../src/core/model/risk';
import {
  assessRequestSchema,
  assessResponseSchema,
  decisionHistorySchema,
  decisionInputSchema,
  inventorySchema,
  mirrorStatusSchema,
  readinessSchema,
  snapshotInputSchema,
  snapshotSchema,
  type AssessResponse,
  type DecisionHistory,
  type DecisionRecord,
  type Inventory,
  type MirrorStatus,
  type Readiness,
  type Snapshot,
} from '../../../src/protocol';

/** A copy of a schema in which every object schema admits only the properties it lists. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema == null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'enum' || key === 'required' ? value : strict(value);
  if ('properties' in copy && !('additionalProperties' in copy)) copy['additionalProperties'] = false;
  return copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });

function check(schema: object, sample: unknown): void {
  const validate = ajv.compile(strict(schema) as object);
  assert.ok(validate(sample), ajv.errorsText(validate.errors));
}

const advisory: Advisory = {
  id: 'PYSEC-2021-66', aliases: ['CVE-2020-28493'], summary: 'ReDoS', modified: '2021-07-05T00:01:22Z', published: null,
  severity: { level: 'medium', score: 5.3, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L', type: 'CVSS_V3' },
  fixed: ['2.11.3'], fixedAbove: '2.11.3', malicious: false, references: [{ type: 'WEB', url: 'https://example.org' }], url: 'https://osv.dev/vulnerability/PYSEC-2021-66',
};
const signal: Signal = { kind: 'vulnerable', level: 'medium', reason: 'r', evidence: ['e'], source: 'backend', advisoryId: 'PYSEC-2021-66', accepted: true };
const health: Health = {
  latest: '3.1.6', latestUploadTime: null, versionUploadTime: null, yanked: false, yankedReason: null, status: 'active',
  provenance: { trustedPublishing: true, publisher: { kind: 'GitHub', repository: 'o/r', workflow: 'release.yml', email: null }, filesWithProvenance: 2, files: 2 },
  scorecard: { repository: 'github.com/o/r', date: '2026-01-01', score: 7.1, checks: [{ name: 'Maintained', score: 10, reason: 'ok' }] },
  depsDev: { licenses: ['MIT'], sourceRepository: 'github.com/o/r', attestations: [{ type: 'SLSA', verified: true, sourceRepository: null }], advisoryIds: [], projectStatus: null, stars: 1, openIssues: 2, scorecard: null },
  license: 'MIT', repository: 'github.com/o/r', projectUrls: { Source: 'https://github.com/o/r' },
};
const mirror: MirrorStatus = {
  state: 'ready', records: 1, newestModified: '2024-01-01T00:00:00Z', lastImport: '2026-01-01T00:00:00.000Z',
  lastSync: { at: '2026-01-01T00:00:00.000Z', kind: 'sync', status: 'failed', detail: 'd', written: 0, skipped: 0 }, withdrawn: 0, packages: 1, syncUrl: null, syncIntervalSeconds: 0,
};
const decision: DecisionRecord = {
  id: 'd1', package: 'jinja2', action: 'accept', reason: 'r', replacement: null, versions: '<3', advisory: 'PYSEC-2021-66', expires: '2026-12-31', justification: 'code_not_reachable',
  author: 'a', created: '2026-01-01T00:00:00.000Z', updated: '2026-01-01T00:00:00.000Z', updatedBy: 'a', revision: 1, etag: '"d1.1"',
};

describe('protocol schemas', () => {
  it('describe every field of an assessment answer', () => {
    const { withdrawn: _w, packages: _p, syncUrl: _s, syncIntervalSeconds: _i, ...summary } = mirror;
    const answer: AssessResponse = {
      assessments: [{
        ecosystem: 'PyPI', name: 'jinja2', version: '2.10', level: 'medium', signals: [signal], advisories: [advisory], nearestSafe: '2.11.3', actions: ['fix'], health,
        decision: { package: 'jinja2', action: 'accept', reason: 'r', author: 'a', until: null, replacement: null, versions: null, advisory: null, origin: 'backend', created: null },
        unknown: [{ source: 'scorecard', detail: 'd' }],
      }],
      mirror: summary,
      records: { 'PYSEC-2021-66': { id: 'PYSEC-2021-66', modified: '2021-07-05T00:01:22Z', anything: 'kept' } as never },
    };
    check(assessResponseSchema, answer);
  });

  it('describe decisions, history, snapshots, the inventory, the mirror and readiness', () => {
    const history: DecisionHistory = { package: 'jinja2', events: [{ seq: 1, event: 'created', decisionId: 'd1', author: 'a', at: '2026-01-01T00:00:00.000Z', decision }] };
    check(decisionHistorySchema, history);
    const snapshot: Snapshot = { id: 'p', packages: 1, direct: 1, updated: 'u', updatedBy: 'a', source: null, snapshot: [{ name: 'x', version: '1', depth: 0, groups: [], paths: [['x']] }] };
    check(snapshotSchema, snapshot);
    const inventory: Inventory = {
      project: null, generated: 'g',
      rows: [{ name: 'x', author: null, version: '1', description: null, direct: true, depth: 0, licenses: [], purl: 'pkg:pypi/x@1', pypiUrl: 'u', vcsUrl: null, unpatchedAdvisories: [], trustedPublishing: null, maintenance: 'unknown', community: null, level: 'unknown', decision: null, projects: ['p'] }],
    };
    check(inventorySchema, inventory);
    check(mirrorStatusSchema, mirror);
    const readiness: Readiness = { status: 'ready', database: { status: 'ok', kind: 'pglite', detail: 'reachable' }, migrations: { applied: 1, expected: 1 }, mirror: null };
    check(readinessSchema, readiness);
  });

  it('refuse what the server must refuse', () => {
    const validate = (schema: object, body: unknown) => new Ajv({ strict: false }).compile(schema)(body);
    assert.equal(validate(assessRequestSchema, { packages: [{ ecosystem: 'PyPI', name: 'x', version: '1 2' }] }), false);
    assert.equal(validate(assessRequestSchema, { packages: [], include: ['everything'] }), false);
    assert.equal(validate(decisionInputSchema, { package: 'x', action: 'accept', reason: 'r', justification: 'because' }), false);
    assert.equal(validate(decisionInputSchema, { package: 'x', action: 'accept', reason: 'r', expires: 'tomorrow' }), false);
    assert.equal(validate(decisionInputSchema, { package: 'x', action: 'accept', reason: 'r', expires: '2026-12-31' }), true);
    assert.equal(validate(snapshotInputSchema, { packages: [{ name: 'x', version: '1', depth: 0, paths: [Array.from({ length: 101 }, () => 'p')] }] }), false);
  });
});
