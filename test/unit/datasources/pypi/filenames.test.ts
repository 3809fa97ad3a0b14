import { strict as assert } from 'node:assert';
import { versionFromFilename } from '../../../../src/datasources/pypi/filenames';
import { readSimpleJson } from '../../../../src/datasources/pypi/simple';

describe('datasources/pypi/filenames', () => {
  const cases: [string, string, string | null][] = [
    ['flask-3.1.3-py3-none-any.whl', 'flask', '3.1.3'],
    ['Flask-0.1.tar.gz', 'flask', '0.1'],
    ['python_dateutil-2.9.0.post0-py2.py3-none-any.whl', 'python-dateutil', '2.9.0.post0'],
    ['python-dateutil-2.8.2.tar.gz', 'python-dateutil', '2.8.2'],
    ['zope.interface-6.0-cp311-cp311-manylinux_2_17_x86_64.whl', 'zope-interface', '6.0'],
    ['pywin32-306-1-cp312-cp312-win_amd64.whl', 'pywin32', '306'],
    ['legacy-ver-0.7.10p1.tar.gz', 'legacy-ver', '0.7.10p1'],
    ['Display_Name.Pkg-3.0.0.zip', 'display-name-pkg', '3.0.0'],
    ['setuptools-0.6c11-py2.7.egg', 'setuptools', '0.6c11'],
    ['other-1.0.tar.gz', 'flask', null],
    ['flask-1.0-py3-none.whl', 'flask', null],
  ];
  for (const [filename, project, version] of cases) {
    it(`${filename} → ${version}`, () => assert.equal(versionFromFilename(filename, project), version));
  }
});

describe('datasources/pypi/simple (PEP 691 JSON)', () => {
  it('tolerates missing optional fields and unknown ones, and skips files it cannot use', () => {
    const page = readSimpleJson({
      meta: { 'api-version': '1.1' },
      name: 'pkg',
      files: [
        { filename: 'pkg-1.0.tar.gz', url: '../../files/pkg-1.0.tar.gz', hashes: {}, unknown: 1 },
        { filename: 'pkg-1.1-py3-none-any.whl', url: 'https://files.example/pkg-1.1-py3-none-any.whl', hashes: { sha256: 'ab' }, yanked: '', 'data-dist-info-metadata': true },
        { url: 'no-filename' },
        'not an object',
      ],
    }, 'https://index.example/simple/pkg/', 'pkg');
    assert.deepEqual(page, {
      name: 'pkg',
      versions: null,
      status: null,
      statusReason: null,
      lastSerial: null,
      files: [
        { filename: 'pkg-1.0.tar.gz', url: 'https://index.example/files/pkg-1.0.tar.gz', version: '1.0', sha256: null, size: null, uploadTime: null, requiresPython: null, yanked: false, yankedReason: null, metadataSha256: null, provenanceUrl: null },
        { filename: 'pkg-1.1-py3-none-any.whl', url: 'https://files.example/pkg-1.1-py3-none-any.whl', version: '1.1', sha256: 'ab', size: null, uploadTime: null, requiresPython: null, yanked: false, yankedReason: null, metadataSha256: '', provenanceUrl: null },
      ],
    });
    assert.equal(readSimpleJson({ name: 'pkg' }, 'https://index.example/simple/pkg/', 'pkg'), null);
    assert.equal(readSimpleJson('nope', 'https://index.example/simple/pkg/', 'pkg'), null);
  });
});
