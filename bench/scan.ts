/**
 * A scan against the fake OSV and PyPI servers with 50 ms added to every request, cold (empty
 * cache) and warm (everything cached): requests made, wall time, time to the first advisories,
 * and the ratio to the ideal — one querybatch round trip plus one parallel wave of detail fetches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/core/analyze';
import { buildProjects } from '../src/core/graph/projects';
import { readManifest } from '../src/core/manifests/registry';
import { DEFAULT_TARGET } from '../src/core/pep508/markers';
import { diskFileSource } from '../src/node/file-source';
import { createSources, DEFAULT_SOURCE_SETTINGS } from '../src/node/sources';
import { FakesProcess } from './fakes';
import { CORPUS, table } from './harness';

const LATENCY_MS = 50;

const CASES = [
  { label: 'pydantic-ai uv.lock', dir: 'pydantic-ai' },
  { label: 'Airflow uv.lock (largest)', dir: 'airflow' },
];

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function benchScan(): Promise<void> {
  // The servers run in their own process: their work must not count as the client's latency.
  const fakes = await FakesProcess.start(LATENCY_MS, ['pydantic-ai', 'airflow']);
  const rows: (string | number)[][] = [];
  const settings = (cacheDir: string) => ({ ...DEFAULT_SOURCE_SETTINGS, osvUrl: fakes.osv, indexUrl: `${fakes.pypi}/simple/`, indexJsonUrl: `${fakes.pypi}/pypi/`, depsDev: false, scorecard: false, cacheDir });
  try {
    for (const c of CASES) {
      const roots = [join(CORPUS, c.dir, 'pyproject.toml'), join(CORPUS, c.dir, 'uv.lock')];
      const reads = await Promise.all(roots.map(async (root) => ({ root, files: await readManifest(root, diskFileSource) })));
      const projects = buildProjects(reads, DEFAULT_TARGET);
      const cacheDir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
      try {
        // cold: empty cache; warm: the same process scans again (the editor's re-scan); disk: a new
        // process with the cache on disk (the CLI run again).
        let sources = await createSources(settings(cacheDir));
        for (const state of ['cold', 'warm, same process', 'warm, new process'] as const) {
          await fakes.reset();
          if (state === 'warm, new process') {
            await sources.close();
            sources = await createSources(settings(cacheDir));
          }
          const start = now();
          let firstAdvisories = 0;
          const result = await analyze(projects, sources.ports, {}, (a) => {
            if (a.phase === 'advisories') firstAdvisories = now() - start;
          });
          const wall = now() - start;
          const counts = await fakes.counts();
          const ideal = (1 + (counts.osv.vuln > 0 ? 1 : 0)) * LATENCY_MS;
          rows.push([
            `${c.label}, ${state}`,
            result.packages.length,
            counts.osv.querybatch,
            counts.osv.vuln,
            counts.pypi,
            firstAdvisories,
            firstAdvisories / LATENCY_MS,
            state === 'cold' ? firstAdvisories / ideal : '—',
            wall,
          ]);
        }
        await sources.close();
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  } finally {
    fakes.stop();
  }
  table(
    `Scan against fakes with ${LATENCY_MS} ms per request (goal: first advisories within 3 round trips; warm re-scan under 50 ms)`,
    ['scan', 'packages', 'querybatch', 'vuln GETs', 'PyPI reqs', 'first advisories ms', 'round trips', 'ratio to ideal', 'wall ms (with health)'],
    rows,
  );
}
