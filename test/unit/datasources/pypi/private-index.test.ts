import { strict as assert } from 'node:assert';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { isNotFound } from '../../../../src/datasources/outcome';
import { PypiIndex } from '../../../../src/datasources/pypi';
import { FakePypi } from '../../../helpers/fakes/pypi';

describe('datasources/pypi on private indexes', () => {
  let http: HttpClient;
  const servers: FakePypi[] = [];

  beforeEach(() => {
    http = createHttpClient({ env: {}, sleep: async () => {} });
  });

  afterEach(async () => {
    await http.close();
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  async function serve(options: ConstructorParameters<typeof FakePypi>[0]): Promise<FakePypi> {
    const server = await new FakePypi(options).start();
    servers.push(server);
    return server;
  }

  it('sends basic-auth credentials given in the index URL, and only the header, never the URL', async () => {
    const index = await serve({ jsonApi: false, auth: { basic: 'deploy:p@ss word' } });
    const url = new URL(`${index.url}/simple/`);
    url.username = 'deploy';
    url.password = 'p@ss word';
    const outcome = await new PypiIndex({ http, simpleUrl: url.toString() }).project('trusted-pub');
    assert.equal(outcome.status, 'ok');
    assert.equal(outcome.status === 'ok' ? outcome.value.latest : null, '2.0.0');
    assert.equal(index.log.length, 2);
    assert.equal(index.log[0], 'GET /simple/trusted-pub/');
    assert.match(index.log[1] ?? '', /^GET \/packages\/[0-9a-f]{2}\/[0-9a-f]{2}\/trusted_pub-2\.0\.0-py3-none-any\.whl\.metadata$/);
    assert.deepEqual(index.replies, ['simple 200', 'file 200']);
  });

  it('sends separately given basic credentials and bearer tokens', async () => {
    const basic = await serve({ jsonApi: false, auth: { basic: 'ci:secret' } });
    const withBasic = await new PypiIndex({ http, simpleUrl: `${basic.url}/simple`, auth: { username: 'ci', password: 'secret' } }).release('demo-extras', '2.0.0');
    assert.equal(withBasic.status, 'ok');
    const token = await serve({ jsonApi: false, auth: { bearer: 'tok-123' } });
    const withToken = await new PypiIndex({ http, simpleUrl: `${token.url}/simple/`, auth: { token: 'tok-123' } }).provenance('trusted-pub', '1.0.0');
    assert.equal(withToken.status === 'ok' ? withToken.value.trustedPublishing : null, true);
    assert.deepEqual(token.replies, ['simple 200', 'integrity 200']);
  });

  it('says the credentials are wrong (a failure), not that the package is missing', async () => {
    const index = await serve({ auth: { bearer: 'right' } });
    const outcome = await new PypiIndex({ http, simpleUrl: `${index.url}/simple/`, jsonUrl: null, auth: { token: 'wrong' } }).project('trusted-pub');
    assert.equal(outcome.status, 'unavailable');
    assert.equal(isNotFound(outcome), false);
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /HTTP 401; check the index credentials$/);
    assert.equal(index.count('simple'), 1, 'no retry on 401');
  });

  it('reads an index that only speaks HTML (PEP 503) the same as the JSON one', async () => {
    const html = await serve({ htmlOnly: true, jsonApi: false });
    const json = await serve({ jsonApi: false });
    for (const name of ['yanked-latest', 'trusted-pub', 'archived-proj', 'legacy-ver', 'demo-extras']) {
      const fromHtml = await new PypiIndex({ http, simpleUrl: `${html.url}/simple/` }).project(name);
      const fromJson = await new PypiIndex({ http, simpleUrl: `${json.url}/simple/` }).project(name);
      assert.equal(fromHtml.status, 'ok');
      assert.equal(fromJson.status, 'ok');
      if (fromHtml.status !== 'ok' || fromJson.status !== 'ok') continue;
      // HTML carries no upload times (PEP 700 is JSON only); everything else must agree.
      const strip = (info: typeof fromJson.value) => ({ ...info, releases: info.releases.map((r) => ({ ...r, uploadTime: null })) });
      assert.deepEqual(strip(fromHtml.value), strip(fromJson.value), name);
    }
    const yanked = await new PypiIndex({ http, simpleUrl: `${html.url}/simple/` }).release('yanked-latest', '2.0');
    assert.deepEqual(yanked.status === 'ok' ? [yanked.value.yanked, yanked.value.yankedReason] : null, [true, 'broken build: missing C extension']);
    const attested = await new PypiIndex({ http, simpleUrl: `${html.url}/simple/` }).provenance('mixed-prov', '0.3.1');
    assert.deepEqual(attested.status === 'ok' ? [attested.value.filesWithProvenance, attested.value.files, attested.value.publisher?.kind] : null, [1, 2, 'GitLab']);
  });
});
