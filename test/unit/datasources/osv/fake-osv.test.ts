import { strict as assert } from 'node:assert';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { describeCorpus } from '../../../helpers/corpus';
import { FakeOsv } from '../../../helpers/fakes/osv';

// The fake must answer as OSV.dev does (risk-data-apis.md §1.2–1.5, §6.2), or client tests prove nothing.
describeCorpus('fakes/osv speaks OSV.dev\'s dialect', () => {
  let osv: FakeOsv;
  let http: HttpClient;

  before(async () => {
    osv = await new FakeOsv({ queryPageSize: 2 }).start();
    http = createHttpClient({ env: {}, sleep: async () => {}, retry: { attempts: 1 } });
  });

  after(async () => {
    await http.close();
    await osv.close();
  });

  async function post(path: string, json: unknown): Promise<[number, unknown]> {
    const outcome = await http.request({ url: `${osv.url}${path}`, method: 'POST', json });
    if (outcome.status !== 'ok') throw new Error(outcome.detail);
    return [outcome.value.status, JSON.parse(outcome.value.body.toString('utf8'))];
  }

  it('validates queries like parseQuery', async () => {
    assert.deepEqual(await post('/v1/query', { package: { name: 'jinja2', ecosystem: 'pypi' }, version: '2.10' }), [400, { code: 3, message: 'invalid ecosystem' }]);
    assert.deepEqual(await post('/v1/query', { package: { purl: 'pkg:pypi/jinja2@2.10' }, version: '2.10' }), [400, { code: 3, message: 'version specified in params and PURL query' }]);
    assert.deepEqual(await post('/v1/query', { package: { purl: 'pkg:pypi/jinja2', name: 'jinja2' } }), [400, { code: 3, message: 'name specified in a PURL query' }]);
    assert.deepEqual(await post('/v1/query', { package: { purl: 'pkg:npm/left-pad@1.0.0' } }), [200, {}]);
    assert.deepEqual(await post('/v1/query', { package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.32.3' }), [200, {}]);
    assert.deepEqual(await post('/v1/query', { package: { name: 'jinja2', ecosystem: 'PyPI' }, version: '2.10', page_token: 'bogus' }), [400, { code: 3, message: 'invalid cursor' }]);
  });

  it('pages a single query and matches purls and non-normalised names', async () => {
    const [status, first] = (await post('/v1/query', { package: { purl: 'pkg:pypi/Flask@0.12' } })) as [number, { vulns: { id: string }[]; next_page_token: string }];
    assert.equal(status, 200);
    assert.equal(first.vulns.length, 2);
    const [, second] = (await post('/v1/query', { package: { name: 'FLASK', ecosystem: 'PyPI' }, version: '0.12', page_token: first.next_page_token })) as [number, { vulns: { id: string }[]; next_page_token?: string }];
    assert.deepEqual([...first.vulns, ...second.vulns].map((v) => v.id), ['PYSEC-2018-66', 'PYSEC-2019-179', 'PYSEC-2023-62']);
    assert.equal(second.next_page_token, undefined, 'no empty token on the last page');
  });

  it('rejects batches over 1,000 and names the bad query\'s index', async () => {
    const queries = Array.from({ length: 1001 }, () => ({ package: { name: 'a', ecosystem: 'PyPI' }, version: '1' }));
    assert.deepEqual(await post('/v1/querybatch', { queries }), [400, { code: 3, message: 'too many queries' }]);
    assert.deepEqual(await post('/v1/querybatch', { queries: [queries[0], { package: { ecosystem: 'PyPI' }, version: '1' }] }), [400, { code: 3, message: 'error in query at index 1: rpc error: code = InvalidArgument desc = invalid query' }]);
    const [, batch] = await post('/v1/querybatch', { queries: [{ package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.32.3' }, { package: { name: 'flask', ecosystem: 'PyPI' }, version: '2.2.2' }] });
    assert.deepEqual(batch, { results: [{}, { vulns: [{ id: 'PYSEC-2023-62', modified: osv.records.get('PYSEC-2023-62')?.modified }] }] });
  });

  it('serves withdrawn records by id but never matches them, and answers 404s like OSV', async () => {
    const withdrawn = await http.request({ url: `${osv.url}/v1/vulns/PYSEC-2020-221` });
    assert.equal(withdrawn.status === 'ok' ? JSON.parse(withdrawn.value.body.toString('utf8')).withdrawn : null, '2023-05-30T03:49:00Z');
    assert.deepEqual(osv.affecting('ansible', '2.9.0').map((r) => r.id).includes('PYSEC-2020-221'), false);
    const missing = await http.request({ url: `${osv.url}/v1/vulns/pysec-2021-335` });
    assert.deepEqual(missing.status === 'ok' ? [missing.value.status, JSON.parse(missing.value.body.toString('utf8'))] : null, [404, { code: 5, message: 'Vulnerability not found' }]);
    const alias = osv.records.get('PYSEC-2021-335')?.aliases?.[0] as string;
    const byAlias = await http.request({ url: `${osv.url}/v1/vulns/${alias}` });
    assert.match(byAlias.status === 'ok' ? byAlias.value.body.toString('utf8') : '', /Vulnerability not found, but the following aliases were: PYSEC-2021-335/);
    const long = await http.request({ url: `${osv.url}/v1/vulns/${'X'.repeat(101)}` });
    assert.equal(long.status === 'ok' ? long.value.status : 0, 400);
  });
});
