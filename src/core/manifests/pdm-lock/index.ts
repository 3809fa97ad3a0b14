// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const pdmLockFormat: ManifestFormat = {
  kind: 'pdm-lock',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'pdm-lock'), problems: [lineProblem(path, 1, 'pdm-lock files are not read yet')] };
  },
};
