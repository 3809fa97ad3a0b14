import { strict as assert } from 'node:assert';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../../src/datasources/http';
import { proxyChoice } from '../../../src/datasources/http-dispatcher';
import { FakeServer, jsonReply, route } from '../../helpers/fakes/server';
import { TEST_CERT } from '../../helpers/fakes/tls';
import { TestProxy } from '../../helpers/proxy';

describe('datasources/http through a real proxy', () => {
  let plain: FakeServer;
  let secure: FakeServer;
  let proxy: TestProxy;
  let guarded: TestProxy;
  const clients: HttpClient[] = [];
  const echo = route('echo', 'GET', '/echo', (request) => jsonReply(200, { host: request.headers.host }));

  before(async () => {
    plain = await new FakeServer([echo]).start();
    secure = await new FakeServer([echo], { https: true }).start();
    proxy = await new TestProxy().start();
    guarded = await new TestProxy({ auth: 'alice:s3cret' }).start();
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([plain.close(), secure.close(), proxy.close(), guarded.close()]);
  });

  beforeEach(() => {
    for (const p of [proxy, guarded]) {
      p.forwarded = 0;
      p.tunnels = 0;
      p.refused = 0;
      p.targets.length = 0;
      p.authorizations.length = 0;
    }
    plain.resetCounts();
    secure.resetCounts();
  });

  function client(options: HttpClientOptions): HttpClient {
    const made = createHttpClient({ retry: { attempts: 2 }, sleep: async () => {}, ...options });
    clients.push(made);
    return made;
  }

  it('forwards plain HTTP through HTTP_PROXY with an absolute URI', async () => {
    const outcome = await client({ env: { HTTP_PROXY: proxy.url } }).request({ url: `${plain.url}/echo` });
    assert.equal(outcome.status, 'ok');
    assert.equal(proxy.forwarded, 1);
    assert.equal(proxy.tunnels, 0);
    assert.deepEqual(proxy.targets, [new URL(plain.url).host]);
    assert.equal(plain.count('echo'), 1);
  });

  it('tunnels HTTPS through HTTPS_PROXY with CONNECT, trusting the extra CA bundle', async () => {
    const outcome = await client({ env: { HTTPS_PROXY: proxy.url }, caBundle: TEST_CERT }).request({ url: `${secure.url}/echo` });
    assert.equal(outcome.status, 'ok');
    assert.equal(proxy.tunnels, 1);
    assert.equal(proxy.forwarded, 0);
    assert.deepEqual(proxy.targets, [new URL(secure.url).host]);
    assert.equal(secure.count('echo'), 1);
  });

  it('reaches an HTTPS server with a private CA only when the CA bundle is given', async () => {
    const untrusted = await client({ env: {} }).request({ url: `${secure.url}/echo` });
    assert.equal(untrusted.status, 'unavailable');
    assert.match(untrusted.status === 'unavailable' ? untrusted.detail : '', /TLS certificate not trusted/);
    assert.equal(secure.count('echo'), 0);
    const trusted = await client({ env: {}, caBundle: TEST_CERT }).request({ url: `${secure.url}/echo` });
    assert.equal(trusted.status, 'ok');
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org,127.0.0.1' };
    const outcome = await client({ env }).request({ url: `${plain.url}/echo` });
    assert.equal(outcome.status, 'ok');
    assert.equal(proxy.requests, 0);
    assert.equal(plain.count('echo'), 1);
  });

  it('uses the explicit proxy setting and sends its credentials', async () => {
    const url = new URL(guarded.url);
    url.username = 'alice';
    url.password = 's3cret';
    const http = client({ env: {}, proxy: url.toString(), caBundle: TEST_CERT });
    const forwarded = await http.request({ url: `${plain.url}/echo` });
    const tunnelled = await http.request({ url: `${secure.url}/echo` });
    assert.equal(forwarded.status, 'ok');
    assert.equal(tunnelled.status, 'ok');
    assert.equal(guarded.forwarded, 1);
    assert.equal(guarded.tunnels, 1);
    const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    assert.deepEqual(guarded.authorizations, [basic, basic]);
  });

  it('reports a proxy that refuses the credentials, without retrying', async () => {
    const outcome = await client({ env: {}, proxy: guarded.url }).request({ url: `${plain.url}/echo` });
    assert.equal(outcome.status, 'unavailable');
    assert.match(outcome.status === 'unavailable' ? outcome.detail : '', /proxy authentication required \(HTTP 407\)/);
    assert.equal(guarded.refused, 1);
    assert.equal(plain.count('echo'), 0);
  });

  it('reads lower-case proxy variables first, and an explicit proxy wins', () => {
    assert.deepEqual(proxyChoice({ env: { http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2', no_proxy: 'x' } }), { httpProxy: 'http://a:1', httpsProxy: 'http://a:1', noProxy: 'x' });
    assert.deepEqual(proxyChoice({ env: { HTTPS_PROXY: 'http://c:3' }, proxy: 'http://d:4' }), { httpProxy: 'http://d:4', httpsProxy: 'http://d:4', noProxy: '' });
    assert.deepEqual(proxyChoice({ env: {} }), { httpProxy: '', httpsProxy: '', noProxy: '' });
  });
});
