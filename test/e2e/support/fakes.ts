/**
 * The fake OSV, PyPI, deps.dev and Scorecard servers on 127.0.0.1 (test/helpers/fakes), started
 * by whoever drives the editor: the integration suite inside the extension host, or the UI checks
 * in the playwright process. OSV serves the corpus's 2,661 PyPA advisories (read in place); PyPI
 * serves the fixture workspace's packages (index-data.ts). `settings` are the beachcomber.* values
 * that point the extension at them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OsvRecord } from '../../../src/core/model/advisory';
import { FakeDepsDev } from '../../helpers/fakes/depsdev';
import { FakeOsv } from '../../helpers/fakes/osv';
import { FakePypi } from '../../helpers/fakes/pypi';
import { FakeScorecard } from '../../helpers/fakes/scorecard';
import { fixtureIndex, fixtureScorecards } from './index-data';

export interface Fakes {
  readonly osv: FakeOsv;
  readonly pypi: FakePypi;
  readonly depsDev: FakeDepsDev;
  readonly scorecard: FakeScorecard;
  /** beachcomber.* settings (without the prefix) that point at these servers. */
  readonly settings: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** The project's root: the folder whose package.json names beachcomber (this file may run from a bundle in out/). */
export function projectRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'beachcomber') return dir;
  }
  throw new Error(`no beachcomber package.json above ${__dirname}`);
}

/** The shared corpus, read in place: $BEACHCOMBER_CORPUS, else ../shared/corpus beside the project. */
export function corpusDir(): string {
  return process.env.BEACHCOMBER_CORPUS ?? join(projectRoot(), '..', 'shared', 'corpus');
}

/** Whether the corpus is here: suites that assert on its advisories skip without it (CI has it). */
export function hasCorpus(): boolean {
  return existsSync(advisoryFile());
}

/**
 * For a mocha `before` or `it`: skips what follows, saying why, when the corpus is absent. The
 * fakes still start without it (no advisories), so what does not depend on them still runs.
 */
export function needsCorpus(context: { skip(): void }): void {
  if (hasCorpus()) return;
  console.log(`skipped: corpus not found (looked in ${corpusDir()}); set BEACHCOMBER_CORPUS`);
  context.skip();
}

export function advisoryFile(): string {
  return join(corpusDir(), 'osv', 'pypa-advisories.jsonl');
}

export function pypaAdvisories(): OsvRecord[] {
  if (!hasCorpus()) return [];
  return readFileSync(advisoryFile(), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as OsvRecord);
}

export async function startFakes(): Promise<Fakes> {
  const osv = await new FakeOsv({ records: pypaAdvisories() }).start();
  const pypi = await new FakePypi({ projects: fixtureIndex() }).start();
  const depsDev = await new FakeDepsDev([], []).start();
  const scorecard = await new FakeScorecard(fixtureScorecards()).start();
  return {
    osv,
    pypi,
    depsDev,
    scorecard,
    settings: {
      'osv.url': osv.url,
      'index.url': `${pypi.url}/simple/`,
      'index.jsonUrl': `${pypi.url}/pypi/`,
      'depsDev.url': depsDev.url,
      'scorecard.url': scorecard.url,
    },
    async close() {
      await Promise.all([osv.close(), pypi.close(), depsDev.close(), scorecard.close()]);
    },
  };
}
