/**
 * A small map we ship of well-known unmaintained or renamed packages and what replaced them, for
 * the Fork and Forgo pickers (next to the team's own decisions and a free-text choice). Only
 * entries we are sure about, each with its reason and a source a reviewer can check.
 */
import { normalizeName } from '../versions';

export interface CuratedReplacement {
  readonly name: string;
  /** fork: same code, maintained by others; successor: the project's own replacement; rename: the same project under its new name. */
  readonly kind: 'fork' | 'successor' | 'rename';
  readonly note?: string;
}

export interface CuratedFork {
  /** PEP 503 normalised. */
  readonly package: string;
  readonly replacements: readonly CuratedReplacement[];
  readonly reason: string;
  readonly source: string;
}

export const CURATED_FORKS: readonly CuratedFork[] = [
  {
    package: 'pycrypto',
    replacements: [{ name: 'pycryptodome', kind: 'fork', note: 'drop-in: keeps the Crypto package name' }],
    reason: 'No release since 2.6.1 (2013) and known vulnerabilities such as CVE-2013-7459; PyCryptodome is a maintained fork.',
    source: 'https://github.com/Legrandin/pycryptodome',
  },
  {
    package: 'pypdf2',
    replacements: [{ name: 'pypdf', kind: 'successor' }],
    reason: 'PyPDF2 is deprecated: its development moved back to pypdf, where fixes are released.',
    source: 'https://pypdf.readthedocs.io/en/latest/meta/history.html',
  },
  {
    package: 'nose',
    replacements: [
      { name: 'pytest', kind: 'successor', note: 'runs most nose-style tests' },
      { name: 'nose2', kind: 'successor' },
      { name: 'pynose', kind: 'fork', note: 'keeps the nose API' },
    ],
    reason: 'nose has been in maintenance mode since 2015 (its own docs point to nose2, pytest or unittest) and does not run on Python 3.10+.',
    source: 'https://nose.readthedocs.io/en/latest/',
  },
  {
    package: 'beautifulsoup',
    replacements: [{ name: 'beautifulsoup4', kind: 'successor' }],
    reason: 'Beautiful Soup 3 supports Python 2 only and is no longer developed; Beautiful Soup 4 replaces it.',
    source: 'https://www.crummy.com/software/BeautifulSoup/',
  },
  {
    package: 'sklearn',
    replacements: [{ name: 'scikit-learn', kind: 'rename' }],
    reason: "The 'sklearn' name on PyPI is a deprecated stub whose installation fails on purpose; the project is scikit-learn.",
    source: 'https://github.com/scikit-learn/sklearn-pypi-package',
  },
  {
    package: 'python-jose',
    replacements: [
      { name: 'pyjwt', kind: 'successor', note: 'JWT only' },
      { name: 'joserfc', kind: 'successor', note: 'full JOSE: JWS, JWE, JWK, JWT' },
    ],
    reason: 'python-jose had no release from 2021 to 2025 while CVE-2024-33663 and CVE-2024-33664 were open; PyJWT and joserfc are actively maintained.',
    source: 'https://nvd.nist.gov/vuln/detail/CVE-2024-33663',
  },
  {
    package: 'pep8',
    replacements: [{ name: 'pycodestyle', kind: 'rename' }],
    reason: 'pep8 was renamed pycodestyle in 2016; the old name gets no updates.',
    source: 'https://github.com/PyCQA/pycodestyle',
  },
  {
    package: 'pep257',
    replacements: [{ name: 'pydocstyle', kind: 'rename' }],
    reason: 'pep257 was renamed pydocstyle; the old name gets no updates.',
    source: 'https://github.com/PyCQA/pydocstyle',
  },
  {
    package: 'msgpack-python',
    replacements: [{ name: 'msgpack', kind: 'rename' }],
    reason: "Since 0.5 (2018) msgpack is published as 'msgpack'; 'msgpack-python' is the old, deprecated name.",
    source: 'https://github.com/msgpack/msgpack-python',
  },
  {
    package: 'tensorflow-gpu',
    replacements: [{ name: 'tensorflow', kind: 'successor' }],
    reason: 'tensorflow-gpu was removed at the end of 2022; GPU support ships in the tensorflow package.',
    source: 'https://pypi.org/project/tensorflow-gpu/',
  },
  {
    package: 'oauth2client',
    replacements: [
      { name: 'google-auth', kind: 'successor' },
      { name: 'oauthlib', kind: 'successor' },
    ],
    reason: 'oauth2client is deprecated; its maintainers recommend google-auth and oauthlib.',
    source: 'https://github.com/googleapis/oauth2client',
  },
  {
    package: 'distribute',
    replacements: [{ name: 'setuptools', kind: 'successor' }],
    reason: 'distribute was merged back into setuptools in 2013 (setuptools 0.7).',
    source: 'https://pypi.org/project/distribute/',
  },
  {
    package: 'pil',
    replacements: [{ name: 'pillow', kind: 'fork', note: 'keeps the PIL import name' }],
    reason: 'PIL has had no release since 1.1.7 (2009); Pillow is its maintained fork.',
    source: 'https://pillow.readthedocs.io/en/stable/about.html',
  },
  {
    package: 'mysql-python',
    replacements: [{ name: 'mysqlclient', kind: 'fork', note: 'keeps the MySQLdb import name' }],
    reason: 'MySQL-python supports Python 2 only and has had no release since 2014; mysqlclient is its maintained fork.',
    source: 'https://github.com/PyMySQL/mysqlclient',
  },
  {
    package: 'boto',
    replacements: [{ name: 'boto3', kind: 'successor' }],
    reason: 'boto is no longer maintained and has been replaced by boto3.',
    source: 'https://github.com/boto/boto',
  },
  {
    package: 'flask-restplus',
    replacements: [{ name: 'flask-restx', kind: 'fork' }],
    reason: 'Flask-RESTPlus stopped being maintained; Flask-RESTX is its community fork.',
    source: 'https://github.com/python-restx/flask-restx',
  },
  {
    package: 'aioredis',
    replacements: [{ name: 'redis', kind: 'successor', note: 'as redis.asyncio' }],
    reason: 'aioredis was merged into redis-py 4.2 (redis.asyncio) and is no longer developed.',
    source: 'https://github.com/aio-libs/aioredis-py',
  },
  {
    package: 'slackclient',
    replacements: [{ name: 'slack-sdk', kind: 'successor' }],
    reason: 'slackclient (v2) is superseded by slack_sdk (v3), which gets the fixes.',
    source: 'https://github.com/slackapi/python-slack-sdk',
  },
  {
    package: 'django-rest-swagger',
    replacements: [
      { name: 'drf-spectacular', kind: 'successor' },
      { name: 'drf-yasg', kind: 'successor' },
    ],
    reason: 'django-rest-swagger is no longer maintained; its README points to drf-yasg.',
    source: 'https://github.com/marcgibbons/django-rest-swagger',
  },
  {
    package: 'toml',
    replacements: [
      { name: 'tomli', kind: 'successor', note: 'reading; the standard library has it as tomllib since Python 3.11' },
      { name: 'tomli-w', kind: 'successor', note: 'writing' },
    ],
    reason: 'toml implements an old TOML draft and has had no release since 2020; tomli implements TOML 1.0 and became the standard library tomllib (PEP 680).',
    source: 'https://peps.python.org/pep-0680/',
  },
];

const BY_NAME = new Map(CURATED_FORKS.map((entry) => [entry.package, entry]));

/** The curated entry for a package (any spelling of its name), if we ship one. */
export function curatedReplacements(name: string): CuratedFork | undefined {
  return BY_NAME.get(normalizeName(name));
}
