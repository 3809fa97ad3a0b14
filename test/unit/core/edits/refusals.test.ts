/**
 * What the planners refuse, and why (the UI shows the reason instead of offering the action), and
 * the requirements-file layouts around `--hash` that the fixtures do not cover.
 */
import assert from 'node:assert/strict';
import { applyPlan, planFix, planForgo, planFork } from '../../../../src/core/edits';
import { normalizeHashes } from '../../../../src/core/edits/wording';
import { parse, planOf, recordOf } from './helpers';

const HASH = '3'.repeat(64);

function fixText(path: string, text: string, name: string, version: string, hashes?: string[]): string {
  const dependency = recordOf(parse(path, text), name);
  const plan = planOf(planFix({ file: { path, text }, dependency, version, style: 'pin', hashes }));
  return applyPlan({ [path]: text }, plan)[path]!;
}

describe('edits: refusals', () => {
  const req = '/ws/requirements.txt';
  const text = 'flask @ https://example.com/flask-2.0.0.tar.gz\n-e git+https://github.com/pallets/click.git#egg=click\nrequests==2.31.0\n';

  it('refuses to change a version of a URL or VCS requirement', () => {
    for (const name of ['flask', 'click']) {
      const dependency = recordOf(parse(req, text), name);
      const result = planFix({ file: { path: req, text }, dependency, version: '3.0', style: 'pin' });
      assert.equal(result.ok, false, name);
      assert.match((result as { reason: string }).reason, /not from an index release; edit it by hand/);
    }
  });

  it('refuses names that are not PEP 508 names, and forking a package into itself', () => {
    const dependency = recordOf(parse(req, text), 'requests');
    assert.deepEqual(planFork({ file: { path: req, text }, dependency, fork: 'not a name' }), { ok: false, reason: "'not a name' is not a valid package name (PEP 508)" });
    assert.deepEqual(planFork({ file: { path: req, text }, dependency, fork: 'Requests' }), { ok: false, reason: 'Requests is the package itself' });
    assert.deepEqual(planForgo({ file: { path: req, text }, dependency, replacement: { name: '-x' } }), { ok: false, reason: "'-x' is not a valid package name (PEP 508)" });
  });

  it('never edits a lock file', () => {
    const dependency = recordOf(parse(req, text), 'requests');
    for (const path of ['/ws/uv.lock', '/ws/poetry.lock', '/ws/pdm.lock', '/ws/pylock.toml', '/ws/pylock.dev.toml', '/ws/Pipfile.lock']) {
      assert.deepEqual(planFix({ file: { path, text }, dependency, version: '2.32.3', style: 'pin' }), { ok: false, reason: 'lock files are written by their tool: change the manifest and re-lock' }, path);
    }
  });

  it('refuses hashes pip would not accept', () => {
    const hashed = `requests==2.31.0 --hash=sha256:${HASH}\n`;
    const dependency = recordOf(parse(req, hashed), 'requests');
    const result = planFix({ file: { path: req, text: hashed }, dependency, version: '2.32.3', style: 'pin', hashes: ['sha256:abc'] });
    assert.deepEqual(result, { ok: false, reason: 'not hashes pip accepts (algorithm:hex): sha256:abc' });
    assert.deepEqual(normalizeHashes([HASH, `SHA512:${'A'.repeat(128)}`]), [`sha256:${HASH}`, `sha512:${'a'.repeat(128)}`]);
    assert.equal(normalizeHashes(['md5:0123456789abcdef0123456789abcdef']), null);
  });

  it('refuses Poetry dependencies with several constraints or without a version', () => {
    const path = '/ws/pyproject.toml';
    const toml = [
      '[tool.poetry.dependencies]',
      'numpy = [{ version = "<1.25", python = "<3.9" }, { version = ">=1.25", python = ">=3.9" }]',
      'click = { git = "https://github.com/pallets/click.git", branch = "main" }',
      '',
    ].join('\n');
    const parsed = parse(path, toml);
    const numpy = parsed.dependencies.find((d) => d.name === 'numpy')!;
    const result = planFix({ file: { path, text: toml }, dependency: numpy, version: '1.26.4', style: 'lower-bound' });
    assert.deepEqual(result, { ok: false, reason: 'this dependency has several constraints (one per Python or platform); edit them by hand' });
    const click = recordOf(parsed, 'click');
    assert.equal(planFix({ file: { path, text: toml }, dependency: click, version: '8.1.7', style: 'pin' }).ok, false);
  });

  it('refuses a PEP 508 string that points to a URL', () => {
    const path = '/ws/pyproject.toml';
    const toml = '[project]\nname = "x"\nversion = "1"\ndependencies = ["flask @ https://example.com/flask-2.0.0.tar.gz"]\n';
    const dependency = recordOf(parse(path, toml), 'flask');
    assert.equal(planFix({ file: { path, text: toml }, dependency, version: '3.0', style: 'pin' }).ok, false);
  });
});

