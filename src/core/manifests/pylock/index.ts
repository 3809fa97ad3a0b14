// Placeholder until this format's reader lands: it reads nothing and says so.
import { emptyParsedFile, lineProblem, type ManifestFormat } from '../format';

export const pylockFormat: ManifestFormat = {
  kind: 'pylock',
  matches: () => false,
  parse(_text, path) {
    return { ...emptyParsedFile(path, 'pylock'), problems: [lineProblem(path, 1, 'pylock files are not read yet')] };
  },
};
