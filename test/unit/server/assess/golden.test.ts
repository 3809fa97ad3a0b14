/**
 * Assessments on real data: the corpus's PyPA advisory database imported into the mirror, and the
 * advisories the server finds for every (name, version) of the golden answers compared with them.
 */
import { strict as assert } from 'node:assert';
import type { AssessResponse } from '../../../../src/protocol/assessment';
import { describeCorpus } from '../../../helpers/corpus';
import { testServer, type TestServer } from '../helpers/app';
import { goldenAnswers, importCorpus } from '../helpers/corpus-mirror';
import { describeStores } from '../helpers/stores';

describeCorpus('assessments against the golden OSV answers', () => {
  describeStores('mirror of osv/pypa-advisories.jsonl', (ctx) => {
    let server: TestServer;
    before(async function () {
      this.timeout(120_000);
      const report = await importCorpus(ctx.store());
      assert.equal(report.status, 'ok', report.detail);
      assert.equal(report.written, 2661);
      server = await testServer(ctx.store());
    });
    after(async () => server?.stop());

    it('finds exactly the golden records for all 9,451 (name, version) pairs', async function () {
      this.timeout(120_000);
      const golden = goldenAnswers();
      assert.equal(golden.length, 9451);
      let agree = 0;
      const disagreements: string[] = [];
      for (let start = 0; start < golden.length; start += 5000) {
        const chunk = golden.slice(start, start + 5000);
        const { entries } = await server.ctx.assessor.assess(chunk.map((g) => ({ ecosystem: 'PyPI', name: g.name, version: g.version })));
        chunk.forEach((g, i) => {
          const found = [...entries[i]!.recordIds].sort();
          if (JSON.stringify(found) === JSON.stringify([...g.ids].sort())) agree++;
          else disagreements.push(`${g.name} ${g.version}: ${found.join(',')} ≠ ${g.ids.join(',')}`);
        });
      }
      console.log(`      golden agreement: ${agree}/${golden.length}`);
      assert.deepEqual(disagreements.slice(0, 10), []);
      assert.equal(agree, 9451);
    });

    it('answers over HTTP with the advisories, their fixes and the level, for known pairs', async () => {
      const res = await server.request('POST', '/v1/assessments', {
        token: server.tokens.reader,
        body: {
          packages: [
            { ecosystem: 'PyPI', name: 'AccessControl', version: '4.0' },
            { ecosystem: 'PyPI', name: 'accesscontrol', version: '4.3' },
            { ecosystem: 'PyPI', name: 'jinja2', version: '2.4.1' },
          ],
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<AssessResponse>();
      assert.equal(body.mirror.state, 'ready');
      assert.equal(body.mirror.records, 2661);
      const [vulnerable, fixed, jinja] = body.assessments;
      assert.equal(vulnerable!.name, 'accesscontrol');
      const ids = vulnerable!.advisories.flatMap((a) => [a.id, ...a.aliases]);
      assert.ok(ids.includes('PYSEC-2021-335') && ids.includes('PYSEC-2021-370'), ids.join());
      assert.ok(vulnerable!.advisories.every((a) => a.fixedAbove === '4.3'), JSON.stringify(vulnerable!.advisories.map((a) => a.fixedAbove)));
      assert.ok(['critical', 'high', 'medium', 'low'].includes(vulnerable!.level), vulnerable!.level);
      assert.deepEqual(vulnerable!.unknown, []);
      assert.deepEqual(fixed!.advisories, []);
      assert.equal(fixed!.level, 'none');
      assert.ok(jinja!.advisories.length > 0);
      assert.equal(body.records, undefined);
    });
  });
});
