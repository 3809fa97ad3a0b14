/**
 * A PackageIndex for PyPI and private indexes. The Simple API (JSON, or HTML where that is all an
 * index speaks) gives files, yanked state, provenance URLs and PEP 792 status; the JSON API, where
 * there is one, adds upload times of every release, licence, URLs and maintainers; without it,
 * PEP 658 `.metadata` files give a release's requirements. Credentials (user:password in the URL,
 * or given apart, or a bearer token) go to the index's own origin only.
 */
import type { ProjectInfo, Provenance, ReleaseFile, ReleaseInfo } from '../../core/model/package-info';
import type { Cache, CacheKind, Clock, Outcome, PackageIndex } from '../../core/ports';
import { normalizeName } from '../../core/versions';
import { Freshness } from '../cached';
import type { HttpClient } from '../http';
import { isNotFound, notFound } from '../outcome';
import { fetchJsonProject, fetchJsonRelease, fetchMetadata, fetchPublisher, fetchSimple, type IndexContext, type MetadataSummary } from './fetch';
import { isWheel } from './filenames';
import { provenanceOf } from './integrity';
import type { JsonProject, JsonRelease } from './json-api';
import { filesOf, latestOf, releasesFromSimple, withStale } from './releases';
import type { SimpleFile, SimplePage } from './simple';

export const PYPI_SIMPLE = 'https://pypi.org/simple/';
export const PYPI_JSON = 'https://pypi.org/pypi/';

export type IndexAuth = { readonly username: string; readonly password: string } | { readonly token: string };

export interface PypiIndexOptions {
  readonly http: HttpClient;
  /** The Simple API root; `https://user:pass@host/simple/` carries basic-auth credentials. */
  readonly simpleUrl?: string;
  /** The JSON API root, or null for an index without one; PyPI's by default only for PyPI. */
  readonly jsonUrl?: string | null;
  readonly auth?: IndexAuth | null;
  readonly cache?: Cache | null;
  readonly clock?: Clock;
  readonly ttlMs?: Partial<Record<CacheKind, number>>;
  /** Names the index in stale notes. */
  readonly source?: string;
  /**
   * For a resolver: a release's requirements from its PEP 658/714 `.metadata` file when the Simple
   * API offers one (the very file pip and uv read: small, static, and the same for every wheel),
   * the JSON API only for a release without one; and a project from its Simple page alone, which
   * lists every version with its yanked state and Requires-Python, without the JSON project page
   * (PyPI's largest answer) or the newest release's metadata for its licence and links.
   */
  readonly metadataFirst?: boolean;
}

export class PypiIndex implements PackageIndex {
  private readonly context: IndexContext;
  private readonly freshness: Freshness;
  private readonly cacheScope: string;
  private readonly metadataFirst: boolean;

  constructor(options: PypiIndexOptions) {
    this.metadataFirst = options.metadataFirst === true;
    const { url, authorization } = splitCredentials(options.simpleUrl ?? PYPI_SIMPLE, options.auth ?? null);
    const jsonUrl = options.jsonUrl === undefined ? (url === PYPI_SIMPLE ? PYPI_JSON : null) : options.jsonUrl;
    this.context = { http: options.http, simpleUrl: url, jsonUrl: jsonUrl == null ? null : withSlash(jsonUrl), authorization };
    this.cacheScope = url;
    this.freshness = new Freshness({ cache: options.cache ?? null, clock: options.clock ?? Date, source: options.source ?? 'pypi', ...(options.ttlMs ? { ttlMs: options.ttlMs } : {}) });
  }

  async project(name: string): Promise<Outcome<ProjectInfo>> {
    const n = normalizeName(name);
    const withJson = this.context.jsonUrl != null && !this.metadataFirst;
    const [simple, json] = await Promise.all([this.simple(n), withJson ? this.jsonProject(n) : Promise.resolve(null)]);
    if (simple.status !== 'ok' && !isNotFound(simple)) return simple;
    if (json && json.status !== 'ok' && !isNotFound(json)) return json;
    const page = simple.status === 'ok' ? simple.value : null;
    const rich = json?.status === 'ok' ? json.value : null;
    if (!page && !rich) return notFound(`${new URL(this.context.simpleUrl).host}: ${n} is not on the index`);
    const releases = rich ? rich.releases : releasesFromSimple(page as SimplePage);
    const latest = latestOf(releases);
    const metadata = !this.context.jsonUrl && !this.metadataFirst && page && latest ? await this.latestMetadata(page, latest) : null;
    const info: ProjectInfo = {
      name: n,
      displayName: rich?.displayName || metadata?.name || page?.name || n,
      releases,
      latest,
      status: page?.status ?? null,
      statusReason: page?.statusReason ?? null,
      summary: rich?.summary ?? metadata?.summary ?? null,
      license: rich?.license ?? metadata?.license ?? null,
      projectUrls: rich?.projectUrls ?? metadata?.projectUrls ?? {},
      author: rich?.author ?? metadata?.author ?? null,
      maintainers: rich?.maintainers ?? (metadata?.maintainer ? [metadata.maintainer] : []),
    };
    return withStale(info, [simple, json]);
  }

