/**
 * The resolver tests' index (test/fixtures/resolver/index.json): small projects written as
 * name → version → { deps, python, yanked, sdistOnly }, served by the fake PyPI with the real
 * shapes — a wheel with its PEP 658 `.metadata` file and an sdist per release, or an sdist alone
 * (no `.metadata`, so only the JSON API's requires_dist says what it needs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFromRaw, type FakeProject, type RawFile, type RawRelease } from './pypi-data';

interface CompactRelease {
  readonly deps?: string[];
  readonly python?: string;
  readonly yanked?: boolean | string;
  readonly sdistOnly?: boolean;
}

export const RESOLVER_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'resolver');

export function resolverProjects(file = join(RESOLVER_FIXTURES, 'index.json')): FakeProject[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, CompactRelease> | string>;
  return Object.entries(raw)
    .filter((entry): entry is [string, Record<string, CompactRelease>] => typeof entry[1] !== 'string')
    .map(([name, releases]) => projectFromRaw({ name, summary: `${name} (resolver fixture)`, releases: Object.entries(releases).map(([version, r], i) => release(name, version, r, i)) }));
}

function release(name: string, version: string, compact: CompactRelease, order: number): RawRelease {
  const stem = `${name.replace(/-/g, '_')}-${version}`;
  const uploadTime = `2024-01-${String(order + 1).padStart(2, '0')}T12:00:00.000000Z`;
  const sdist: RawFile = { filename: `${stem}.tar.gz`, size: 2000, uploadTime };
  const wheel: RawFile = { filename: `${stem}-py3-none-any.whl`, size: 1000, uploadTime };
  return {
    version,
    files: compact.sdistOnly ? [sdist] : [wheel, sdist],
    requiresDist: compact.deps ?? [],
    ...(compact.python ? { requiresPython: compact.python } : {}),
    ...(compact.yanked !== undefined ? { yanked: compact.yanked } : {}),
  };
}
