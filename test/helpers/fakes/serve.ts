/**
 * Runs fake OSV and PyPI servers in their own process, so that a benchmark's client does not share
 * an event loop (and CPU time) with the servers it measures. Forked with IPC: it sends
 * `{ ready, osv, pypi }` once listening and answers `{ type: 'counts' }` and `{ type: 'reset' }`.
 *   argv: --latency MS, and any number of --lock DIR (corpus folders whose uv.lock feeds PyPI)
 */
import { parseArgs } from 'node:util';
import { FakeOsv } from './osv';
import { FakePypi } from './pypi';
import { lockProjects } from './pypi-data';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { latency: { type: 'string', default: '0' }, lock: { type: 'string', multiple: true, default: [] } } });
  const osv = await new FakeOsv().start();
  const pypi = await new FakePypi({ projects: lockProjects(...values.lock.map((dir) => [dir, 'uv.lock'])) }).start();
  const latency = Number(values.latency);
  if (latency > 0) {
    osv.inject('*', { kind: 'latency', ms: latency });
    pypi.inject('*', { kind: 'latency', ms: latency });
  }
  process.on('message', (message: { type: string }) => {
    if (message.type === 'counts') process.send!({ type: 'counts', osv: { querybatch: osv.count('querybatch'), vuln: osv.count('vuln'), all: osv.count() }, pypi: pypi.count() });
    if (message.type === 'reset') {
      osv.resetCounts();
      pypi.resetCounts();
      process.send!({ type: 'reset' });
    }
  });
  process.on('disconnect', () => void Promise.all([osv.close(), pypi.close()]).then(() => process.exit(0)));
  process.send!({ type: 'ready', osv: osv.url, pypi: pypi.url });
}

void main();