  async release(name: string, version: string): Promise<Outcome<ReleaseInfo>> {
    const n = normalizeName(name);
    const simple = await this.simple(n);
    if (simple.status !== 'ok' && !isNotFound(simple)) return simple;
    const simpleFiles = simple.status === 'ok' ? filesOf(simple.value, version) : [];
    if (this.metadataFirst) {
      const fromMetadata = await this.releaseFromMetadata(n, version, simpleFiles, simple);
      if (fromMetadata) return fromMetadata;
    }
    if (this.context.jsonUrl) {
      const json = await this.jsonRelease(n, version);
      if (json.status !== 'ok') return json;
      return withStale(fromJson(n, json.value, simpleFiles), [simple, json]);
    }
    if (simpleFiles.length === 0) return notFound(`${new URL(this.context.simpleUrl).host}: ${n} ${version} is not on the index`);
    const withMetadata = pickMetadataFile(simpleFiles);
    const metadata = withMetadata ? await this.metadata(withMetadata) : null;
    if (metadata && metadata.status !== 'ok') return metadata;
    return withStale(fromSimple(n, version, simpleFiles, metadata?.value ?? null), [simple, metadata]);
  }

  /** The release from its `.metadata` file, or null when it has none (or the index has lost it) and the JSON API should answer. */
  private async releaseFromMetadata(name: string, version: string, simpleFiles: readonly SimpleFile[], simple: Outcome<SimplePage>): Promise<Outcome<ReleaseInfo> | null> {
    const withMetadata = pickMetadataFile(simpleFiles);
    if (!withMetadata) return null;
    const metadata = await this.metadata(withMetadata);
    if (isNotFound(metadata) && this.context.jsonUrl) return null;
    if (metadata.status !== 'ok') return metadata;
    return withStale(fromSimple(name, version, simpleFiles, metadata.value), [simple, metadata]);
  }

  async provenance(name: string, version: string): Promise<Outcome<Provenance>> {
    const n = normalizeName(name);
    const simple = await this.simple(n);
    if (simple.status !== 'ok') return simple;
    const files = filesOf(simple.value, version);
    if (files.length === 0) return notFound(`${new URL(this.context.simpleUrl).host}: ${n} ${version} is not on the index`);
    const attested = files.filter((file) => file.provenanceUrl != null);
    if (attested.length === 0) return withStale(provenanceOf(files.length, 0, null), [simple]);
    const key = `${this.cacheScope}|${n}@${version}|${attested.map((file) => file.filename).join(',')}`;
    const outcome = await this.freshness.get<Provenance>('provenance', key, async () => {
      const found = await this.publisher(files.length, attested);
      return found.status === 'ok' ? { status: 'ok', value: { value: found.value } } : found;
    });
    return outcome.status === 'ok' ? withStale(outcome.value, [simple, outcome]) : outcome;
  }

  /** The publisher from the first attested file that has one; a 404 means that file has none after all. */
  private async publisher(files: number, attested: readonly SimpleFile[]): Promise<Outcome<Provenance>> {
    let withProvenance = attested.length;
    for (const file of attested) {
      const publisher = await fetchPublisher(this.context, file.provenanceUrl as string, file.filename);
      if (publisher.status === 'ok') return { status: 'ok', value: provenanceOf(files, withProvenance, publisher.value) };
      if (!isNotFound(publisher)) return publisher;
      withProvenance--;
    }
    return { status: 'ok', value: provenanceOf(files, withProvenance, null) };
  }

  private simple(name: string): Promise<Outcome<SimplePage>> {
    return this.freshness.get('pypi-simple', `${this.cacheScope}|${name}`, (validators) => fetchSimple(this.context, name, validators));
  }

