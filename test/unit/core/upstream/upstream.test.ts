import assert from 'node:assert/strict';
import { DEFAULT_MAX_URL_LENGTH, SHORTENED_NOTE, draftUpstream, newIssueUrl, parseRepositoryUrl, repositoryFrom, type Repository } from '../../../../src/core/upstream';

const GITHUB: Repository = { host: 'github', owner: 'encode', name: 'starlette', url: 'https://github.com/encode/starlette' };
const GITLAB: Repository = { host: 'gitlab', owner: 'group/sub', name: 'proj', url: 'https://gitlab.com/group/sub/proj' };

/** The query parameters of a link, decoded. */
function params(url: string): Record<string, string> {
  const query = url.slice(url.indexOf('?') + 1);
  return Object.fromEntries(query.split('&').map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]));
}

describe('upstream: the package\'s repository from its project URLs', () => {
  it('parses GitHub and GitLab URLs in their usual spellings', () => {
    const rows: [string, string | null][] = [
      ['https://github.com/encode/starlette', 'https://github.com/encode/starlette'],
      ['https://github.com/encode/starlette/', 'https://github.com/encode/starlette'],
      ['https://www.github.com/encode/starlette.git', 'https://github.com/encode/starlette'],
      ['git+https://github.com/encode/starlette.git', 'https://github.com/encode/starlette'],
      ['git@github.com:encode/starlette.git', 'https://github.com/encode/starlette'],
      ['https://github.com/encode/starlette/issues', 'https://github.com/encode/starlette'],
      ['https://github.com/encode/starlette/blob/master/CHANGELOG.md#x', 'https://github.com/encode/starlette'],
      ['http://GitHub.com/encode/starlette?tab=readme', 'https://github.com/encode/starlette'],
      ['https://gitlab.com/group/sub/proj', 'https://gitlab.com/group/sub/proj'],
      ['https://gitlab.com/group/sub/proj/-/issues/12', 'https://gitlab.com/group/sub/proj'],
      ['https://gitlab.com/group/proj.git', 'https://gitlab.com/group/proj'],
      ['https://github.com/encode', null],
      ['https://github.com/sponsors/encode', null],
      ['https://bitbucket.org/a/b', null],
      ['https://github.com.evil.example/a/b', null],
      ['https://github.com/a/b%22onclick', null],
      ['https://github.com/../b', null],
    ];
    for (const [url, expected] of rows) assert.equal(parseRepositoryUrl(url)?.url ?? null, expected, url);
    assert.deepEqual(parseRepositoryUrl('https://gitlab.com/group/sub/proj'), GITLAB);
  });

  it('prefers the source repository to the issue tracker, the homepage and the rest', () => {
    const urls = {
      Documentation: 'https://github.com/docs-org/docs',
      Homepage: 'https://github.com/home/page',
      'Bug Tracker': 'https://github.com/encode/tracker/issues',
      'Source Code': 'https://github.com/encode/starlette',
    };
    assert.equal(repositoryFrom(urls)?.url, 'https://github.com/encode/starlette');
    assert.equal(repositoryFrom({ Documentation: 'https://docs.example.com', Issues: 'https://gitlab.com/g/p/-/issues' })?.url, 'https://gitlab.com/g/p');
    assert.equal(repositoryFrom({ Documentation: 'https://docs.example.com' }, 'https://github.com/a/b')?.url, 'https://github.com/a/b');
    assert.equal(repositoryFrom({ Homepage: 'https://example.com' }), null);
  });
});

