/**
 * The shared corpus (real manifests, lock files, advisories, golden answers) is third-party data:
 * it is read in place from ../shared/corpus or $BEACHCOMBER_CORPUS, never copied here. Suites that
 * need it skip with "skipped: corpus not found" where it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(process.env.BEACHCOMBER_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus'));

export const corpusFound = existsSync(join(CORPUS, 'SOURCES.md'));

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}

/** A mocha `describe` that skips, saying why, when the corpus is absent. */
export function describeCorpus(title: string, body: (this: Mocha.Suite) => void): void {
  if (corpusFound) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it('skipped: corpus not found', function () {
      console.log(`      skipped: corpus not found (looked in ${CORPUS})`);
      this.skip();
    });
  });
}
