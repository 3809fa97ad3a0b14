/**
 * PEP 740 provenance from the Integrity API (risk-data-apis.md §2.3). PyPI accepts attestations
 * only on Trusted Publishing uploads, so a file with provenance was trusted-published; a release
 * counts as such only when EVERY file has provenance (as Warehouse's `Release.trusted_published`).
 * The publisher identity comes from `attestation_bundles[].publisher`: GitHub (`repository`,
 * `workflow`), GitLab (`repository`, `workflow_filepath`) or Google (`email`).
 */
import type { Provenance, Publisher } from '../../core/model/package-info';
import { isObject, stringOrNull } from '../outcome';

export const INTEGRITY_ACCEPT = 'application/vnd.pypi.integrity.v1+json';

export function readPublisher(body: unknown): Publisher | null {
  if (!isObject(body) || !Array.isArray(body['attestation_bundles'])) return null;
  for (const bundle of body['attestation_bundles']) {
    if (!isObject(bundle) || !isObject(bundle['publisher'])) continue;
    const publisher = bundle['publisher'];
    const kind = stringOrNull(publisher['kind']);
    if (!kind) continue;
    return {
      kind,
      repository: stringOrNull(publisher['repository']),
      workflow: stringOrNull(publisher['workflow']) ?? stringOrNull(publisher['workflow_filepath']),
      email: stringOrNull(publisher['email']),
    };
  }
  return null;
}

export function provenanceOf(files: number, filesWithProvenance: number, publisher: Publisher | null): Provenance {
  return { trustedPublishing: files > 0 && filesWithProvenance === files, publisher, filesWithProvenance, files };
}
