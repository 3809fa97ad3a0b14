/**
 * What the fake PyPI serves for the fixture workspace: every package its manifests and lock files
 * name, with the releases around the versions in use (dates as PyPI lists them), the one yanked
 * release (requests 2.32.0, with PyPI's reason), Trusted Publishing where the project uses it,
 * project URLs for "Fix upstream", and the forks the Fork picker offers. Hand-written: the fixture
 * is ours; the advisories come from the corpus.
 */
import { createHash } from 'node:crypto';
import type { FakeFile, FakeProject, FakePublisher } from '../../helpers/fakes/pypi-data';

type Release = readonly [version: string, uploaded: string, yanked?: string];

interface Spec {
  readonly name: string;
  readonly releases: readonly Release[];
  readonly source?: string;
  readonly homePage?: string;
  readonly license?: string;
  /** `owner/repo` of the GitHub workflow that publishes with Trusted Publishing. */
  readonly trusted?: string;
  readonly summary?: string;
}

const SPECS: readonly Spec[] = [
  { name: 'flask', releases: [['3.0.2', '2024-02-03'], ['3.0.3', '2024-04-07']], source: 'https://github.com/pallets/flask/', license: 'BSD-3-Clause', trusted: 'pallets/flask', summary: 'A simple framework for building complex web applications.' },
  { name: 'idna', releases: [['3.6', '2023-11-25'], ['3.7', '2024-04-11'], ['3.10', '2024-09-15']], source: 'https://github.com/kjd/idna', license: 'BSD-3-Clause', summary: 'Internationalized Domain Names in Applications (IDNA)' },
  { name: 'pywin32', releases: [['306', '2023-03-26']], source: 'https://github.com/mhammond/pywin32', license: 'PSF' },
  { name: 'pycrypto', releases: [['2.6', '2012-05-24'], ['2.6.1', '2013-10-17']], homePage: 'http://www.pycrypto.org/', source: 'https://github.com/dlitz/pycrypto', license: 'Public Domain', summary: 'Cryptographic modules for Python.' },
  { name: 'pycryptodome', releases: [['3.20.0', '2024-01-10'], ['3.21.0', '2024-10-02']], source: 'https://github.com/Legrandin/pycryptodome', license: 'BSD, Public Domain' },
  { name: 'attrs', releases: [['23.2.0', '2023-12-31'], ['24.2.0', '2024-08-06']], source: 'https://github.com/python-attrs/attrs', license: 'MIT', trusted: 'python-attrs/attrs' },
  { name: 'PyYAML', releases: [['5.3', '2020-01-06'], ['5.3.1', '2020-03-18'], ['5.4', '2021-01-20'], ['6.0.2', '2024-08-06']], source: 'https://github.com/yaml/pyyaml', license: 'MIT' },
  { name: 'pytest', releases: [['8.0.0', '2024-01-27'], ['8.3.3', '2024-09-10']], source: 'https://github.com/pytest-dev/pytest', license: 'MIT', trusted: 'pytest-dev/pytest' },
  { name: 'black', releases: [['24.1.0', '2024-01-26'], ['24.3.0', '2024-03-15'], ['24.10.0', '2024-10-07']], source: 'https://github.com/psf/black', license: 'MIT', trusted: 'psf/black' },
  { name: 'requests', releases: [['2.31.0', '2023-05-22'], ['2.32.0', '2024-05-20', 'Yanked due to conflicts with CVE-2024-35195 mitigation'], ['2.32.3', '2024-05-29']], source: 'https://github.com/psf/requests', license: 'Apache-2.0' },
  { name: 'fastapi', releases: [['0.109.0', '2024-01-11'], ['0.109.1', '2024-02-03'], ['0.115.2', '2024-10-12']], source: 'https://github.com/fastapi/fastapi', license: 'MIT' },
  { name: 'starlette', releases: [['0.35.1', '2024-01-11'], ['0.40.0', '2024-10-15']], source: 'https://github.com/encode/starlette', license: 'BSD-3-Clause' },
  { name: 'anyio', releases: [['4.2.0', '2023-12-16'], ['4.6.2', '2024-10-13']], source: 'https://github.com/agronholm/anyio', license: 'MIT' },
  { name: 'sniffio', releases: [['1.3.0', '2022-09-01'], ['1.3.1', '2024-02-25']], license: 'MIT OR Apache-2.0' },
  { name: 'typing_extensions', releases: [['4.9.0', '2023-12-10'], ['4.12.2', '2024-06-07']], license: 'PSF-2.0' },
  { name: 'aiohttp', releases: [['3.9.1', '2023-11-26'], ['3.9.2', '2024-01-28'], ['3.10.10', '2024-10-10']], source: 'https://github.com/aio-libs/aiohttp', license: 'Apache-2.0' },
  { name: 'aiosignal', releases: [['1.3.1', '2022-11-08']], license: 'Apache-2.0' },
  { name: 'frozenlist', releases: [['1.4.1', '2023-12-15']], license: 'Apache-2.0' },
  { name: 'multidict', releases: [['6.0.4', '2022-12-24'], ['6.1.0', '2024-09-09']], license: 'Apache-2.0' },
  { name: 'yarl', releases: [['1.9.4', '2023-12-06'], ['1.15.2', '2024-10-13']], license: 'Apache-2.0' },
  { name: 'iniconfig', releases: [['2.0.0', '2023-01-07']], license: 'MIT' },
  { name: 'packaging', releases: [['23.2', '2023-10-01'], ['24.1', '2024-06-10']], license: 'Apache-2.0 OR BSD-2-Clause' },
  { name: 'pluggy', releases: [['1.4.0', '2024-01-24'], ['1.5.0', '2024-04-20']], license: 'MIT' },
  { name: 'colorama', releases: [['0.4.6', '2022-10-25']], license: 'BSD-3-Clause' },
  { name: 'exceptiongroup', releases: [['1.2.0', '2023-11-21']], license: 'MIT' },
  { name: 'Django', releases: [['4.2.10', '2024-02-06'], ['4.2.11', '2024-03-04'], ['4.2.14', '2024-07-09'], ['4.2.15', '2024-08-06'], ['4.2.16', '2024-09-03'], ['5.1.2', '2024-10-08']], source: 'https://github.com/django/django', license: 'BSD-3-Clause' },
  { name: 'asgiref', releases: [['3.7.2', '2023-05-27'], ['3.8.1', '2024-03-22']], license: 'BSD-3-Clause' },
  { name: 'sqlparse', releases: [['0.4.4', '2023-04-18'], ['0.5.1', '2024-07-15']], license: 'BSD-3-Clause' },
  { name: 'tzdata', releases: [['2024.1', '2024-01-19'], ['2024.2', '2024-09-23']], license: 'Apache-2.0' },
  // Only the hover test's advisory names it: text an attacker wrote, shown to the user.
  { name: 'untrusted-demo', releases: [['1.0.0', '2024-09-01']], source: 'https://github.com/example/untrusted-demo', license: 'MIT' },
];