describe('upstream: new-issue links', () => {
  it('encodes title and body for GitHub', () => {
    const link = newIssueUrl(GITHUB, { title: 'Add a security policy (SECURITY.md) & more?', body: 'Line 1\nLine 2: 100% #1 a+b=c ü 😀', labels: ['security', 'good first issue'] });
    assert.equal(link.url, 'https://github.com/encode/starlette/issues/new?title=Add%20a%20security%20policy%20(SECURITY.md)%20%26%20more%3F&body=Line%201%0ALine%202%3A%20100%25%20%231%20a%2Bb%3Dc%20%C3%BC%20%F0%9F%98%80&labels=security%2Cgood%20first%20issue');
    assert.deepEqual(params(link.url), { title: 'Add a security policy (SECURITY.md) & more?', body: 'Line 1\nLine 2: 100% #1 a+b=c ü 😀', labels: 'security,good first issue' });
    assert.equal(link.shortened, false);
  });

  it('uses GitLab\'s issue[...] parameters and its confidential flag', () => {
    const link = newIssueUrl(GITLAB, { title: 'T', body: 'B', labels: ['ignored'], confidential: true });
    assert.equal(link.url, 'https://gitlab.com/group/sub/proj/-/issues/new?issue%5Btitle%5D=T&issue%5Bdescription%5D=B&issue%5Bconfidential%5D=true');
  });

  it('keeps the whole link under the cap, shortening the body and saying so', () => {
    const body = `${'word '.repeat(2000)}😀😀😀`;
    const link = newIssueUrl(GITHUB, { title: 'Long', body });
    assert.ok(link.url.length <= DEFAULT_MAX_URL_LENGTH, `${link.url.length}`);
    assert.ok(link.url.length > DEFAULT_MAX_URL_LENGTH - 20, 'uses the room it has');
    assert.equal(link.shortened, true);
    assert.ok(link.body.endsWith(SHORTENED_NOTE));
    assert.equal(params(link.url).body, link.body);
    const emoji = newIssueUrl(GITHUB, { title: 'E', body: '😀'.repeat(1000) }, 500);
    assert.ok(emoji.url.length <= 500);
    assert.doesNotThrow(() => decodeURIComponent(emoji.url), 'never cuts a surrogate pair');
    assert.ok(params(emoji.url).body!.startsWith('😀😀'));
  });
});

describe('upstream: drafts', () => {
  it('drafts a security policy request with GitHub\'s guide', () => {
    const draft = draftUpstream('security-policy', { package: 'starlette', repository: GITHUB });
    assert.equal(draft.title, 'Add a security policy (SECURITY.md)');
    assert.ok(draft.url.startsWith('https://github.com/encode/starlette/issues/new?title=Add%20a%20security%20policy'));
    assert.match(draft.body, /adding-a-security-policy-to-your-repository/);
    assert.equal(params(draft.url).body, draft.body);
    assert.equal(draft.privateText, null);
  });

  it('drafts a Trusted Publishing proposal with PyPI\'s docs', () => {
    const draft = draftUpstream('trusted-publishing', { package: 'starlette', repository: GITLAB });
    assert.match(draft.body, /https:\/\/docs\.pypi\.org\/trusted-publishers\//);
    assert.ok(draft.url.startsWith('https://gitlab.com/group/sub/proj/-/issues/new?'));
  });

  it('points out a dangerous workflow without exploit details, and says when to report privately', () => {
    const draft = draftUpstream('dangerous-workflow', { package: 'starlette', repository: GITHUB, workflow: '.github/workflows/pr.yml' });
    assert.match(draft.body, /\(\.github\/workflows\/pr\.yml\)/);
    assert.match(draft.body, /#dangerous-workflow/);
    assert.deepEqual(draft.notes, ['If you believe the workflow can be exploited today, report it privately instead (Fix upstream → report an unpatched advisory).']);
  });

  it('never puts an advisory\'s details in a public link', () => {
    const advisory = { id: 'GHSA-2c2j-9gv5-cj73', aliases: ['CVE-2025-54121'], summary: 'Starlette blocks the event loop when parsing large multipart files' };
    const github = draftUpstream('unpatched-advisory', { package: 'starlette', version: '0.47.1', repository: GITHUB, advisory });
    assert.equal(github.url, 'https://github.com/encode/starlette/security/advisories/new');
    assert.equal(github.body, '');
    assert.match(github.privateText!, /^starlette 0\.47\.1 is affected by GHSA-2c2j-9gv5-cj73, CVE-2025-54121, and no released version fixes it yet\.\nSummary: Starlette blocks/);
    const fallback = params(github.fallbackUrl!);
    assert.equal(fallback.title, 'How can we report a security issue privately?');
    for (const secret of ['GHSA-2c2j', 'CVE-2025', 'multipart', '0.47.1']) {
      assert.ok(!github.fallbackUrl!.includes(secret) && !fallback.body!.includes(secret), `${secret} leaked into the public fallback`);
    }
    const gitlab = draftUpstream('unpatched-advisory', { package: 'starlette', repository: GITLAB, advisory });
    assert.equal(params(gitlab.url)['issue[confidential]'], 'true');
    for (const secret of ['GHSA-2c2j', 'CVE-2025', 'multipart']) assert.ok(!decodeURIComponent(gitlab.url).includes(secret), `${secret} in the GitLab link`);
    assert.match(gitlab.privateText!, /GHSA-2c2j-9gv5-cj73/);
  });
});
