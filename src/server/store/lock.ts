/**
 * A lock file holding the owner's pid, so that one embedded database is opened by one process.
 * A lock left by a process that no longer runs (killed, crashed) is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM means the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** The pid in the lock file; undefined when the file vanished meanwhile (then try again). */
function readOwner(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined;
  }
}

export function acquireLock(path: string): DirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) return { release: () => rmSync(path, { force: true }) };
    const owner = readOwner(path);
    if (owner === undefined) continue;
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
      throw new Error(`the data directory is in use by process ${owner} (${path}); stop it first, or use DATABASE_URL for several processes`);
    }
    rmSync(path, { force: true });
  }
  throw new Error(`could not lock ${path}`);
}
