/**
 * The projects the fake PyPI serves: the hand-written fixture projects of test/fixtures/pypi/projects
 * (provenance on all, some or no files; archived, quarantined, deprecated; a yanked latest; only
 * pre-releases; a display name that is not normalised; a legacy version; requirements with extras
 * and markers) and real projects built from the corpus lock files (real versions, file names,
 * sizes, sha256 hashes and upload times).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUvLock, type LockedRelease } from './lock-files';
import { normalize } from './osv-evaluator';

export interface FakePublisher {
  readonly kind: string;
  readonly repository?: string;
  readonly workflow?: string;
  readonly workflow_filepath?: string;
  readonly environment?: string;
  readonly email?: string;
}

export interface FakeFile {
  readonly filename: string;
  readonly size: number;
  readonly uploadTime: string;
  readonly sha256: string;
  readonly provenance: FakePublisher | null;
  /** The PEP 658 metadata file's text, or null when the index offers none for this file. */
  readonly metadata: string | null;
}

export interface FakeRelease {
  readonly version: string;
  readonly files: readonly FakeFile[];
  readonly requiresDist: readonly string[] | null;
  readonly requiresPython: string | null;
  readonly providesExtra: readonly string[] | null;
  /** false, true, or the reason (PEP 592). */
  readonly yanked: boolean | string;
}

export interface FakeProject {
  readonly name: string;
  readonly normalized: string;
  readonly status: 'active' | 'archived' | 'quarantined' | 'deprecated';
  readonly statusReason: string | null;
  readonly statusInMeta: boolean;
  readonly summary: string;
  readonly author: string;
  readonly license: string;
  readonly licenseExpression: string | null;
  readonly classifiers: readonly string[];
  readonly projectUrls: Readonly<Record<string, string>> | null;
  readonly homePage: string;
  readonly maintainer: string;
  readonly ownership: { readonly roles: readonly { role: string; user: string }[]; readonly organization: string | null };
  readonly releases: readonly FakeRelease[];
  readonly lastSerial: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'pypi');

export type RawFile = { filename: string; size: number; uploadTime: string; sha256?: string; provenance?: FakePublisher | null; metadata?: boolean; metadataFile?: string };
export type RawRelease = { version: string; files: RawFile[]; requiresDist?: string[] | null; requiresPython?: string; providesExtra?: string[]; yanked?: boolean | string };
export type RawProject = Partial<Omit<FakeProject, 'releases' | 'normalized'>> & { name: string; releases: RawRelease[] };

export function fixtureProjects(): FakeProject[] {
  const directory = join(FIXTURES, 'projects');
  return readdirSync(directory).filter((file) => file.endsWith('.json')).sort().map((file) => fromRaw(JSON.parse(readFileSync(join(directory, file), 'utf8')) as RawProject));
}

/** Real projects from corpus uv.lock files; a project in several locks gets every version seen. */
export function lockProjects(...locks: string[][]): FakeProject[] {
  const byName = new Map<string, LockedRelease[]>();
  for (const lock of locks) {
    for (const release of readUvLock(...lock)) {
      const name = normalize(release.name);
      const known = byName.get(name) ?? [];
      if (!known.some((item) => item.version === release.version)) known.push(release);
      byName.set(name, known);
    }
  }
  return [...byName].map(([name, releases]) => fromRaw({
    name,
    summary: `${name} (from the corpus lock files)`,
    releases: releases.map((release) => ({
      version: release.version,
      requiresDist: release.dependencies.map((dep) => (dep.marker ? `${dep.name}; ${dep.marker}` : dep.name)),
      files: release.files.map((file) => ({ filename: file.filename, size: file.size, uploadTime: file.uploadTime ?? '2020-01-01T00:00:00Z', sha256: file.sha256, metadata: file.filename.endsWith('.whl') })),
    })),
  }));
}

/** A project written in the fixtures' shape (files, Requires-Dist, yanked…), with its metadata files made. */
export function projectFromRaw(raw: RawProject): FakeProject {
  return fromRaw(raw);
}

function fromRaw(raw: RawProject): FakeProject {
  const project: Omit<FakeProject, 'releases'> = {
    name: raw.name,
    normalized: normalize(raw.name),
    status: raw.status ?? 'active',
    statusReason: raw.statusReason ?? null,
    statusInMeta: raw.statusInMeta ?? false,
    summary: raw.summary ?? '',
    author: raw.author ?? '',
    license: raw.license ?? '',
    licenseExpression: raw.licenseExpression ?? null,
    classifiers: raw.classifiers ?? [],
    projectUrls: raw.projectUrls && Object.keys(raw.projectUrls).length > 0 ? raw.projectUrls : null,
    homePage: raw.homePage ?? '',
    maintainer: raw.maintainer ?? '',
    ownership: raw.ownership ?? { roles: [], organization: null },
    lastSerial: Number.parseInt(createHash('sha256').update(raw.name).digest('hex').slice(0, 7), 16),
  };
  return { ...project, releases: raw.releases.map((release) => fromRawRelease(project, release)) };
}

function fromRawRelease(project: Omit<FakeProject, 'releases'>, raw: RawRelease): FakeRelease {
  const release = {
    version: raw.version,
    requiresDist: raw.requiresDist ?? null,
    requiresPython: raw.requiresPython ?? null,
    providesExtra: raw.providesExtra ?? null,
    yanked: raw.yanked ?? false,
  };
  const files = raw.files.map((file): FakeFile => {
    const sha256 = file.sha256 || createHash('sha256').update(file.filename).digest('hex');
    const offered = file.metadataFile !== undefined || (file.metadata ?? file.filename.endsWith('.whl'));
    const text = file.metadataFile ? readFileSync(join(FIXTURES, 'metadata', file.metadataFile), 'utf8') : metadataText(project, release);
    return { filename: file.filename, size: file.size, uploadTime: file.uploadTime, sha256, provenance: file.provenance ?? null, metadata: offered ? text : null };
  });
  return { ...release, files };
}

/** Core metadata 2.4 for a release, as a wheel's METADATA would carry it. */
function metadataText(project: Omit<FakeProject, 'releases'>, release: Omit<FakeRelease, 'files'>): string {
  const lines = ['Metadata-Version: 2.4', `Name: ${project.name}`, `Version: ${release.version}`];
  if (project.summary) lines.push(`Summary: ${project.summary}`);
  if (project.author) lines.push(`Author: ${project.author}`);
  if (project.maintainer) lines.push(`Maintainer: ${project.maintainer}`);
  if (project.homePage) lines.push(`Home-page: ${project.homePage}`);
  if (project.licenseExpression) lines.push(`License-Expression: ${project.licenseExpression}`);
  else if (project.license) lines.push(`License: ${project.license}`);
  for (const classifier of project.classifiers) lines.push(`Classifier: ${classifier}`);
  for (const [label, url] of Object.entries(project.projectUrls ?? {})) lines.push(`Project-URL: ${label}, ${url}`);
  if (release.requiresPython) lines.push(`Requires-Python: ${release.requiresPython}`);
  for (const requirement of release.requiresDist ?? []) lines.push(`Requires-Dist: ${requirement}`);
  for (const extra of release.providesExtra ?? []) lines.push(`Provides-Extra: ${extra}`);
  return `${lines.join('\n')}\n\n${project.summary}\n`;
}
