import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, type Analysis } from '../../../../src/core/analyze';
import { buildProjects } from '../../../../src/core/graph/projects';
import { readManifest } from '../../../../src/core/manifests/registry';
import type { OsvRecord } from '../../../../src/core/model/advisory';
import type { ProjectInfo } from '../../../../src/core/model/package-info';
import { createOfflineAdvisoryDb } from '../../../../src/core/offline/db';
import { parseJsonLines } from '../../../../src/core/offline/records-text';
import { snapshotOf } from '../../../../src/core/offline/snapshot';
import { DEFAULT_TARGET } from '../../../../src/core/pep508/markers';
import { packageKey, type AdvisorySource, type Outcome, type PackageIndex, type PackageVersion } from '../../../../src/core/ports';
import { corpusPath, describeCorpus } from '../../../helpers/corpus';
import { diskFiles, memoryFiles } from '../../../helpers/files';

const clock = { now: () => Date.parse('2026-11-22T00:00:00Z') };

async function projectsOf(files: Record<string, string> | null, roots: readonly string[]) {
  const source = files ? memoryFiles(files) : diskFiles;
  const reads = await Promise.all(roots.map(async (root) => ({ root, files: await readManifest(root, source) })));
  return buildProjects(reads, DEFAULT_TARGET);
}

/** An advisory source that answers from a fixed table, and records what it was asked. */
function tableSource(records: Record<string, OsvRecord[]>, fail?: Outcome<never>): AdvisorySource & { asked: PackageVersion[][] } {
  const asked: PackageVersion[][] = [];
  return {
    name: 'osv',
    asked,
    async advisories(packages) {
      asked.push([...packages]);
      if (fail) return fail;
      return { status: 'ok', value: new Map(packages.filter((p) => p.name in records || !p.name.startsWith('unanswered')).map((p) => [packageKey(p), records[p.name] ?? []])) };
    },
  };
}

