import { statSync } from 'node:fs';
import type { LocalPathProbe } from '../core/manifests/format';

/** What is at a path, for the requirements reader (pip decides local paths and editables by looking). */
export const diskProbe: LocalPathProbe = (path) => {
  try {
    const info = statSync(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : null;
  } catch {
    return null;
  }
};
