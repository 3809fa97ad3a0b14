/**
 * Hand-written requirements files (test/fixtures/requirements/), one per syntax and per kind of
 * bad input: every record with its exact ranges (also across `\` continuations, CRLF and a BOM),
 * every problem at its line and range, includes, index options and `# via`. The expected values
 * were checked against pip 23.2.1 where pip has an answer (see docs/conformance.md for the lines
 * where modern packaging and pip 23.2.1's vendored packaging 21.3 disagree).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '../../../../../src/core/manifests/registry';
import { isRequirementsFile, requirementsTxtFormat, type RequirementsParseOptions } from '../../../../../src/core/manifests/requirements-txt';
import type { Dependency, ParsedFile } from '../../../../../src/core/model/dependency';
import type { SourceRange } from '../../../../../src/core/model/range';
import { diskFiles, memoryFiles } from '../../../../helpers/files';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'requirements');
const AT = '/project/requirements';

function read(name: string, options: Partial<RequirementsParseOptions> = {}): ParsedFile {
  return requirementsTxtFormat.parse(readFileSync(join(FIXTURES, name), 'utf8'), `${AT}/${name}`, { env: {}, ...options });
}

/** A range as "line:char-line:char" (0-based), so expectations stay readable. */
function at(range: SourceRange): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

interface Expected {
  readonly line: number;
  readonly rawName: string;
  readonly name?: string;
  readonly specifier?: string;
  readonly extras?: readonly string[];
  readonly marker?: string | null;
  readonly url?: string | null;
  readonly editable?: boolean;
  readonly skipReason?: Dependency['skipReason'];
  readonly hashes?: readonly string[];
  readonly via?: readonly string[];
  /** name, specifier and whole-requirement ranges. */
  readonly ranges: readonly [string, string, string];
}

function checkRecords(parsed: ParsedFile, expected: readonly Expected[]): void {
  assert.deepEqual(
    parsed.dependencies.map((d) => d.line),
    expected.map((e) => e.line),
    'record lines',
  );
  parsed.dependencies.forEach((d, i) => {
    const e = expected[i]!;
    const actual = {
      rawName: d.rawName,
      name: d.name,
      specifier: d.specifier,
      extras: d.extras,
      marker: d.marker,
      url: d.url,
      editable: d.editable,
      skipReason: d.skipReason,
      hashes: d.hashes,
      via: d.via,
      ranges: [at(d.nameRange), at(d.specifierRange), at(d.requirementRange)],
      constraint: d.constraint,
      version: d.version,
      group: d.group,
      file: d.file,
    };
    const wanted = {
      rawName: e.rawName,
      name: e.name ?? e.rawName.toLowerCase().replace(/[-_.]+/g, '-'),
      specifier: e.specifier ?? '',
      extras: e.extras ?? [],
      marker: e.marker ?? null,
      url: e.url ?? null,
      editable: e.editable ?? false,
      skipReason: e.skipReason === undefined ? null : e.skipReason,
      hashes: e.hashes ?? [],
      via: e.via ?? [],
      ranges: e.ranges,
      constraint: false,
      version: null,
      group: null,
      file: parsed.path,
    };
    assert.deepEqual(actual, wanted, `record at line ${e.line}`);
  });
}

type ExpectedProblem = readonly [line: number, severity: 'error' | 'warning', message: string, range: string];

function checkProblems(parsed: ParsedFile, expected: readonly ExpectedProblem[]): void {
  assert.deepEqual(
    parsed.problems.map((p) => [p.line, p.severity, p.message, at(p.range)]),
    expected,
  );
}

