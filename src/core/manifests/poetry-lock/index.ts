// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const poetryLockFormat: ManifestFormat = {
  kind: 'poetry-lock',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'poetry-lock'), problems: [lineProblem(path, 1, 'poetry-lock files are not read yet')] };
  },
};