describe('edits: --hash layouts in requirements files', () => {
  const path = '/ws/requirements.txt';

  it('keeps other per-requirement options when it removes hashes', () => {
    const text = `pkg==1.0 --config-settings key=value --hash=sha256:${HASH}  # keep me\nnext==1\n`;
    assert.equal(fixText(path, text, 'pkg', '1.1'), 'pkg==1.1 --config-settings key=value  # keep me\nnext==1\n');
  });

  it('removes hashes on continuation lines and the continuation they leave dangling', () => {
    const text = `pkg==1.0 \\\n    --hash=sha256:${HASH} \\\n    --hash=sha256:${'4'.repeat(64)}\nnext==1\n`;
    assert.equal(fixText(path, text, 'pkg', '1.1'), 'pkg==1.1\nnext==1\n');
  });

  it('keeps a comment line that ends the continuation', () => {
    const text = `pkg==1.0 \\\n    --hash=sha256:${HASH} \\\n    # via other\nnext==1\n`;
    assert.equal(fixText(path, text, 'pkg', '1.1'), 'pkg==1.1 \\\n    # via other\nnext==1\n');
  });

  it('puts new hashes where the old ones were, one per line in pip-compile\'s layout', () => {
    const text = `pkg==1.0 \\\n    --hash=sha256:${HASH}\n    # via other\n`;
    const out = fixText(path, text, 'pkg', '1.1', [`sha256:${'5'.repeat(64)}`, '6'.repeat(64)]);
    assert.equal(out, `pkg==1.1 \\\n    --hash=sha256:${'5'.repeat(64)} \\\n    --hash=sha256:${'6'.repeat(64)}\n    # via other\n`);
  });

  it('keeps a marker and options written after it', () => {
    const text = `pkg==1.0 ; python_version < "3.12" --hash=sha256:${HASH}\n`;
    assert.equal(fixText(path, text, 'pkg', '1.1'), 'pkg==1.1 ; python_version < "3.12"\n');
  });

  it('says plainly when no other requirement keeps pip in hash-checking mode', () => {
    const text = `pkg==1.0 --hash=sha256:${HASH}\nnext==1\n`;
    const dependency = recordOf(parse(path, text), 'pkg');
    const plan = planOf(planFix({ file: { path, text }, dependency, version: '1.1', style: 'pin' }));
    assert.deepEqual(plan.notes, [
      'Removed the --hash options of pkg: they match the files of the old release, and pip rejects a release whose files do not match.',
      'Regenerate the hashes with `pip-compile --generate-hashes` or `uv pip compile --generate-hashes`.',
    ]);
    assert.equal(plan.title, 'Pin pkg to 1.1 (==1.1) (hashes removed)');
  });

  it('removes a requirement at the end of a file without a final line break', () => {
    const text = 'a==1\nb==2 \\\n  --hash=sha256:' + HASH;
    const dependency = recordOf(parse(path, text), 'b');
    const plan = planOf(planForgo({ file: { path, text }, dependency }));
    assert.equal(applyPlan({ [path]: text }, plan)[path], 'a==1');
  });
});

describe('edits: TOML strings with escapes', () => {
  const path = '/ws/pyproject.toml';
  const toml = '[project]\nname = "x"\nversion = "1"\ndependencies = [\n    "to\\u006dli>=1.1.0; python_version < \\"3.11\\"",\n]\n';

  it('maps the specifier and the name through escapes', () => {
    const dependency = recordOf(parse(path, toml), 'tomli');
    const fixed = applyPlan({ [path]: toml }, planOf(planFix({ file: { path, text: toml }, dependency, version: '2.0.1', style: 'lower-bound' })))[path]!;
    assert.equal(fixed.split('\n')[4], '    "to\\u006dli>=2.0.1; python_version < \\"3.11\\"",');
    const forked = applyPlan({ [path]: toml }, planOf(planFork({ file: { path, text: toml }, dependency, fork: 'tomli-ng' })))[path]!;
    assert.equal(forked.split('\n')[4], '    "tomli-ng; python_version < \\"3.11\\"",');
    const after = recordOf(parse(path, forked), 'tomli-ng');
    assert.equal(after.marker, 'python_version < "3.11"');
  });
});
