/**
 * The offline database on disk: `records-<stamp>.jsonl` (one record per line) and `meta.json`,
 * which names the records file it belongs to. A save writes a new records file under a fresh name,
 * then replaces meta.json by rename, which is atomic: a reader, or a crash at any point, sees
 * either the old database or the new one, never half of each. Old records files are removed last.
 * Writers take a lock file, so that two processes (two editor windows, a CLI) never interleave.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OsvRecord } from '../../core/model/advisory';
import type { Outcome } from '../../core/ports';
import type { OfflineMeta, OfflineSnapshot } from '../../core/offline/snapshot';

const META = 'meta.json';
const LOCK = '.lock';
const FORMAT = 1;
/** A lock older than this was left by a writer that died. */
const STALE_LOCK_MS = 10 * 60 * 1000;

interface StoredMeta extends OfflineMeta {
  readonly format: number;
  readonly recordsFile: string;
}

/** Throws when another process holds the lock or the disk refuses; the old database stays as it was. */
export async function saveSnapshot(dir: string, snapshot: OfflineSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const release = await lock(dir);
  try {
    await writeSnapshot(dir, snapshot);
  } finally {
    await release();
  }
}

async function writeSnapshot(dir: string, snapshot: OfflineSnapshot): Promise<void> {
  const stamp = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const recordsFile = `records-${stamp}.jsonl`;
  const body = snapshot.records.map((record) => JSON.stringify(record)).join('\n');
  await writeAtomically(join(dir, recordsFile), body.length > 0 ? `${body}\n` : '');
  const meta: StoredMeta = { format: FORMAT, recordsFile, ...snapshot.meta };
  await writeAtomically(join(dir, META), `${JSON.stringify(meta, null, 2)}\n`);
  await removeOldRecordFiles(dir, recordsFile);
}

/** `unavailable` when there is no database in `dir`; `invalid` when it is damaged. */
export async function loadSnapshot(dir: string): Promise<Outcome<OfflineSnapshot>> {
  const metaText = await readText(join(dir, META));
  if (metaText == null) return { status: 'unavailable', detail: `no offline database in ${dir}` };
  const meta = parseMeta(metaText);
  if (typeof meta === 'string') return { status: 'invalid', detail: `${join(dir, META)}: ${meta}` };
  const text = await readText(join(dir, meta.recordsFile));
  if (text == null) return { status: 'invalid', detail: `${join(dir, meta.recordsFile)} is missing` };
  const records = parseRecords(text);
  if (typeof records === 'string') return { status: 'invalid', detail: `${join(dir, meta.recordsFile)}: ${records}` };
  if (records.length !== meta.records) return { status: 'invalid', detail: `${meta.recordsFile} holds ${records.length} records, meta.json says ${meta.records}` };
  const { format: _format, recordsFile: _file, ...plain } = meta;
  return { status: 'ok', value: { meta: plain, records } };
}

function parseMeta(text: string): StoredMeta | string {
  let value: Partial<StoredMeta>;
  try {
    value = JSON.parse(text) as Partial<StoredMeta>;
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (value.format !== FORMAT) return `unknown format ${String(value.format)}`;
  if (typeof value.recordsFile !== 'string' || !/^records-[\w-]+\.jsonl$/.test(value.recordsFile)) return 'no records file named';
  if (typeof value.records !== 'number' || typeof value.importedAt !== 'string') return 'incomplete';
  return value as StoredMeta;
}

/** Our own file: any bad line means damage, and the whole file is refused. */
function parseRecords(text: string): OsvRecord[] | string {
  const records: OsvRecord[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as OsvRecord);
    } catch (_error) {
      return `line ${index + 1} is not JSON`;
    }
  }
  return records;
}

async function lock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(path).then((s) => s.mtimeMs, () => Date.now()));
      if (age < STALE_LOCK_MS) break;
      await rm(path, { force: true });
    }
  }
  throw new Error(`the offline database in ${dir} is being written by another process (${path})`);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, { flush: true });
  await rename(temporary, path);
}

async function removeOldRecordFiles(dir: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name !== keep && /^records-.*\.jsonl(\.\d+\.tmp)?$/.test(name)) await rm(join(dir, name), { force: true });
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (_error) {
    return undefined;
  }
}
