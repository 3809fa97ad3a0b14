/**
 * The health sources of a test server: the faithful PyPI, deps.dev and Scorecard fakes on
 * 127.0.0.1, fed with the PyPI fixture projects, two real-world projects of test/fixtures/server
 * and a deps.dev / Scorecard record for `trusted-pub`, driven by the real datasources clients.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DepsDevClient } from '../../../../src/datasources/depsdev/client';
import { createHttpClient, type HttpClient } from '../../../../src/datasources/http';
import { PypiIndex } from '../../../../src/datasources/pypi/index';
import { ScorecardClient } from '../../../../src/datasources/scorecard/client';
import type { HealthSources } from '../../../../src/server/signals/refresher';
import { FakeDepsDev } from '../../../helpers/fakes/depsdev';
import { FakePypi } from '../../../helpers/fakes/pypi';
import { fixtureProjects, type FakeProject } from '../../../helpers/fakes/pypi-data';
import { FakeScorecard } from '../../../helpers/fakes/scorecard';

function normalize(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Hand-written projects in the fake's shape (the fake's own fixture reader is private to it). */
function serverProjects(): FakeProject[] {
  const raw = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'server', 'pypi-projects.json'), 'utf8')) as {
    name: string; summary: string; author: string; license: string; projectUrls: Record<string, string>;
    releases: { version: string; files: { filename: string; size: number; uploadTime: string }[] }[];
  }[];
  return raw.map((p, i) => ({
    name: p.name, normalized: normalize(p.name), status: 'active', statusReason: null, statusInMeta: false, summary: p.summary, author: p.author,
    license: p.license, licenseExpression: p.license, classifiers: [], projectUrls: p.projectUrls, homePage: '', maintainer: '',
    ownership: { roles: [], organization: null }, lastSerial: 1000 + i,
    releases: p.releases.map((r) => ({
      version: r.version, requiresDist: [], requiresPython: null, providesExtra: null, yanked: false,
      files: r.files.map((f) => ({ ...f, sha256: normalize(f.filename).padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, '0'), provenance: null, metadata: null })),
    })),
  }));
}

export interface HealthFakes {
  readonly pypi: FakePypi;
  readonly depsDev: FakeDepsDev;
  readonly scorecard: FakeScorecard;
  readonly sources: HealthSources;
  close(): Promise<void>;
}

export async function startHealthFakes(): Promise<HealthFakes> {
  const pypi = await new FakePypi({ projects: [...fixtureProjects(), ...serverProjects()] }).start();
  const depsDev = await new FakeDepsDev(
    [
      {
        name: 'trusted-pub',
        version: '2.0.0',
        licenses: ['MIT'],
        links: [{ label: 'SOURCE_REPO', url: 'https://github.com/example/trusted-pub' }],
        relatedProjects: [{ id: 'github.com/example/trusted-pub', relationProvenance: 'UNVERIFIED_METADATA', relationType: 'SOURCE_REPO' }],
      },
    ],
    [{ id: 'github.com/example/trusted-pub', starsCount: 1234, openIssuesCount: 56 }],
  ).start();
  const check = (name: string, score: number, reason: string) => ({ name, score, reason, details: [], documentation: { short: '', url: '' } });
  const scorecard = await new FakeScorecard(
    new Map([
      ['github.com/example/trusted-pub', {
        date: '2026-08-01',
        repo: { name: 'github.com/example/trusted-pub', commit: 'a'.repeat(40) },
        scorecard: { version: 'v5.2.1', commit: 'b'.repeat(40) },
        score: 7.1,
        checks: [check('Maintained', 10, 'active'), check('Security-Policy', 0, 'security policy file not detected'), check('Dangerous-Workflow', 10, 'no dangerous workflow patterns detected')],
      }],
    ]),
  ).start();
  const http: HttpClient = createHttpClient({ env: {}, retry: { attempts: 1 } });
  const sources: HealthSources = {
    index: new PypiIndex({ http, simpleUrl: `${pypi.url}/simple/`, jsonUrl: `${pypi.url}/pypi/` }),
    depsDev: new DepsDevClient({ http, baseUrl: depsDev.url }),
    scorecard: new ScorecardClient({ http, baseUrl: scorecard.url }),
  };
  return {
    pypi,
    depsDev,
    scorecard,
    sources,
    async close() {
      await Promise.all([pypi.close(), depsDev.close(), scorecard.close()]);
      await http.close();
    },
  };
}
