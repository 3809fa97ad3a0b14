/**
 * Reading speed on real files: records per second and milliseconds per file for each format, and
 * on requirements files the ratio to pip-requirements-js (the npm peer), measured side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePipRequirementsFile } from 'pip-requirements-js';
import { readManifest } from '../src/core/manifests/registry';
import { requirementsTxtFormat } from '../src/core/manifests/requirements-txt';
import type { FileSource } from '../src/core/ports';
import { CORPUS, table, time } from './harness';

/** Every file a read touches, loaded into memory first so the benchmark measures parsing, not disk. */
async function inMemory(root: string): Promise<{ files: FileSource; texts: Map<string, string> }> {
  const texts = new Map<string, string>();
  const disk: FileSource = {
    read: async (path) => {
      try {
        const text = readFileSync(path, 'utf8');
        texts.set(path, text);
        return text;
      } catch {
        return undefined;
      }
    },
  };
  await readManifest(root, disk);
  return { files: { read: async (path) => texts.get(path) }, texts };
}

/** Drops what pip-requirements-js cannot read: option lines and `--hash` continuations. */
function peerCompatible(text: string): string {
  return text
    .replace(/[ \t]*\\\r?\n[ \t]*--hash=\S+/g, '')
    .replace(/[ \t]+--hash=\S+/g, '')
    .split(/\r?\n/)
    .filter((line) => !/^\s*-/.test(line))
    .join('\n');
}

const CASES = [
  { label: "home-assistant requirements_all.txt (+ includes)", path: 'home-assistant/requirements_all.txt', peer: true },
  { label: 'warehouse requirements/main.txt (hashed)', path: 'warehouse/requirements/main.txt', peer: true },
  { label: 'Airflow root pyproject.toml', path: 'airflow/pyproject.toml', peer: false },
  { label: 'pydantic-ai uv.lock', path: 'pydantic-ai/uv.lock', peer: false },
  { label: 'Airflow uv.lock (995 packages)', path: 'airflow/uv.lock', peer: false },
];

export async function benchParse(): Promise<void> {
  const rows: (string | number)[][] = [];
  const peerRows: (string | number)[][] = [];
  for (const c of CASES) {
    const root = join(CORPUS, c.path);
    const { files, texts } = await inMemory(root);
    let records = 0;
    const ours = await time(async () => {
      const parsed = await readManifest(root, files);
      records = parsed.reduce((n, f) => n + f.dependencies.length, 0);
    });
    const bytes = [...texts.values()].reduce((n, t) => n + t.length, 0);
    rows.push([c.label, texts.size, Math.round(bytes / 1024), records, ours.medianMs, (records / ours.medianMs) * 1000]);
    if (!c.peer) continue;
    // The peer rejects a whole file over one line it does not know (`--only-binary`, a `--hash`
    // continuation), so both parsers are timed on the same texts reduced to what the peer accepts.
    const reduced = [...texts.values()].map(peerCompatible);
    let peerRecords = 0;
    let peerFailures = 0;
    const peer = await time(() => {
      peerRecords = 0;
      peerFailures = 0;
      for (const text of reduced) {
        try {
          peerRecords += parsePipRequirementsFile(text).length;
        } catch {
          peerFailures++;
        }
      }
    });
    let reducedRecords = 0;
    const oursOnReduced = await time(() => {
      reducedRecords = 0;
      for (const [i, text] of reduced.entries()) reducedRecords += requirementsTxtFormat.parse(text, `/bench/${i}.txt`, { env: {} }).dependencies.length;
    });
    peerRows.push([c.label, oursOnReduced.medianMs, peer.medianMs, peer.medianMs / oursOnReduced.medianMs, reducedRecords, peerRecords, peerFailures]);
  }
  table('Reading real files (median of repeated runs, files already in memory)', ['file', 'files', 'KiB', 'records', 'ms/read', 'records/s'], rows);
  table('Requirements files: Beachcomber vs pip-requirements-js on the same texts, reduced to what the peer accepts (goal ≥ 5×)', ['file', 'ours ms', 'peer ms', 'ratio', 'our records', 'peer records', 'peer errors'], peerRows);
}