describe('requirements files: hand-written fixtures', () => {
  describe('syntax.txt: every syntax pip reads', () => {
    const parsed = read('syntax.txt', { env: { PKG_NAME: 'envpkg', PKG_VERSION: '9.9' } });

    it('reads every requirement with its exact ranges', () => {
      checkRecords(parsed, [
        { line: 2, rawName: 'requests', specifier: '>=2.8.1,==2.8.*', extras: ['security', 'socks'], marker: 'python_version < "3.8"', skipReason: 'unpinned', ranges: ['1:0-1:8', '1:25-1:43', '1:0-1:68'] },
        { line: 3, rawName: 'Django', specifier: '==4.2.7', ranges: ['2:0-2:6', '2:6-2:13', '2:0-2:13'] },
        { line: 4, rawName: 'tabbed_name', specifier: '~=1.4.2', skipReason: 'unpinned', ranges: ['3:1-3:12', '3:12-3:19', '3:1-3:19'] },
        { line: 5, rawName: 'legacy', specifier: '>=1.0,<2.0', skipReason: 'unpinned', ranges: ['4:0-4:6', '4:7-4:19', '4:0-4:19'] },
        { line: 6, rawName: 'simplejson', specifier: '===3.19.1', ranges: ['5:0-5:10', '5:10-5:19', '5:0-5:19'] },
        { line: 7, rawName: 'unpinned', skipReason: 'unpinned', ranges: ['6:0-6:8', '6:8-6:8', '6:0-6:8'] },
        // Continued over four physical lines: the specifier starts on line 9 and ends on line 10.
        { line: 8, rawName: 'multi', specifier: '>=1.0,<2.0', marker: 'sys_platform == "win32"', skipReason: 'unpinned', ranges: ['7:0-7:5', '8:4-9:8', '7:0-10:29'] },
        { line: 12, rawName: 'pinned', specifier: '==1.0.0', hashes: ['sha256:aaaa', 'sha256:cccc', 'sha512:bbbb'], ranges: ['11:0-11:6', '11:6-11:13', '11:0-11:13'] },
        { line: 16, rawName: 'flask', url: 'https://files.example.com/flask-3.0.0-py3-none-any.whl', skipReason: 'url', ranges: ['15:0-15:5', '15:5-15:5', '15:0-15:62'] },
        { line: 17, rawName: 'werkzeug', url: 'git+https://github.com/pallets/werkzeug.git@3.0.1', marker: 'python_version >= "3.8"', skipReason: 'vcs', ranges: ['16:0-16:8', '16:8-16:8', '16:0-16:86'] },
        // A bare URL is named by its #egg= fragment, which is where the name range points.
        { line: 18, rawName: 'archived', url: 'https://example.com/archive/pkg-1.0.tar.gz#egg=archived&subdirectory=src', skipReason: 'url', ranges: ['17:47-17:55', '17:55-17:55', '17:0-17:72'] },
        // A bare wheel URL is named (and pinned) by its file name, as pip does.
        { line: 19, rawName: 'wheelpkg', specifier: '==2.1', url: 'https://example.com/wheels/wheelpkg-2.1-py3-none-any.whl', skipReason: 'url', ranges: ['18:0-18:56', '18:56-18:56', '18:0-18:56'] },
        { line: 20, rawName: 'editable_pkg', url: 'git+https://github.com/org/editable.git@main#egg=editable_pkg', editable: true, skipReason: 'vcs', ranges: ['19:52-19:64', '19:64-19:64', '19:3-19:64'] },
        { line: 21, rawName: 'other', extras: ['extra1'], url: 'git+ssh://git@github.com/org/other.git#egg=other[extra1]', editable: true, skipReason: 'vcs', ranges: ['20:54-20:59', '20:67-20:67', '20:11-20:67'] },
        { line: 22, rawName: 'configured', specifier: '==1.0', ranges: ['21:0-21:10', '21:10-21:15', '21:0-21:15'] },
        // ${PKG_NAME} and ${PKG_VERSION} expand; ranges cover the variables as written.
        { line: 23, rawName: 'envpkg', specifier: '==9.9', ranges: ['22:0-22:11', '22:11-22:27', '22:0-22:27'] },
        { line: 24, rawName: 'unset-var', skipReason: 'invalid', ranges: ['23:0-23:9', '23:9-23:9', '23:0-23:21'] },
      ]);
    });

    it('reports only the unset variable, left as written like pip (and refused by modern packaging)', () => {
      checkProblems(parsed, [[24, 'error', "Invalid requirement: 'unset-var==${NOT_SET}': Expected semicolon (after name with no version specifier) or end", '23:9-23:10']]);
    });

    it('returns -r and -c includes in every spelling, with the range of the target', () => {
      assert.deepEqual(
        parsed.includes.map((i) => [i.kind, i.target, i.line, at(i.range)]),
        [
          ['requirement', 'base.txt', 25, '24:3-24:11'],
          ['requirement', 'same-dir.txt', 26, '25:2-25:14'],
          ['requirement', 'nested/more.txt', 27, '26:14-26:29'],
          ['constraint', 'constraints.txt', 28, '27:3-27:18'],
          ['constraint', 'other-constraints.txt', 29, '28:13-28:34'],
        ],
      );
      assert.equal(parsed.indexOptions, null);
    });
  });

  describe('crlf-bom.txt: a byte order mark and CRLF line endings', () => {
    it('keeps ranges on the lines and columns an editor shows (BOM not counted)', () => {
      const parsed = read('crlf-bom.txt');
      checkRecords(parsed, [
        { line: 2, rawName: 'alpha', specifier: '==1.0', ranges: ['1:0-1:5', '1:5-1:10', '1:0-1:10'] },
        { line: 3, rawName: 'beta', specifier: '>=2.0', marker: 'os_name == "nt"', skipReason: 'unpinned', ranges: ['2:0-2:4', '3:2-3:7', '2:0-3:25'] },
        { line: 6, rawName: 'gamma', specifier: '==3.0', extras: ['x'], ranges: ['5:0-5:5', '5:8-5:13', '5:0-5:13'] },
      ]);
      checkProblems(parsed, []);
    });
  });

  describe('via.txt: pip-compile comments', () => {
    it('keeps the packages that pull each requirement in, and the input files that ask for it', () => {
      const parsed = read('via.txt');
      assert.deepEqual(
        parsed.dependencies.map((d) => [d.name, d.via]),
        [
          ['anyio', ['httpx', 'starlette', '-r requirements.in']],
          ['certifi', ['-r requirements.in']],
          ['httpx', ['my-project']],
          ['six', ['python-dateutil', 'jinja2']],
          ['idna', ['anyio', 'httpx']],
        ],
      );
    });
  });

  describe('options.txt: global options', () => {
    it('collects index options as pip applies them, line after line', () => {
      const parsed = read('options.txt');
      assert.deepEqual(parsed.indexOptions, {
        // -i replaces the index list pip had built, so the earlier --extra-index-url is dropped.
        indexUrl: 'https://mirror.example/simple',
        extraIndexUrls: ['https://extra.example/simple', 'https://abbreviated.example/simple'],
        // pip takes only the first -f of a line.
        findLinks: ['https://links.example/'],
        trustedHosts: ['mirror.example', 'extra.example'],
        pre: true,
        onlyBinary: [':all:', 'pillow'],
        noBinary: ['lxml'],
        noIndex: false,
        preferBinary: true,
        requireHashes: true,
        features: ['truststore'],
      });
      assert.deepEqual(parsed.dependencies.map((d) => d.name), ['requests']);
      checkProblems(parsed, []);
    });

    it('--no-index empties the index list', () => {
      const parsed = requirementsTxtFormat.parse('--extra-index-url https://x.example\n--no-index\n-i https://ignored.example\n', `${AT}/r.txt`, { env: {} });
      assert.deepEqual([parsed.indexOptions?.indexUrl, parsed.indexOptions?.extraIndexUrls, (parsed.indexOptions as { noIndex?: boolean }).noIndex], [null, [], true]);
    });
  });

  describe('bad.txt: bad input never stops the reading', () => {
    const probe: RequirementsParseOptions['probe'] = () => null;
    const parsed = read('bad.txt', { probe });

    it('keeps every line, the unreadable ones marked invalid', () => {
      checkRecords(parsed, [
        { line: 1, rawName: 'good', specifier: '==1.0', ranges: ['0:0-0:4', '0:4-0:9', '0:0-0:9'] },
        { line: 2, rawName: 'bad-marker', specifier: '==1.0', skipReason: 'invalid', ranges: ['1:0-1:10', '1:10-1:15', '1:0-1:40'] },
        { line: 3, rawName: 'bad-version', skipReason: 'invalid', ranges: ['2:0-2:11', '2:11-2:11', '2:0-2:18'] },
        { line: 4, rawName: 'bad-name', skipReason: 'invalid', ranges: ['3:0-3:8', '3:8-3:8', '3:0-3:14'] },
        { line: 5, rawName: 'wrong', skipReason: 'invalid', ranges: ['4:0-4:5', '4:5-4:5', '4:0-4:9'] },
        { line: 7, rawName: 'after-unknown', specifier: '==2.0', ranges: ['6:0-6:13', '6:13-6:18', '6:0-6:18'] },
        { line: 9, rawName: 'only-an-option', skipReason: 'unpinned', ranges: ['8:0-8:14', '8:14-8:14', '8:0-8:14'] },
        { line: 10, rawName: '', editable: true, skipReason: 'invalid', ranges: ['9:3-9:21', '9:21-9:21', '9:3-9:21'] },
        { line: 11, rawName: '', editable: true, skipReason: 'invalid', ranges: ['10:3-10:37', '10:37-10:37', '10:3-10:37'] },
        // The last line ends in '\': pip joins nothing to it and still reads it.
        { line: 12, rawName: 'still-read', specifier: '==3.0', ranges: ['11:0-11:10', '11:10-11:15', '11:0-11:15'] },
      ]);
    });

    it('reports each problem at its line and on the exact text', () => {
      const editable = 'It should either be a path to a local project or a VCS URL (beginning with bzr+http, bzr+https, bzr+ssh, bzr+sftp, bzr+ftp, bzr+lp, bzr+file, git+http, git+https, git+ssh, git+git, git+file, hg+file, hg+http, hg+https, hg+ssh, hg+static-http, svn+ssh, svn+http, svn+https, svn+svn, svn+file).';
      checkProblems(parsed, [
        [2, 'error', `Invalid marker: 'python_version >> "3.8"': Expected a marker variable or quoted string`, '1:33-1:34'],
        [3, 'error', "Invalid requirement: 'bad-version==1.0.x': Expected comma (within version specifier), semicolon (after version specifier) or end", '2:11-2:16'],
        [4, 'error', "Invalid requirement: 'bad-name!==1.0': Expected semicolon (after name with no version specifier) or end", '3:8-3:9'],
        [5, 'error', "Invalid requirement: 'wrong=1.0': Expected semicolon (after name with no version specifier) or end Hint: = is not a valid operator. Did you mean == ?", '4:5-4:6'],
        [6, 'error', 'no such option: --unknown-option', '5:0-5:16'],
        [6, 'warning', "pip ignores 'value' here: a line that starts with an option is read as options only", '5:17-5:22'],
        [7, 'error', 'no such option: --frobnicate', '6:19-6:31'],
        [8, 'error', 'Allowed hash algorithms for --hash are sha256, sha384, sha512.', '7:7-7:15'],
        [9, 'warning', "'--pre' has no effect on a line that names a requirement: pip applies only --hash, --config-settings and --global-option there", '8:15-8:20'],
        [10, 'error', `./not-a-vcs-or-dir is not a valid editable requirement. ${editable}`, '9:3-9:21'],
        [11, 'error', "Could not detect requirement name for 'git+https://example.com/no-egg.git', please specify one with #egg=your_package_name", '10:3-10:37'],
        [12, 'error', "Line continuation '\\' at the end of the file: nothing follows to join", '11:16-11:17'],
      ]);
    });

    it('without a probe, a local editable path is taken to exist (the core cannot look)', () => {
      const unprobed = read('bad.txt');
      const local = unprobed.dependencies.find((d) => d.line === 10)!;
      assert.deepEqual([local.url, local.skipReason], [`file://${AT}/not-a-vcs-or-dir`, 'path']);
      assert.ok(!unprobed.problems.some((p) => p.line === 10));
    });
  });

  describe('includes/: -r and -c through the registry', () => {
    it('follows -r and -c, marks constraints, and reports a missing file and a cycle at their lines', async () => {
      const root = join(FIXTURES, 'includes', 'main.txt');
      const files = await readManifest(root, diskFiles, { env: {} });
      assert.deepEqual(
        files.map((f) => [f.path.slice(FIXTURES.length + 1), f.dependencies.map((d) => `${d.line}:${d.name}${d.constraint ? ' (constraint)' : ''}`)]),
        [
          ['includes/main.txt', ['1:root']],
          ['includes/child.txt', ['1:child']],
          ['includes/pins.txt', ['1:root (constraint)', '2:pinned-only (constraint)']],
        ],
      );
      assert.deepEqual(
        files.map((f) => f.problems.map((p) => [p.line, p.severity, p.message, at(p.range)])),
        [[[3, 'error', "Could not open requirements file 'missing.txt'", '2:3-2:14']], [[2, 'warning', "'main.txt' includes itself through main.txt → child.txt; the cycle is read once", '1:3-1:11']], []],
      );
    });

    it('does not follow remote includes, and says so', () => {
      const parsed = requirementsTxtFormat.parse('-r https://example.com/reqs.txt\n', `${AT}/r.txt`, { env: {} });
      assert.deepEqual(parsed.includes, []);
      assert.deepEqual(parsed.problems.map((p) => [p.line, p.severity, at(p.range)]), [[1, 'warning', '0:3-0:31']]);
    });
  });

  describe('which files are requirements files', () => {
    const cases: [string, boolean][] = [
      ['/p/requirements.txt', true],
      ['/p/Requirements-Dev.TXT', true],
      ['/p/dev-requirements.txt', true],
      ['/p/requirements.in', true],
      ['/p/deps/base.in', true],
      ['/p/constraints.txt', true],
      ['/p/constraints-3.12.txt', true],
      ['/p/requirements/main.txt', true],
      ['/p/requirements/docs.in', true],
      ['/p/pyproject.toml', false],
      ['/p/notes.txt', false],
      ['/p/MANIFEST.in', false],
      ['/p/requirements/README.md', false],
    ];
    for (const [path, expected] of cases) it(`${path} → ${expected}`, () => assert.equal(isRequirementsFile(path), expected));
  });

  describe('small things pip does', () => {
    const one = (text: string, env: Record<string, string> = {}): ParsedFile => requirementsTxtFormat.parse(text, `${AT}/r.txt`, { env });

    it('a # without whitespace before it is part of a URL, not a comment', () => {
      assert.equal(one('https://example.com/pkg.zip#egg=pkg\n').dependencies[0]!.name, 'pkg');
    });

    it('a comment line ending in \\ does not continue, but a requirement line does, into a comment', () => {
      const parsed = one('# comment \\\nfoo==1 \\\n# swallowed\nbar==2\n');
      assert.deepEqual(parsed.dependencies.map((d) => [d.line, d.name]), [[2, 'foo'], [4, 'bar']]);
    });

    it('${VAR} expands only when set and not empty; $VAR and ${lower} stay as written', () => {
      const parsed = one('${A}==1\n$A==2\n${a}==3\n${EMPTY}==4\n', { A: 'alpha', EMPTY: '' });
      assert.deepEqual(parsed.dependencies.map((d) => [d.line, d.rawName, d.skipReason]), [[1, 'alpha', null], [2, '', 'invalid'], [3, '', 'invalid'], [4, '', 'invalid']]);
    });

    it('short, long, glued and abbreviated options all parse; shlex quoting works', () => {
      // --requirem abbreviates --requirement; --req would be ambiguous with --require-hashes.
      const parsed = one('-rone.txt\n--requirem two.txt\n-c "three four.txt"\n');
      assert.deepEqual(parsed.includes.map((i) => [i.kind, i.target, at(i.range)]), [['requirement', 'one.txt', '0:2-0:9'], ['requirement', 'two.txt', '1:11-1:18'], ['constraint', 'three four.txt', '2:3-2:19']]);
    });

    it('an ambiguous abbreviation, a flag with a value and a missing value are errors', () => {
      const parsed = one('--no foo\n--pre=1\n-r\n');
      assert.deepEqual(parsed.problems.map((p) => [p.line, p.message]), [
        [1, 'ambiguous option: --no (--no-binary, --no-index?)'],
        [1, "pip ignores 'foo' here: a line that starts with an option is read as options only"],
        [2, '--pre option does not take a value'],
        [3, '-r option requires 1 argument'],
      ]);
    });

    it('a --hash on an option line is ignored with pip\'s warning', () => {
      assert.deepEqual(one('--hash=sha256:abc\n').problems.map((p) => [p.severity, p.message]), [['warning', 'r.txt line 1 has --hash but no requirement, and will be ignored.']]);
    });

    it('a record for every requirement of an empty or comment-only file: none', () => {
      assert.deepEqual(one('').dependencies, []);
      assert.deepEqual(one('\n\n# only\n   \n\t\n').dependencies, []);
    });

    it('reads through the registry with an in-memory file source too', async () => {
      const files = await readManifest('/m/requirements.txt', memoryFiles({ '/m/requirements.txt': 'a==1\n-r sub/b.txt\n', '/m/sub/b.txt': 'b==2\n' }));
      assert.deepEqual(files.map((f) => [f.path, f.dependencies.map((d) => d.name)]), [['/m/requirements.txt', ['a']], ['/m/sub/b.txt', ['b']]]);
    });
  });
});
