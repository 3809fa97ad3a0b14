// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const requirementsTxtFormat: ManifestFormat = {
  kind: 'requirements',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'requirements'), problems: [lineProblem(path, 1, 'requirements files are not read yet')] };
  },
};
