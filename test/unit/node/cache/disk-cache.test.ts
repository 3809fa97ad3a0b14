import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { CacheEntry } from '../../../../src/core/ports';
import { DiskCache } from '../../../../src/node/cache/disk-cache';

const run = promisify(execFile);

async function allFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(directory, join(entry.parentPath, entry.name))).sort();
}

describe('node/cache/disk-cache', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'beachcomber-cache-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores entries with their validators, one file per entry, sharded by hash', async () => {
    const cache = new DiskCache({ directory });
    const entry: CacheEntry = { value: { name: 'flask', releases: ['3.1.3'] }, storedAt: 1_700_000_000_000, etag: '"abc"', lastModified: 'Tue, 01 Oct 2024 00:00:00 GMT' };
    await cache.set('pypi-project', 'flask', entry);
    await cache.set('pypi-simple', 'flask', { value: 1, storedAt: 1 });
    assert.deepEqual(await cache.get('pypi-project', 'flask'), entry);
    assert.deepEqual(await cache.get('pypi-simple', 'flask'), { value: 1, storedAt: 1 });
    assert.equal(await cache.get('pypi-project', 'django'), undefined);
    const files = await allFiles(directory);
    assert.equal(files.length, 2);
    for (const file of files) assert.match(file, /^(pypi-project|pypi-simple)\/[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
  });

  it('a new process sees what another one wrote (persistence)', async () => {
    await new DiskCache({ directory }).set('osv-vuln', 'PYSEC-2021-9', { value: { id: 'PYSEC-2021-9' }, storedAt: 5 });
    assert.deepEqual(await new DiskCache({ directory }).get('osv-vuln', 'PYSEC-2021-9'), { value: { id: 'PYSEC-2021-9' }, storedAt: 5 });
  });

  it('discards a corrupt, truncated or foreign file and rebuilds it on the next write', async () => {
    const cache = new DiskCache({ directory });
    const path = cache.pathOf('scorecard', 'github.com/pallets/flask');
    await cache.set('scorecard', 'github.com/pallets/flask', { value: { score: 7.9 }, storedAt: 1 });
    const text = await readFile(path, 'utf8');
    for (const broken of [text.slice(0, text.length / 2), '', '\u0000\u0001garbage', 'null', '{"format":1,"kind":"scorecard","key":"github.com/other/repo","entry":{"value":1,"storedAt":1}}', '{"format":99}']) {
      await writeFile(path, broken);
      assert.equal(await cache.get('scorecard', 'github.com/pallets/flask'), undefined, `broken: ${broken.slice(0, 20)}`);
      await assert.rejects(stat(path), /ENOENT/);
    }
    await cache.set('scorecard', 'github.com/pallets/flask', { value: { score: 8.1 }, storedAt: 2 });
    assert.deepEqual(await cache.get('scorecard', 'github.com/pallets/flask'), { value: { score: 8.1 }, storedAt: 2 });
  });

  it('never fails when the folder cannot be written', async () => {
    const blocker = join(directory, 'not-a-folder');
    await writeFile(blocker, 'x');
    const cache = new DiskCache({ directory: blocker });
    await cache.set('depsdev', 'flask@3.1.3', { value: 1, storedAt: 1 });
    assert.equal(await cache.get('depsdev', 'flask@3.1.3'), undefined);
  });

  it('evicts the least recently used entries when the folder passes its bound', async () => {
    const value = 'v'.repeat(900);
    const cache = new DiskCache({ directory, maxBytes: 10_000 });
    for (let i = 0; i < 8; i++) await cache.set('pypi-release', `p${i}`, { value, storedAt: i });
    // Age the files in write order, then read p0 and p1 so they become the most recently used.
    for (let i = 0; i < 8; i++) {
      const when = new Date(Date.now() - (100 - i) * 1000);
      await utimes(cache.pathOf('pypi-release', `p${i}`), when, when);
    }
    assert.ok(await cache.get('pypi-release', 'p0'));
    assert.ok(await cache.get('pypi-release', 'p1'));
    for (let i = 8; i < 11; i++) await cache.set('pypi-release', `p${i}`, { value, storedAt: i });
    const kept: string[] = [];
    for (let i = 0; i < 11; i++) if (await cache.get('pypi-release', `p${i}`)) kept.push(`p${i}`);
    // Each file is ~1,000 bytes: 11 of them pass 10,000, so eviction keeps 8,000 bytes' worth,
    // dropping the three least recently used (p2, p3, p4) and keeping p0 and p1, which were read.
    assert.deepEqual(kept, ['p0', 'p1', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']);
    assert.equal((await allFiles(directory)).length, 8);
  });

  it('removes temporary files left by a process that died mid-write', async () => {
    const cache = new DiskCache({ directory, maxBytes: 1 });
    await cache.set('metadata', 'a', { value: 'x', storedAt: 1 });
    const orphan = `${cache.pathOf('metadata', 'a')}.999.dead.tmp`;
    await writeFile(orphan, '{"partial');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(orphan, old, old);
    await cache.evict();
    assert.deepEqual(await allFiles(directory), []);
  });

  it('stays whole under concurrent writers in several real processes (last writer wins)', async function () {
    this.timeout(30_000);
    const writer = join(__dirname, 'concurrent-writer.ts');
    const outputs = await Promise.all(['a', 'b', 'c', 'd'].map((id) => run(process.execPath, ['-r', 'tsx/cjs', writer, directory, id, '15'], { cwd: join(__dirname, '..', '..', '..', '..') })));
    const summaries = outputs.map((output) => JSON.parse(output.stdout) as { writer: string; reads: number; torn: number });
    assert.deepEqual(summaries.map((s) => s.torn), [0, 0, 0, 0]);
    assert.ok(summaries.every((s) => s.reads > 0), 'every process read entries others were writing');
    const cache = new DiskCache({ directory });
    for (let key = 0; key < 10; key++) {
      const entry = await cache.get('pypi-project', `shared-${key}`);
      const value = entry?.value as { writer: string; round: number; parts: string[] } | undefined;
      assert.ok(value, `shared-${key} is readable`);
      assert.ok(['a', 'b', 'c', 'd'].includes(value.writer));
      assert.ok(value.parts.every((part) => part === `${value.writer}:${value.round}`));
    }
    for (const id of ['a', 'b', 'c', 'd']) {
      for (let key = 0; key < 10; key++) {
        const entry = await cache.get('pypi-project', `own-${id}-${key}`);
        assert.equal((entry?.value as { round: number } | undefined)?.round, 14, `own-${id}-${key} holds the last round`);
      }
    }
    const files = await allFiles(directory);
    assert.equal(files.filter((file) => file.endsWith('.tmp')).length, 0);
    assert.equal(files.length, 50);
  });
});
