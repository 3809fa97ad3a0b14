/**
 * Resolution without a lock file against a fake index with 50 ms added to every request. The index
 * serves the largest corpus project, Airflow (its uv.lock: 995 packages, 140 workspace members
 * served as if published), and pydantic-ai; the fake runs in its own process, so its work is not
 * counted as ours. Printed: packages, depth levels, waves, requests, wall time, and the ratio to the
 * ideal — one wave per depth level, each a Simple round trip then a metadata round trip, so
 * ideal ≈ depth × 2 × 50 ms. A warm run asks nothing: every answer is in the cache.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { reachability } from '../src/core/graph/graph';
import { resolve } from '../src/core/graph/resolve';
import { readManifest } from '../src/core/manifests/registry';
import type { Dependency } from '../src/core/model/dependency';
import { MemoryCache } from '../src/datasources/cached';
import { createHttpClient } from '../src/datasources/http';
import { PypiIndex } from '../src/datasources/pypi';
import { diskFileSource } from '../src/node/file-source';
import type { IndexCounts } from '../test/helpers/fakes/serve-lock-index';
import { CORPUS, table } from './harness';

const LATENCY_MS = 50;
/** Questions in flight at once, in the resolver and per host in the HTTP client. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

interface Case {
  readonly label: string;
  readonly lock: string;
  readonly manifest: string;
  /** uv's conflict choices the fake index fixes (lock-index.ts). */
  readonly choose: readonly string[];
  /** Workspace members named by path are asked of the index, as installing the published packages does. */
  readonly records: (records: readonly Dependency[]) => Dependency[];
}

const CASES: readonly Case[] = [
  {
    label: 'Airflow pyproject (largest: every extra and group)',
    lock: 'airflow',
    manifest: join(CORPUS, 'airflow', 'pyproject.toml'),
    choose: [],
    records: (records) => records.map((r) => (r.skipReason === 'path' ? { ...r, skipReason: null, source: null, specifier: '' } : r)),
  },
  {
    label: 'pydantic-ai with seven extras',
    lock: 'pydantic-ai',
    manifest: join(__dirname, '..', 'test', 'fixtures', 'resolver', 'pydantic-ai.txt'),
    choose: ['group-11-pydantic-ai-dev'],
    records: (records) => [...records],
  },
];

class IndexProcess {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static start(lock: string, choose: readonly string[]): Promise<IndexProcess> {
    const script = join(__dirname, '..', 'test', 'helpers', 'fakes', 'serve-lock-index.ts');
    const child = fork(script, ['--lock', lock, '--latency', String(LATENCY_MS), '--choose', choose.join(',')], { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((done, fail) => {
      child.once('error', fail);
      child.once('message', (m: { url: string }) => done(new IndexProcess(child, m.url)));
    });
  }

  ask<T>(type: 'counts' | 'reset'): Promise<T> {
    return new Promise((done) => {
      this.child.once('message', (m: T) => done(m));
      this.child.send({ type });
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function benchResolve(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const c of CASES) {
    const fake = await IndexProcess.start(c.lock, c.choose);
    const http = createHttpClient({ env: {}, maxConcurrentPerHost: CONCURRENCY });
    const cache = new MemoryCache();
    try {
      const files = await readManifest(c.manifest, diskFileSource);
      const records = c.records(files.flatMap((f) => f.dependencies));
      for (const state of ['cold', 'warm'] as const) {
        await fake.ask('reset');
        const index = new PypiIndex({ http, simpleUrl: `${fake.url}/simple/`, jsonUrl: `${fake.url}/pypi/`, cache, metadataFirst: true });
        const start = now();
        const result = await resolve(records, { index }, { python: '3.13', platform: 'linux', concurrency: CONCURRENCY });
        const wall = now() - start;
        const counts = await fake.ask<IndexCounts>('counts');
        const depths = [...reachability(result.graph).values()].map((r) => r.depth);
        const depth = Math.max(...depths) + 1;
        const roundTrip = 2 * LATENCY_MS;
        const ideal = state === 'cold' ? depth * roundTrip : 0;
        // The same ideal when only CONCURRENCY questions may be in flight: each level takes turns.
        const levels = Array.from({ length: depth }, (_, d) => depths.filter((x) => x === d).length);
        const bounded = state === 'cold' ? levels.reduce((sum, n) => sum + Math.ceil(n / CONCURRENCY) * roundTrip, 0) : 0;
        const ratio = (reference: number): string => (reference > 0 ? `${(wall / reference).toFixed(2)}x` : '-');
        rows.push([`${c.label}, ${state}`, String(result.graph.nodes.size), String(depth), String(result.stats.waves), String(counts.all), `${counts.simple}+${counts.metadata}+${counts.jsonRelease}`, wall, String(ideal), ratio(ideal), String(bounded), ratio(bounded)]);
      }
    } finally {
      await http.close();
      fake.stop();
    }
  }
  table(
    `Resolution against the fake index, ${LATENCY_MS} ms per request, ${CONCURRENCY} in flight (ideal: depth × (Simple + metadata) round trips)`,
    ['case', 'packages', 'depth', 'waves', 'requests', 'simple+metadata+json', 'wall ms', 'ideal ms', 'ratio', `ideal at ${CONCURRENCY}`, 'ratio'],
    rows,
  );
}
