import { readFile } from 'node:fs/promises';
import type { FileSource } from '../../src/core/ports';

/** A FileSource over in-memory texts, for hand-written fixtures. */
export function memoryFiles(files: Record<string, string>): FileSource {
  return { read: async (path) => files[path] };
}

/** A FileSource over the real disk (the corpus, test/fixtures). */
export const diskFiles: FileSource = {
  read: (path) => readFile(path, 'utf8').then((t) => t, () => undefined),
};
