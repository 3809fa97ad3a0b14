// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const pyprojectFormat: ManifestFormat = {
  kind: 'pyproject',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'pyproject'), problems: [lineProblem(path, 1, 'pyproject files are not read yet')] };
  },
};
