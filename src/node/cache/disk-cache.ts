/**
 * The Cache port on disk, for the CLI and the server (the extension points it at VS Code's global
 * storage folder). One JSON file per entry under `<dir>/<kind>/<shard>/<sha256>.json`, written to a
 * temporary file and renamed into place, so that several processes (two VS Code windows and a CLI)
 * can share one folder: a reader sees the old file or the new one, never half of either, and the
 * last writer wins. A file that does not parse or does not hold the key asked for is deleted and
 * treated as a miss; no cache failure is ever fatal. Reads touch the file's mtime, so eviction
 * (when the folder grows past its size bound) removes the least recently used entries first.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cache, CacheEntry, CacheKind, Logger } from '../../core/ports';
import { silentLogger } from '../../core/ports';

export interface DiskCacheOptions {
  readonly directory: string;
  /** Size bound of the whole folder; eviction brings it down to 80 % of this. */
  readonly maxBytes?: number;
  readonly logger?: Logger;
}

const FORMAT = 1;
/** Temporary files older than this were left by a process that died mid-write. */
const ORPHAN_MS = 60_000;

interface StoredFile {
  readonly format: number;
  readonly kind: string;
  readonly key: string;
  readonly entry: CacheEntry;
}

export class DiskCache implements Cache {
  private readonly maxBytes: number;
  private readonly logger: Logger;
  /** Bytes on disk as this process believes; a scan corrects it whenever it passes the bound. */
  private knownBytes: number | null = null;
  private sizing: Promise<number> | null = null;
  private evicting: Promise<void> | null = null;

  constructor(private readonly options: DiskCacheOptions) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.logger = options.logger ?? silentLogger;
  }

  pathOf(kind: CacheKind, key: string): string {
    const hash = createHash('sha256').update(`${kind}\u0000${key}`).digest('hex');
    return join(this.options.directory, kind, hash.slice(0, 2), `${hash}.json`);
  }

  async get(kind: CacheKind, key: string): Promise<CacheEntry | undefined> {
    const path = this.pathOf(kind, key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const entry = decode(text, kind, key);
    if (!entry) {
      this.logger.warn('cache: discarding a corrupt entry', { path });
      await unlink(path).catch(() => undefined);
      return undefined;
    }
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return entry;
  }

  async set(kind: CacheKind, key: string, entry: CacheEntry): Promise<void> {
    const path = this.pathOf(kind, key);
    const text = JSON.stringify({ format: FORMAT, kind, key, entry } satisfies StoredFile);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(temporary, text, 'utf8');
      await renameWithRetry(temporary, path);
    } catch (error) {
      this.logger.warn('cache: cannot write an entry', { path, error: String(error) });
      await unlink(temporary).catch(() => undefined);
      return;
    }
    await this.account(Buffer.byteLength(text));
  }

  /** Removes least recently used entries until the folder is at 80 % of its bound. */
  async evict(): Promise<void> {
    this.evicting ??= this.evictNow().finally(() => {
      this.evicting = null;
    });
    return this.evicting;
  }

  private async account(bytes: number): Promise<void> {
    // The first write sizes the folder once; writes that arrive meanwhile wait for that one scan
    // rather than each starting their own (hundreds of parallel writes, each scanning every file).
    this.sizing ??= this.scan().then((files) => files.reduce((sum, file) => sum + file.size, 0));
    const scanned = await this.sizing;
    this.knownBytes = this.knownBytes == null ? scanned : this.knownBytes + bytes;
    if (this.knownBytes > this.maxBytes) await this.evict();
  }

  private async evictNow(): Promise<void> {
    const files = (await this.scan()).sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = files.reduce((sum, file) => sum + file.size, 0);
    const target = this.maxBytes * 0.8;
    for (const file of files) {
      if (total <= target) break;
      await unlink(file.path).catch(() => undefined);
      total -= file.size;
    }
    this.knownBytes = total;
  }

  private async scan(): Promise<{ path: string; size: number; mtimeMs: number }[]> {
    const files: { path: string; size: number; mtimeMs: number }[] = [];
    for (const path of await listFiles(this.options.directory, 3)) {
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      if (path.endsWith('.tmp')) {
        if (Date.now() - info.mtimeMs > ORPHAN_MS) await unlink(path).catch(() => undefined);
        continue;
      }
      files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
    }
    return files;
  }
}

function decode(text: string, kind: CacheKind, key: string): CacheEntry | undefined {
  try {
    const stored = JSON.parse(text) as Partial<StoredFile> | null;
    if (!stored || stored.format !== FORMAT || stored.kind !== kind || stored.key !== key) return undefined;
    const entry = stored.entry;
    if (!entry || typeof entry.storedAt !== 'number' || !('value' in entry)) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

/** Files `depth` folders down (kind / shard / file); a folder that vanished meanwhile is empty. */
async function listFiles(directory: string, depth: number): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  if (depth === 1) return names.map((name) => join(directory, name));
  const nested = await Promise.all(names.map((name) => listFiles(join(directory, name), depth - 1)));
  return nested.flat();
}

/** Windows refuses to rename over a file another process has open; that passes in milliseconds. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}
