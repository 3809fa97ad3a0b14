/**
 * A faithful fake of PyPI (risk-data-apis.md §2 and §6.3) on 127.0.0.1: the JSON API (exact key
 * set, `null` rather than empty lists, `releases` on the project route only, canonical-version
 * matching, 301 for non-normalised names, 404 `{"message": "Not Found"}`, quarantined → 404), the
 * Simple API with content negotiation (PEP 691 JSON or HTML, `Vary: Accept`, API version 1.4,
 * yanked as bool or reason, core-metadata, provenance URLs, PEP 792 status), PEP 658 `.metadata`
 * files, and the Integrity API (GitHub / GitLab / Google publishers; 404, 406 and the 403 switch).
 * ETags with 304s and gzip come from the base server. Optional basic or bearer auth, an index
 * without the JSON API, and an HTML-only index stand in for private indexes.
 */
import { createHash } from 'node:crypto';
import * as pep440 from '@renovatebot/pep440';
import { fixtureProjects, sha256, type FakePublisher, type FakeProject, type FakeRelease } from './pypi-data';
import { normalize } from './osv-evaluator';
import { FakeServer, jsonReply, route, type FakeReply, type FakeRequest } from './server';
import { simpleHtml, simpleJson } from './pypi-simple';

export interface FakePypiOptions {
  readonly projects?: readonly FakeProject[];
  readonly jsonApi?: boolean;
  readonly auth?: { readonly basic?: string; readonly bearer?: string };
  readonly htmlOnly?: boolean;
}

const NOT_FOUND: FakeReply = { status: 404, headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }, body: '{"message": "Not Found"}' };

export class FakePypi extends FakeServer {
  readonly projects = new Map<string, FakeProject>();
  /** Warehouse's admin switch for the Integrity API. */
  attestationsDisabled = false;

  constructor(private readonly settings: FakePypiOptions = {}) {
    super([
      route('json-project', 'GET', '/pypi/:name/json', (request, params) => this.guard(request, () => this.jsonProject(params['name'] as string))),
      route('json-release', 'GET', '/pypi/:name/:version/json', (request, params) => this.guard(request, () => this.jsonRelease(params['name'] as string, params['version'] as string))),
      route('simple', 'GET', '/simple/:name', (request, params) => this.guard(request, () => this.simple(request, params['name'] as string))),
      route('file', 'GET', '/packages/:h1/:h2/:filename', (request, params) => this.guard(request, () => this.file(params['filename'] as string))),
      route('integrity', 'GET', '/integrity/:name/:version/:filename/provenance', (request, params) => this.guard(request, () => this.integrity(request, params))),
    ]);
    for (const project of settings.projects ?? fixtureProjects()) this.projects.set(project.normalized, project);
  }

  private guard(request: FakeRequest, answer: () => FakeReply): FakeReply {
    const auth = this.settings.auth;
    if (!auth) return answer();
    const header = request.headers.authorization ?? '';
    const allowed = (auth.basic !== undefined && header === `Basic ${Buffer.from(auth.basic).toString('base64')}`) || (auth.bearer !== undefined && header === `Bearer ${auth.bearer}`);
    return allowed ? answer() : { status: 401, headers: { 'www-authenticate': 'Basic realm="fake index"', 'content-type': 'text/plain' }, body: '401 Unauthorized' };
  }

  fileUrl(sha256: string, filename: string): string {
    return `${this.url}/packages/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${encodeURIComponent(filename)}`;
  }

  provenanceUrl(project: FakeProject, release: FakeRelease, filename: string): string {
    return `${this.url}/integrity/${project.normalized}/${encodeURIComponent(release.version)}/${encodeURIComponent(filename)}/provenance`;
  }