  private jsonProject(name: string): Promise<Outcome<JsonProject>> {
    return this.freshness.get('pypi-project', `${this.cacheScope}|${name}`, (validators) => fetchJsonProject(this.context, name, validators));
  }

  private jsonRelease(name: string, version: string): Promise<Outcome<JsonRelease>> {
    return this.freshness.get('pypi-release', `${this.cacheScope}|${name}@${version}`, (validators) => fetchJsonRelease(this.context, name, version, validators));
  }

  private metadata(file: SimpleFile): Promise<Outcome<MetadataSummary>> {
    return this.freshness.get('metadata', file.metadataSha256 || file.url, () => fetchMetadata(this.context, file));
  }

  /** Without a JSON API, the newest release's `.metadata` names the licence, summary and URLs. */
  private async latestMetadata(page: SimplePage, latest: string): Promise<MetadataSummary | null> {
    const file = pickMetadataFile(filesOf(page, latest));
    if (!file) return null;
    const outcome = await this.metadata(file);
    return outcome.status === 'ok' ? outcome.value : null;
  }
}

function fromJson(name: string, release: JsonRelease, simpleFiles: readonly SimpleFile[]): ReleaseInfo {
  const files: ReleaseFile[] = release.files.map((file) => {
    const simple = simpleFiles.find((candidate) => candidate.filename === file.filename);
    return {
      filename: file.filename,
      url: file.url,
      yanked: file.yanked,
      yankedReason: file.yankedReason,
      uploadTime: file.uploadTime,
      requiresPython: file.requiresPython,
      provenanceUrl: simple?.provenanceUrl ?? null,
      metadataUrl: file.hasMetadataFile || (simple && simple.metadataSha256 != null) ? `${file.url}.metadata` : null,
      sha256: file.sha256,
    };
  });
  return {
    name,
    version: release.version,
    requiresDist: release.requiresDist,
    requiresPython: release.requiresPython,
    yanked: release.yanked,
    yankedReason: release.yankedReason,
    uploadTime: earliest(files),
    files,
    license: release.license,
    summary: release.summary,
    author: release.author,
    projectUrls: release.projectUrls,
  };
}

function fromSimple(name: string, version: string, simpleFiles: readonly SimpleFile[], metadata: MetadataSummary | null): ReleaseInfo {
  const files: ReleaseFile[] = simpleFiles.map((file) => ({
    filename: file.filename,
    url: file.url,
    yanked: file.yanked,
    yankedReason: file.yankedReason,
    uploadTime: file.uploadTime,
    requiresPython: file.requiresPython,
    provenanceUrl: file.provenanceUrl,
    metadataUrl: file.metadataSha256 != null ? `${file.url}.metadata` : null,
    sha256: file.sha256,
  }));
  return {
    name,
    version: simpleFiles[0]?.version ?? version,
    requiresDist: metadata ? metadata.requiresDist : null,
    requiresPython: metadata?.requiresPython ?? files.find((file) => file.requiresPython)?.requiresPython ?? null,
    yanked: files.every((file) => file.yanked),
    yankedReason: files.find((file) => file.yankedReason)?.yankedReason ?? null,
    uploadTime: earliest(files),
    files,
    license: metadata?.license ?? null,
    summary: metadata?.summary ?? null,
    author: metadata?.author ?? null,
    projectUrls: metadata?.projectUrls ?? {},
  };
}

/** A wheel's metadata is static; an sdist's may be computed at build time, so wheels first. */
function pickMetadataFile(files: readonly SimpleFile[]): SimpleFile | null {
  const offered = files.filter((file) => file.metadataSha256 != null);
  return offered.find((file) => isWheel(file.filename)) ?? offered[0] ?? null;
}

function earliest(files: readonly { uploadTime: string | null }[]): string | null {
  return files.map((file) => file.uploadTime).filter((time): time is string => time != null).sort()[0] ?? null;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Takes user:password out of the index URL (pip's habit) into an Authorization header. */
function splitCredentials(raw: string, auth: IndexAuth | null): { url: string; authorization: string | null } {
  const url = new URL(withSlash(raw));
  let authorization: string | null = null;
  if (url.username || url.password) {
    authorization = basic(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
  }
  if (auth) authorization = 'token' in auth ? `Bearer ${auth.token}` : basic(auth.username, auth.password);
  return { url: url.toString(), authorization };
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

