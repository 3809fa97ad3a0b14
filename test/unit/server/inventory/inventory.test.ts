/**
 * The inventory of a fixture project, end to end: the snapshot, the corpus mirror, PyPI /
 * deps.dev / Scorecard answers fetched in the background from the faithful fakes, and the team's
 * decisions — checked column by column as CSV, and as CycloneDX 1.6 validated against the
 * schema the CycloneDX library ships, with VEX analyses for the accepted findings.
 */
import { strict as assert } from 'node:assert';
import { INVENTORY_COLUMNS, type Inventory, type InventoryRow } from '../../../../src/protocol/inventory';
import { DEFAULT_CONFIG } from '../../../../src/server/config';
import { csvCell } from '../../../../src/server/inventory/csv';
import { describeCorpus } from '../../../helpers/corpus';
import { testServer, type TestServer } from '../helpers/app';
import { importCorpus } from '../helpers/corpus-mirror';
import { cycloneDx16Validator } from '../helpers/cyclonedx-schema';
import { startHealthFakes, type HealthFakes } from '../helpers/health-fakes';
import { describeStores } from '../helpers/stores';

/** RFC 4180, as a spreadsheet reads it: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && !(c === '\r' && text[i + 1] === '\n'))) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else {
      row.push(cell);
      cell = '';
      if (c === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  assert.equal(cell + row.join(''), '', 'the text ends with CRLF');
  return rows;
}

const BEACH = [
  { name: 'Jinja2', version: '2.10', depth: 0, paths: [['jinja2']] },
  { name: 'django', version: '3.0', depth: 0, groups: ['group:web'], paths: [['django']] },
  { name: 'trusted_pub', version: '2.0.0', depth: 1, paths: [['django', 'trusted-pub']] },
  { name: 'archived-proj', version: '1.2.0', depth: 2, paths: [['django', 'trusted-pub', 'archived-proj']] },
  { name: 'no-such-package', version: '1.0', depth: 1, paths: [['jinja2', 'no-such-package']] },
];

describeCorpus('inventory', () => {
  describeStores('inventory of a fixture project', (ctx) => {
    let fakes: HealthFakes;
    let server: TestServer;
    let triager = '';
    before(async function () {
      this.timeout(60_000);
      await importCorpus(ctx.store());
      fakes = await startHealthFakes();
      server = await testServer(ctx.store(), { health: { ...DEFAULT_CONFIG.health, enabled: true } }, { health: fakes.sources });
      triager = (await server.request('GET', '/v1/whoami', { token: server.tokens.triager })).json<{ name: string }>().name;
      assert.equal((await server.request('PUT', '/v1/projects/beach/snapshot', { body: { packages: BEACH, source: 'uv.lock' } })).statusCode, 200);
      assert.equal((await server.request('PUT', '/v1/projects/other/snapshot', { body: { packages: [{ name: 'jinja2', version: '2.10', depth: 3 }] } })).statusCode, 200);
      const decide = async (body: object) => assert.equal((await server.request('POST', '/v1/decisions', { token: server.tokens.triager, body })).statusCode, 201);
      await decide({ package: 'jinja2', action: 'accept', reason: 'the sandbox is not used', advisory: 'PYSEC-2021-66', justification: 'code_not_reachable', expires: '2999-12-31' });
      await decide({ package: 'django', action: 'accept', reason: 'internal admin only, upgrade planned', expires: '2999-12-31' });
      await decide({ package: 'archived-proj', action: 'fork', reason: 'maintained fork', replacement: 'archived-proj-ng' });
    });
    after(async () => {
      await server?.stop();
      await fakes?.close();
    });

    it('says unknown, not clean, until the health data has been fetched in the background', async () => {
      const first = (await server.request('GET', '/v1/inventory?project=beach', { token: server.tokens.reader })).json<Inventory>();
      const levels = Object.fromEntries(first.rows.map((r) => [r.name, r.level]));
      // django's findings are all accepted (info), yet without PyPI's word on it that is not clean.
      assert.deepEqual(levels, { 'archived-proj': 'unknown', django: 'unknown', jinja2: 'medium', 'no-such-package': 'unknown', 'trusted-pub': 'unknown' });
      await server.refresher!.idle();
      assert.equal(fakes.pypi.count('json-project'), 5);
      assert.equal(fakes.scorecard.count('result'), 4);
    });

    it('exports CSV with the spreadsheet columns, checked column by column', async () => {
      const res = await server.request('GET', '/v1/inventory?project=beach&format=csv', { token: server.tokens.reader });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="beach-inventory.csv"');
      const [header, ...rows] = parseCsv(res.body);
      assert.deepEqual(header, [
        'Name', 'Author', 'Version', 'Description', 'Direct or transitive (depth)', 'Licences', 'PURL', 'PyPI URL', 'VCS URL',
        'Unpatched advisories', 'Trusted Publishing', 'Maintenance', 'Community', 'Risk level', 'Decision',
      ]);
      assert.deepEqual(header, INVENTORY_COLUMNS.map((c) => c.header));
      const expected: string[][] = [
        ['archived-proj', '', '1.2.0', 'Archived by its maintainers (PEP 792)', 'transitive (2)', 'MIT', 'pkg:pypi/archived-proj@1.2.0', 'https://pypi.org/project/archived-proj/1.2.0/',
          'https://github.com/example/archived-proj', '', 'no', 'archived', '', 'high', `fork → archived-proj-ng by ${triager}: maintained fork`],
        ['django', 'Django Software Foundation', '3.0', 'A high-level Python web framework that encourages rapid development and clean, pragmatic design.', 'direct', 'BSD-3-Clause',
          'pkg:pypi/django@3.0', 'https://pypi.org/project/django/3.0/', 'https://github.com/django/django',
          'PYSEC-2020-31; PYSEC-2020-32; PYSEC-2020-33; PYSEC-2020-34; PYSEC-2020-35; PYSEC-2020-36; PYSEC-2021-6; PYSEC-2021-9; PYSEC-2021-98; PYSEC-2021-99',
          'no', 'active', '', 'info', `accept by ${triager} until 2999-12-31: internal admin only, upgrade planned`],
        ['jinja2', 'Armin Ronacher', '2.10', 'A very fast and expressive template engine.', 'direct', 'BSD-3-Clause', 'pkg:pypi/jinja2@2.10', 'https://pypi.org/project/jinja2/2.10/',
          'https://github.com/pallets/jinja/', 'PYSEC-2019-217; PYSEC-2021-66', 'no', 'active', '', 'medium', `accept by ${triager} until 2999-12-31 (advisory PYSEC-2021-66): the sandbox is not used`],
        ['no-such-package', '', '1.0', '', 'transitive (1)', '', 'pkg:pypi/no-such-package@1.0', 'https://pypi.org/project/no-such-package/1.0/', '', '', 'unknown', 'unknown', '', 'high', ''],
        ['trusted-pub', 'Example Maintainers', '2.0.0', 'Every file published through Trusted Publishing, with PEP 740 provenance', 'transitive (1)', 'MIT', 'pkg:pypi/trusted-pub@2.0.0',
          'https://pypi.org/project/trusted-pub/2.0.0/', 'https://github.com/example/trusted-pub', '', 'yes', 'active', '1,234 stars; 56 open issues; Scorecard 7.1', 'info', ''],
      ];
      assert.equal(rows.length, expected.length);
      rows.forEach((row, r) => header!.forEach((column, c) => assert.equal(row[c], expected[r]![c], `${expected[r]![0]} / ${column}`)));
    });

    it('answers the same rows as JSON, with the projects using each package, for one project or for all', async () => {
      const all = (await server.request('GET', '/v1/inventory', { token: server.tokens.reader })).json<Inventory>();
      assert.equal(all.project, null);
      const jinja = all.rows.find((r) => r.name === 'jinja2') as InventoryRow;
      assert.deepEqual(jinja.projects, ['beach', 'other']);
      assert.equal(jinja.depth, 0);
      assert.equal(jinja.direct, true);
      assert.deepEqual(jinja.unpatchedAdvisories, ['PYSEC-2019-217', 'PYSEC-2021-66']);
      const trusted = all.rows.find((r) => r.name === 'trusted-pub') as InventoryRow;
      assert.equal(trusted.trustedPublishing, true);
      assert.deepEqual(trusted.licenses, ['MIT']);
      assert.equal((await server.request('GET', '/v1/inventory?project=nope')).statusCode, 404);
    });

    it('exports CycloneDX 1.6 that validates against the schema, with VEX analyses for accepted findings', async () => {
      const res = await server.request('GET', '/v1/inventory?project=beach&format=cyclonedx', { token: server.tokens.reader });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/vnd.cyclonedx+json; version="1.6"; charset=utf-8');
      assert.equal(cycloneDx16Validator()(res.body), null);
      const bom = JSON.parse(res.body) as {
        specVersion: string;
        metadata: { component: { name: string } };
        components: { name: string; version: string; purl: string; licenses?: unknown[]; externalReferences?: { type: string; url: string }[] }[];
        dependencies: { ref: string; dependsOn?: string[] }[];
        vulnerabilities: { id: string; affects: { ref: string }[]; analysis?: { state: string; justification?: string; response?: string[]; detail?: string }; recommendation?: string }[];
      };
      assert.equal(bom.specVersion, '1.6');
      assert.equal(bom.metadata.component.name, 'beach');
      assert.deepEqual(bom.components.map((c) => c.purl), ['pkg:pypi/archived-proj@1.2.0', 'pkg:pypi/django@3.0', 'pkg:pypi/jinja2@2.10', 'pkg:pypi/no-such-package@1.0', 'pkg:pypi/trusted-pub@2.0.0']);
      const deps = Object.fromEntries(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
      assert.deepEqual(deps['project'], ['pkg:pypi/django@3.0', 'pkg:pypi/jinja2@2.10']);
      assert.deepEqual(deps['pkg:pypi/django@3.0'], ['pkg:pypi/trusted-pub@2.0.0']);
      assert.deepEqual(deps['pkg:pypi/trusted-pub@2.0.0'], ['pkg:pypi/archived-proj@1.2.0']);
      assert.deepEqual(deps['pkg:pypi/jinja2@2.10'], ['pkg:pypi/no-such-package@1.0']);
      const byKey = new Map(bom.vulnerabilities.map((v) => [`${v.id}@${v.affects[0]!.ref}`, v]));
      assert.equal(bom.vulnerabilities.length, 12);
      const notAffected = byKey.get('PYSEC-2021-66@pkg:pypi/jinja2@2.10')!;
      assert.equal(notAffected.analysis?.state, 'not_affected');
      assert.equal(notAffected.analysis?.justification, 'code_not_reachable');
      assert.match(notAffected.analysis?.detail ?? '', /the sandbox is not used/);
      const open = byKey.get('PYSEC-2019-217@pkg:pypi/jinja2@2.10')!;
      assert.equal(open.analysis, undefined);
      assert.equal(open.recommendation, 'Upgrade to 2.10.1 or later.');
      const django = bom.vulnerabilities.filter((v) => v.affects[0]!.ref === 'pkg:pypi/django@3.0');
      assert.equal(django.length, 10);
      for (const v of django) {
        assert.equal(v.analysis?.state, 'exploitable', v.id);
        assert.deepEqual(v.analysis?.response, ['will_not_fix']);
      }
    });

    it('keeps spreadsheet formulas out of CSV cells', () => {
      assert.equal(csvCell('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`);
      assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvCell('+1'), "'+1");
      assert.equal(csvCell('plain'), 'plain');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('two\r\nlines'), '"two\r\nlines"');
    });
  });
});