  private jsonProject(name: string): FakeReply {
    if (this.settings.jsonApi === false) return NOT_FOUND;
    if (name !== normalize(name)) return { status: 301, headers: { location: `/pypi/${normalize(name)}/json`, 'access-control-allow-origin': '*' } };
    const project = this.projects.get(name);
    if (!project || project.status === 'quarantined') return NOT_FOUND;
    const chosen = infoRelease(project);
    const releases = Object.fromEntries(project.releases.map((release) => [release.version, release.files.map((_, index) => this.jsonFile(release, index))]));
    return this.jsonReply(project, { info: this.info(project, chosen), last_serial: project.lastSerial, releases, urls: chosen ? chosen.files.map((_, index) => this.jsonFile(chosen, index)) : [], vulnerabilities: [], ownership: project.ownership });
  }

  private jsonRelease(name: string, version: string): FakeReply {
    if (this.settings.jsonApi === false) return NOT_FOUND;
    if (name !== normalize(name)) return { status: 301, headers: { location: `/pypi/${normalize(name)}/${encodeURIComponent(version)}/json` } };
    const project = this.projects.get(name);
    if (!project || project.status === 'quarantined') return NOT_FOUND;
    // Warehouse matches on the canonical version (`3.0` finds `3.0.0`), then on the exact text.
    const release = project.releases.find((item) => item.version === version) ?? project.releases.find((item) => pep440.valid(item.version) != null && pep440.valid(version) != null && pep440.eq(item.version, version));
    if (!release) return NOT_FOUND;
    return this.jsonReply(project, { info: this.info(project, release), last_serial: project.lastSerial, urls: release.files.map((_, index) => this.jsonFile(release, index)), vulnerabilities: [], ownership: project.ownership });
  }

