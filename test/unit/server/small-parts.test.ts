/** Entity tags, the rate limiter and repository URLs: small pure parts with sharp edges. */
import { strict as assert } from 'node:assert';
import { RateLimiter } from '../../../src/server/auth/rate-limit';
import { generateToken, hashToken } from '../../../src/server/auth/tokens';
import { decisionEtag, ifMatchHolds, parseIfMatch } from '../../../src/server/http/etag';
import { githubRepository } from '../../../src/server/signals/refresher';

describe('server small parts', () => {
  it('compare If-Match strongly (RFC 9110 §13.1.1)', () => {
    const tag = decisionEtag('abc', 3);
    assert.equal(tag, '"abc.3"');
    assert.deepEqual(parseIfMatch(' "a", W/"b" ,"c"'), ['"a"', 'W/"b"', '"c"']);
    assert.equal(ifMatchHolds('"abc.3"', tag), true);
    assert.equal(ifMatchHolds('W/"abc.3"', tag), false);
    assert.equal(ifMatchHolds('"abc.2", "abc.3"', tag), true);
    assert.equal(ifMatchHolds('*', tag), true);
    assert.equal(ifMatchHolds('abc.3', tag), false);
  });

  it('admit a burst, then the sustained rate, and say when to come back', () => {
    const limiter = new RateLimiter({ perSecond: 10, burst: 2 });
    assert.deepEqual([limiter.take('t', 0), limiter.take('t', 0), limiter.take('t', 0)].map((a) => a.allowed), [true, true, false]);
    assert.deepEqual(limiter.take('t', 0), { allowed: false, retryAfterSeconds: 1 });
    assert.equal(limiter.take('other', 0).allowed, true);
    assert.equal(limiter.take('t', 100).allowed, true);
    assert.equal(limiter.take('t', 100).allowed, false);
    const slow = new RateLimiter({ perSecond: 0.2, burst: 1 });
    slow.take('t', 0);
    assert.deepEqual(slow.take('t', 0), { allowed: false, retryAfterSeconds: 5 });
    assert.equal(new RateLimiter({ perSecond: 0, burst: 0 }).take('t', 0).allowed, true);
  });

  it('make tokens of 256 random bits and hash them with SHA-256', () => {
    const a = generateToken();
    assert.match(a, /^bcs_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, generateToken());
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.match(hashToken(a), /^[0-9a-f]{64}$/);
  });

  it('read GitHub repositories from project URLs in their many spellings', () => {
    assert.equal(githubRepository('https://github.com/pallets/jinja/'), 'github.com/pallets/jinja');
    assert.equal(githubRepository('https://github.com/Pallets/Jinja.git'), 'github.com/pallets/jinja');
    assert.equal(githubRepository('git@github.com:pallets/jinja.git'), 'github.com/pallets/jinja');
    assert.equal(githubRepository('https://github.com/pallets/jinja/tree/main/docs'), 'github.com/pallets/jinja');
    assert.equal(githubRepository('github.com/example/trusted-pub'), 'github.com/example/trusted-pub');
    assert.equal(githubRepository('https://gitlab.com/a/b'), null);
    assert.equal(githubRepository(null), null);
  });
});
