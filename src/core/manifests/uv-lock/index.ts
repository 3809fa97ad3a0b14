// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const uvLockFormat: ManifestFormat = {
  kind: 'uv-lock',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'uv-lock'), problems: [lineProblem(path, 1, 'uv-lock files are not read yet')] };
  },
};
