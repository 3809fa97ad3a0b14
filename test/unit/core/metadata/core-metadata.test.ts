import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCoreMetadata } from '../../../../src/core/metadata';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'pypi', 'metadata', name), 'utf8');

describe('core/metadata', () => {
  it('reads every field of a Metadata-Version 2.4 file, the body as description', () => {
    const { metadata, problems } = parseCoreMetadata(fixture('demo_extras-2.0.0.metadata'));
    assert.deepEqual(problems, []);
    assert.equal(metadata.metadataVersion, '2.4');
    assert.equal(metadata.name, 'Demo_Extras');
    assert.equal(metadata.version, '2.0.0');
    assert.equal(metadata.requiresPython, '>=3.9');
    assert.deepEqual(metadata.requiresDist, [
      'requests[socks]>=2.31',
      'tomli>=1.1; python_version < "3.11"',
      'pywin32>=306; sys_platform == "win32"',
      'rich; extra == "cli"',
      'pytest>=8; extra == "test"',
    ]);
    assert.deepEqual(metadata.providesExtra, ['cli', 'test']);
    assert.equal(metadata.licenseExpression, 'Apache-2.0 OR MIT');
    assert.equal(metadata.license, null);
    assert.deepEqual(metadata.licenseFiles, ['LICENSE-APACHE', 'LICENSE-MIT']);
    assert.deepEqual(metadata.projectUrls, { Source: 'https://github.com/example/demo-extras', Issues: 'https://github.com/example/demo-extras/issues' });
    assert.equal(metadata.authorEmail, '"A. Developer" <dev@example.org>');
    assert.equal(metadata.maintainer, 'Team Demo');
    assert.deepEqual(metadata.dynamic, ['license-file']);
    assert.equal(metadata.description, '# Demo extras\n\nA long description in the message body,\nwith: a colon that is not a header.');
    assert.deepEqual(metadata.fields['description-content-type'], ['text/markdown']);
  });

  it('joins folded header lines and reads the legacy Home-page and License fields', () => {
    const text = [
      'Metadata-Version: 1.1',
      'Name: legacy',
      'Version: 0.7.10p1',
      'Home-page: http://legacy.example.org/',
      'License: BSD',
      'Description: first line',
      '        |second line',
      '        third line',
      'Platform: UNKNOWN',
    ].join('\r\n');
    const { metadata, problems } = parseCoreMetadata(text);
    assert.deepEqual(problems, []);
    assert.equal(metadata.version, '0.7.10p1');
    assert.equal(metadata.license, 'BSD');
    assert.deepEqual(metadata.projectUrls, { Homepage: 'http://legacy.example.org/' });
    assert.equal(metadata.description, 'first line\nsecond line\nthird line');
    assert.deepEqual(metadata.requiresDist, []);
  });

  it('never throws: bad lines, repeated single fields and missing required fields become problems', () => {
    const text = 'Name: one\nthis is not a header\nName: two\nRequires-Dist: a\nRequires-Dist: b\n';
    const { metadata, problems } = parseCoreMetadata(text, 'x.metadata');
    assert.equal(metadata.name, 'one');
    assert.deepEqual(metadata.requiresDist, ['a', 'b']);
    assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message, p.range.start.line, p.range.end.character]), [
      [2, 'error', 'not a "Name: value" header line', 1, 20],
      [3, 'warning', 'name given more than once; the first value is used', 2, 4],
      [1, 'warning', 'core metadata has no metadata-version field', 0, 0],
      [1, 'warning', 'core metadata has no version field', 0, 0],
    ]);
    assert.ok(problems.every((p) => p.file === 'x.metadata'));
  });

  it('reads an empty or binary-looking text without throwing', () => {
    for (const text of ['', '\uFEFF', ':::', '\n\n\n', 'A'.repeat(10_000), 'Name:\u0000\u00ff']) {
      const { metadata, problems } = parseCoreMetadata(text);
      assert.equal(typeof metadata, 'object');
      for (const p of problems) assert.ok(p.range.start.line >= 0 && p.range.start.line < text.split(/\r\n|\r|\n/).length);
    }
  });
});
