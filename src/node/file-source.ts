import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FileSource } from '../core/ports';

/** The disk as a FileSource; a missing or unreadable file reads as undefined, never as an error. */
export const diskFileSource: FileSource = {
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Absolute, '/'-separated paths, the form the core works with. */
export function toCorePath(path: string): string {
  return resolve(path).replace(/\\/g, '/');
}
