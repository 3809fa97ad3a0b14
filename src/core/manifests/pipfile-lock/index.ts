// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const pipfileLockFormat: ManifestFormat = {
  kind: 'pipfile-lock',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'pipfile-lock'), problems: [lineProblem(path, 1, 'pipfile-lock files are not read yet')] };
  },
};