/**
 * Release dates are written as PyPI lists them, then moved by whole days so that 2024-10-15 is
 * today: ages ("20 days ago", "abandoned after two years") stay the same whenever the tests run.
 */
export const REFERENCE_DAY = '2024-10-15';
const DAY_MS = 86_400_000;
const SHIFT_MS = Math.floor((Date.now() - Date.parse(`${REFERENCE_DAY}T00:00:00Z`)) / DAY_MS) * DAY_MS;

/** A fixture date (YYYY-MM-DD as written above) as the fake index serves it. */
export function shifted(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + SHIFT_MS).toISOString().slice(0, 10);
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The one wheel of a release; its sha256 is that of its file name, so tests can predict it. */
export function wheelName(name: string, version: string): string {
  return `${normalized(name).replace(/-/g, '_')}-${version}-py3-none-any.whl`;
}

function file(spec: Spec, version: string, uploaded: string): FakeFile {
  const filename = wheelName(spec.name, version);
  const publisher: FakePublisher | null = spec.trusted ? { kind: 'GitHub', repository: spec.trusted, workflow: 'release.yml', environment: 'pypi' } : null;
  return { filename, size: 100_000, uploadTime: `${shifted(uploaded)}T00:00:00.000000Z`, sha256: sha256Of(filename), provenance: publisher, metadata: null };
}

export function fixtureIndex(): FakeProject[] {
  return SPECS.map((spec) => ({
    name: spec.name,
    normalized: normalized(spec.name),
    status: 'active',
    statusReason: null,
    statusInMeta: false,
    summary: spec.summary ?? `${spec.name} (fixture)`,
    author: `${spec.name} maintainers`,
    license: spec.license ?? '',
    licenseExpression: spec.license ?? null,
    classifiers: [],
    projectUrls: spec.source ? { Source: spec.source } : null,
    homePage: spec.homePage ?? '',
    maintainer: '',
    ownership: { roles: [], organization: null },
    lastSerial: Number.parseInt(sha256Of(spec.name).slice(0, 7), 16),
    releases: spec.releases.map(([version, uploaded, yanked]) => ({
      version,
      files: [file(spec, version, uploaded)],
      requiresDist: null,
      requiresPython: null,
      providesExtra: null,
      yanked: yanked ?? false,
    })),
  }));
}

/** Scorecard results for two repositories: idna has no security policy, pycrypto is not maintained. */
export function fixtureScorecards(): Map<string, Record<string, unknown>> {
  const result = (repo: string, score: number, checks: Record<string, number>) => ({
    date: shifted('2024-10-07'),
    repo: { name: repo, commit: '0'.repeat(40) },
    scorecard: { version: 'v5.0.0', commit: '1'.repeat(40) },
    score,
    checks: Object.entries(checks).map(([name, value]) => ({ name, score: value, reason: `${name} scored ${value}`, details: null, documentation: { short: name, url: `https://github.com/ossf/scorecard/blob/main/docs/checks.md#${name.toLowerCase()}` } })),
  });
  return new Map([
    ['github.com/kjd/idna', result('github.com/kjd/idna', 5.9, { Maintained: 10, 'Security-Policy': 0, 'Dangerous-Workflow': 10, 'Code-Review': 4 })],
    ['github.com/dlitz/pycrypto', result('github.com/dlitz/pycrypto', 2.1, { Maintained: 0, 'Security-Policy': 0, 'Dangerous-Workflow': 10, 'Code-Review': 0 })],
  ]);
}
