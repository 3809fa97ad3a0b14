import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFor } from '../core/manifests/registry';
import { toCorePath } from './file-source';

/** Folders that hold installed or generated code, never a project's own manifests. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '.tox', '.nox', '__pycache__', 'site-packages', '.mypy_cache', '.pytest_cache', 'dist', 'build', '.vscode-test']);

/** Every file under `root` that some format reads, sorted, as core paths. A file argument is returned as is. */
export async function findManifestFiles(root: string): Promise<string[]> {
  const info = await stat(root);
  if (!info.isDirectory()) return [toCorePath(root)];
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile() && formatFor(toCorePath(path))) {
        out.push(toCorePath(path));
      }
    }
  }
  await walk(root);
  return out.sort();
}