const VULN: OsvRecord = { id: 'PYSEC-0000-1', modified: '2024-01-01T00:00:00Z', summary: 'bad', affected: [{ package: { ecosystem: 'PyPI', name: 'alpha' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.5' }] }] }] };
const REQS = { '/w/requirements.txt': 'alpha==1.0\nbeta==2.0\nunanswered-gamma==3.0\n' };

describe('analyze', () => {
  it('streams: advisories first, then health; a vulnerable pin is high-or-worse with its fix', async () => {
    const projects = await projectsOf(REQS, ['/w/requirements.txt']);
    const phases: Analysis[] = [];
    const result = await analyze(projects, { advisories: tableSource({ alpha: [VULN], beta: [] }), clock }, {}, (a) => phases.push(a));
    assert.deepEqual(phases.map((p) => p.phase), ['advisories', 'done']);
    assert.equal(result, phases[1]);
    assert.deepEqual(result.packages.map((p) => [p.name, p.version, p.direct]), [['alpha', '1.0', true], ['beta', '2.0', true], ['unanswered-gamma', '3.0', true]]);
    const alpha = result.assessments.get('alpha@1.0')!;
    assert.deepEqual(alpha.advisories.map((a) => [a.id, a.fixedAbove]), [['PYSEC-0000-1', '1.5']]);
    assert.equal(alpha.level, 'medium', 'an unrated advisory counts as medium (docs/risk-model.md)');
    assert.equal(result.assessments.get('beta@2.0')!.level, 'none');
  });

  it('a package the source did not answer for is unknown, never clean, and the source says so', async () => {
    const projects = await projectsOf(REQS, ['/w/requirements.txt']);
    const result = await analyze(projects, { advisories: tableSource({ alpha: [], beta: [] }), clock });
    assert.equal(result.assessments.get('unanswered-gamma@3.0')!.level, 'unknown');
    assert.deepEqual(result.sources[0], { name: 'osv', status: 'unavailable', detail: 'no answer (1 of 3 unanswered)' });
    assert.deepEqual(result.sources.slice(1).map((s) => [s.name, s.status]), [['pypi', 'off'], ['deps.dev', 'off'], ['scorecard', 'off']]);
  });

  it('when the advisory source fails, every package is unknown', async () => {
    const projects = await projectsOf(REQS, ['/w/requirements.txt']);
    const result = await analyze(projects, { advisories: tableSource({}, { status: 'rate-limited', detail: 'HTTP 429', retryAfterMs: 5000 }), clock });
    assert.deepEqual([...result.assessments.values()].map((a) => a.level), ['unknown', 'unknown', 'unknown']);
    assert.equal(result.sources[0]!.status, 'rate-limited');
    assert.match(result.sources[0]!.detail, /HTTP 429/);
  });

  it('asks the index once per name; not on the index is a finding, an index outage is unknown', async () => {
    const projects = await projectsOf(REQS, ['/w/requirements.txt']);
    const asked: string[] = [];
    const info = (name: string): ProjectInfo => ({ name, displayName: name, releases: [{ version: '1.0', uploadTime: '2020-01-01T00:00:00Z', yanked: true, yankedReason: 'broken', requiresPython: null, hasMetadataFile: false }, { version: '1.5', uploadTime: '2021-01-01T00:00:00Z', yanked: false, yankedReason: null, requiresPython: null, hasMetadataFile: false }], latest: '1.5', status: 'active', statusReason: null, summary: null, license: null, projectUrls: {}, author: null, maintainers: [] });
    const index: PackageIndex = {
      async project(name) {
        asked.push(name);
        if (name === 'alpha') return { status: 'ok', value: info(name) };
        if (name === 'beta') return { status: 'unavailable', detail: 'pypi.org: 404', notFound: true };
        return { status: 'unavailable', detail: 'pypi.org: connection reset' };
      },
      release: async () => ({ status: 'unavailable', detail: 'not asked' }),
      provenance: async () => ({ status: 'unavailable', detail: 'no provenance', notFound: true }),
    };
    const result = await analyze(projects, { advisories: tableSource({ alpha: [], beta: [], 'unanswered-gamma': [] }), index, clock });
    assert.deepEqual(asked.sort(), ['alpha', 'beta', 'unanswered-gamma']);
    const kinds = (key: string) => result.assessments.get(key)!.signals.map((s) => s.kind);
    assert.ok(kinds('alpha@1.0').includes('yanked'));
    assert.ok(kinds('beta@2.0').includes('not-on-index'));
    assert.deepEqual(result.assessments.get('unanswered-gamma@3.0')!.unknown, [{ source: 'pypi', detail: 'pypi.org: connection reset' }]);
    assert.equal(result.sources.find((s) => s.name === 'pypi')!.status, 'unavailable');
  });

  it('re-asks only packages it has no complete answer for', async () => {
    const projects = await projectsOf(REQS, ['/w/requirements.txt']);
    const source = tableSource({ alpha: [VULN], beta: [] });
    const first = await analyze(projects, { advisories: source, clock });
    const edited = await projectsOf({ '/w/requirements.txt': 'alpha==1.0\nbeta==2.1\nunanswered-gamma==3.0\n' }, ['/w/requirements.txt']);
    await analyze(edited, { advisories: source, clock }, { previous: first });
    assert.deepEqual(source.asked[1]!.map(packageKey), ['beta@2.1', 'unanswered-gamma@3.0']);
  });
});

describeCorpus('analyze on real data', () => {
  it("sentry's 128 frozen pins against the PyPA advisory database", async () => {
    const { records } = parseJsonLines(readFileSync(corpusPath('osv/pypa-advisories.jsonl'), 'utf8'));
    const db = createOfflineAdvisoryDb(snapshotOf(records, 'corpus', clock.now()), { clock });
    const projects = await projectsOf(null, [corpusPath('sentry/requirements-frozen.txt')]);
    const result = await analyze(projects, { advisories: db, clock });
    assert.equal(result.packages.length, 128);
    const affected = [...result.assessments.values()].filter((a) => a.advisories.length > 0);
    assert.equal(affected.length, 11);
    assert.equal(affected.reduce((n, a) => n + a.advisories.length, 0), 16);
    // Without an index, the fix is the smallest fixed version that no known record affects.
    const certifi = result.assessments.get('certifi@2022.5.18.1')!;
    assert.deepEqual(certifi.advisories.map((a) => [a.id, a.fixedAbove]), [['PYSEC-2022-42986', '2022.12.7'], ['PYSEC-2023-135', '2023.7.22']]);
    assert.equal(certifi.nearestSafe, '2023.7.22');
    assert.deepEqual(certifi.actions, ['fix']);
    assert.equal(result.sources[0]!.name, 'offline-db');
  });
});