  private jsonReply(project: FakeProject, body: unknown): FakeReply {
    return { status: 200, etag: true, body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-pypi-last-serial': String(project.lastSerial), 'cache-control': 'max-age=900, public', 'access-control-allow-origin': '*' } };
  }

  private info(project: FakeProject, release: FakeRelease | undefined): Record<string, unknown> {
    return {
      author: project.author, author_email: '', bugtrack_url: null, classifiers: project.classifiers, description: project.summary, description_content_type: 'text/markdown',
      docs_url: null, download_url: '', downloads: { last_day: -1, last_month: -1, last_week: -1 }, dynamic: null, home_page: project.homePage, keywords: '',
      license: project.license, license_expression: project.licenseExpression, license_files: null, maintainer: project.maintainer, maintainer_email: '', name: project.name,
      package_url: `${this.url}/project/${project.normalized}/`, platform: null, project_url: `${this.url}/project/${project.normalized}/`, project_urls: project.projectUrls,
      provides_extra: release?.providesExtra ?? null, release_url: `${this.url}/project/${project.normalized}/${release?.version ?? ''}/`, requires_dist: release?.requiresDist ?? null,
      requires_python: release?.requiresPython ?? null, summary: project.summary, version: release?.version ?? null, yanked: release ? release.yanked !== false : false,
      yanked_reason: typeof release?.yanked === 'string' ? release.yanked : null,
    };
  }

  private jsonFile(release: FakeRelease, index: number): Record<string, unknown> {
    const file = release.files[index] as FakeRelease['files'][number];
    const wheel = file.filename.endsWith('.whl');
    const md5 = createHash('md5').update(file.filename).digest('hex');
    return {
      comment_text: '', 'core-metadata': file.metadata == null ? false : { sha256: sha256(file.metadata) },
      digests: { blake2b_256: createHash('sha256').update(`b2:${file.filename}`).digest('hex'), md5, sha256: file.sha256 },
      downloads: -1, filename: file.filename, has_sig: false, md5_digest: md5, packagetype: wheel ? 'bdist_wheel' : 'sdist', python_version: wheel ? 'py3' : 'source',
      requires_python: release.requiresPython, size: file.size, upload_time: file.uploadTime.replace(/(\.\d+)?Z$/, ''), upload_time_iso_8601: file.uploadTime,
      url: this.fileUrl(file.sha256, file.filename), yanked: release.yanked !== false, yanked_reason: typeof release.yanked === 'string' ? release.yanked : null,
    };
  }

  private simple(request: FakeRequest, name: string): FakeReply {
    if (name !== normalize(name)) return { status: 301, headers: { location: `/simple/${normalize(name)}/` } };
    const project = this.projects.get(name);
    if (!project) return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 Not Found' };
    const wantsJson = !this.settings.htmlOnly && /application\/vnd\.pypi\.simple\.v1\+json/.test(String(request.headers.accept ?? ''));
    const headers = { vary: 'Accept', 'cache-control': 'max-age=600, public', 'x-pypi-last-serial': String(project.lastSerial) };
    if (wantsJson) return { status: 200, etag: true, headers: { ...headers, 'content-type': 'application/vnd.pypi.simple.v1+json' }, body: JSON.stringify(simpleJson(this, project)) };
    return { status: 200, etag: true, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body: simpleHtml(this, project) };
  }

  private file(filename: string): FakeReply {
    const base = filename.endsWith('.metadata') ? filename.slice(0, -'.metadata'.length) : filename;
    for (const project of this.projects.values()) {
      for (const release of project.releases) {
        const file = release.files.find((item) => item.filename === base);
        if (!file) continue;
        if (base === filename) return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: `fake distribution ${filename}` };
        return file.metadata == null ? { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 Not Found' } : { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: file.metadata };
      }
    }
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 Not Found' };
  }

  private integrity(request: FakeRequest, params: Record<string, string>): FakeReply {
    const accept = String(request.headers.accept ?? '');
    if (accept !== '' && !/application\/vnd\.pypi\.integrity\.v1\+json|application\/json|\*\/\*/.test(accept)) return jsonReply(406, { message: 'Request not acceptable' });
    if (this.attestationsDisabled) return jsonReply(403, { message: 'Attestations temporarily disabled' });
    const filename = params['filename'] as string;
    const project = this.projects.get(normalize(params['name'] as string));
    const release = project?.releases.find((item) => item.version === params['version']);
    const file = release?.files.find((item) => item.filename === filename);
    if (!project || project.status === 'quarantined' || !file?.provenance) return jsonReply(404, { message: `No provenance available for ${filename}` });
    return { status: 200, etag: true, headers: { 'content-type': 'application/vnd.pypi.integrity.v1+json', vary: 'Accept', 'cache-control': 'max-age=600, public' }, body: JSON.stringify(provenance(filename, file.sha256, file.provenance)) };
  }
}

/** Warehouse's `info` release: `yanked ASC, is_prerelease NULLS LAST, _pypi_ordering DESC`. */
export function infoRelease(project: FakeProject): FakeRelease | undefined {
  const rank = (release: FakeRelease): number => {
    const valid = pep440.valid(release.version) != null;
    const pre = valid ? pep440.explain(release.version)?.is_prerelease === true : null;
    return (release.yanked !== false ? 4 : 0) + (pre == null ? 2 : pre ? 1 : 0);
  };
  const ordered = [...project.releases].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const aValid = pep440.valid(a.version) != null;
    const bValid = pep440.valid(b.version) != null;
    if (aValid && bValid) return pep440.compare(b.version, a.version);
    return aValid ? -1 : bValid ? 1 : 0;
  });
  return ordered[0];
}

function provenance(filename: string, digest: string, publisher: FakePublisher): unknown {
  const statement = { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: filename, digest: { sha256: digest } }], predicateType: 'https://docs.pypi.org/attestations/publish/v1', predicate: null };
  const identity = publisher.kind === 'Google' ? { kind: 'Google', email: publisher.email, claims: null } : { claims: null, environment: publisher.environment ?? '', ...publisher };
  return {
    attestation_bundles: [{
      attestations: [{
        envelope: { signature: Buffer.from(`sig:${filename}`).toString('base64'), statement: Buffer.from(JSON.stringify(statement)).toString('base64') },
        verification_material: { certificate: Buffer.from(`cert:${filename}`).toString('base64'), transparency_entries: [{ integratedTime: '1730932627', kindVersion: { kind: 'dsse', version: '0.0.1' }, logIndex: '147137139' }] },
        version: 1,
      }],
      publisher: identity,
    }],
    version: 1,
  };
}
