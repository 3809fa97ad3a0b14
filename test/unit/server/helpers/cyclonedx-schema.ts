/**
 * A validator for CycloneDX 1.6 JSON built from the schemas the CycloneDX library ships
 * (res/schema), with ajv and ajv-formats configured as the library's own validator does. The
 * library's validator also wants ajv-formats-draft2019 for one format (`idn-email`), which is not
 * installed: that format is checked here by a plain pattern instead.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SCHEMAS = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');

function schema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
}

export function cycloneDx16Validator(): (json: string) => ErrorObject[] | null {
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': schema('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': schema('cryptography-defs.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': schema('jsf-0.82.SNAPSHOT.schema.json'),
    },
  });
  addFormats(ajv);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  ajv.addFormat('iri-reference', true);
  const validate = ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'));
  return (json) => (validate(JSON.parse(json)) ? null : (validate.errors ?? []));
}
