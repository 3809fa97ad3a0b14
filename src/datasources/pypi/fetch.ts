/**
 * One request each to a package index, read into plain values: the Simple page, the JSON API's
 * project and release, a PEP 658 `.metadata` file, a PEP 740 provenance object. Each returns an
 * Outcome of Fetched (so the freshness layer can revalidate with ETag / Last-Modified) and tells
 * "not found" apart from failures: a package that is not on the index is a finding.
 */
import { createHash } from 'node:crypto';
import { parseCoreMetadata } from '../../core/metadata';
import type { Publisher } from '../../core/model/package-info';
import type { Outcome } from '../../core/ports';
import type { Fetched, Validators } from '../cached';
import type { HttpClient, HttpResponse } from '../http';
import { failure, jsonBody, notFound, unexpectedStatus } from '../outcome';
import { INTEGRITY_ACCEPT, readPublisher } from './integrity';
import { licenseOf, readJsonProject, readJsonRelease, type JsonProject, type JsonRelease } from './json-api';
import { readSimpleJson, SIMPLE_ACCEPT, type SimpleFile, type SimplePage } from './simple';
import { readSimpleHtml } from './simple-html';

export interface IndexContext {
  readonly http: HttpClient;
  /** The Simple API root, ending in '/', without credentials. */
  readonly simpleUrl: string;
  /** The JSON API root (`…/pypi/`), ending in '/', or null when the index has none. */
  readonly jsonUrl: string | null;
  /** `Basic …` or `Bearer …`, sent only to the index's own origin. */
  readonly authorization: string | null;
}

/** What a `.metadata` file tells about a release. */
export interface MetadataSummary {
  readonly name: string | null;
  readonly requiresDist: readonly string[];
  readonly requiresPython: string | null;
  readonly summary: string | null;
  readonly license: string | null;
  readonly author: string | null;
  readonly maintainer: string | null;
  readonly projectUrls: Readonly<Record<string, string>>;
}

type Result<T> = Promise<Outcome<Fetched<T>>>;

async function get(context: IndexContext, url: string, accept: string, validators: Validators | null = null): Promise<Outcome<HttpResponse>> {
  const sameOrigin = new URL(url).origin === new URL(context.simpleUrl).origin;
  return context.http.request({
    url,
    headers: { accept },
    etag: validators?.etag ?? null,
    lastModified: validators?.lastModified ?? null,
    authorization: sameOrigin ? context.authorization : null,
  });
}

function fetched<T>(response: HttpResponse, value: T): Outcome<Fetched<T>> {
  return { status: 'ok', value: { value, etag: response.headers['etag'] ?? null, lastModified: response.headers['last-modified'] ?? null } };
}

/** Statuses every index route shares: 304, 404 (a finding), 401/403 (our credentials), others. */
function common(response: HttpResponse, what: string): Outcome<Fetched<never>> | null {
  const host = new URL(response.url).host;
  if (response.status === 304) return { status: 'ok', value: { notModified: true } };
  if (response.status === 404 || response.status === 410) return notFound(`${host}: ${what} is not on the index`);
  if (response.status === 401 || response.status === 403) return failure('unavailable', `${host}: HTTP ${response.status}; check the index credentials`);
  if (response.status !== 200) return unexpectedStatus(response);
  return null;
}

export async function fetchSimple(context: IndexContext, name: string, validators: Validators | null): Result<SimplePage> {
  const outcome = await get(context, `${context.simpleUrl}${encodeURIComponent(name)}/`, SIMPLE_ACCEPT, validators);
  if (outcome.status !== 'ok') return outcome;
  const response = outcome.value;
  const early = common(response, name);
  if (early) return early;
  if (!/json/i.test(response.headers['content-type'] ?? '')) return fetched(response, readSimpleHtml(response.body.toString('utf8'), response.url, name));
  const body = jsonBody(response);
  if (body.status !== 'ok') return body;
  const page = readSimpleJson(body.value, response.url, name);
  return page ? fetched(response, page) : failure('invalid', `${new URL(response.url).host}: the Simple page of ${name} has no files list`);
}

export async function fetchJsonProject(context: IndexContext, name: string, validators: Validators | null): Result<JsonProject> {
  const outcome = await get(context, `${context.jsonUrl}${encodeURIComponent(name)}/json`, 'application/json', validators);
  if (outcome.status !== 'ok') return outcome;
  const early = common(outcome.value, name);
  if (early) return early;
  const body = jsonBody(outcome.value);
  if (body.status !== 'ok') return body;
  const project = readJsonProject(body.value);
  return project ? fetched(outcome.value, project) : failure('invalid', `${new URL(outcome.value.url).host}: the JSON of ${name} has no info`);
}

export async function fetchJsonRelease(context: IndexContext, name: string, version: string, validators: Validators | null): Result<JsonRelease> {
  const outcome = await get(context, `${context.jsonUrl}${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`, 'application/json', validators);
  if (outcome.status !== 'ok') return outcome;
  const early = common(outcome.value, `${name} ${version}`);
  if (early) return early;
  const body = jsonBody(outcome.value);
  if (body.status !== 'ok') return body;
  const release = readJsonRelease(body.value);
  return release ? fetched(outcome.value, release) : failure('invalid', `${new URL(outcome.value.url).host}: the JSON of ${name} ${version} has no info.version`);
}

/** PEP 658: the file's core metadata at `<file url>.metadata`, checked against its PEP 714 hash. */
export async function fetchMetadata(context: IndexContext, file: SimpleFile): Result<MetadataSummary> {
  const outcome = await get(context, `${file.url}.metadata`, '*/*');
  if (outcome.status !== 'ok') return outcome;
  const early = common(outcome.value, `${file.filename}.metadata`);
  if (early) return early;
  const body = outcome.value.body;
  if (file.metadataSha256 && createHash('sha256').update(body).digest('hex') !== file.metadataSha256.toLowerCase()) {
    return failure('invalid', `${new URL(outcome.value.url).host}: ${file.filename}.metadata does not match its sha256`);
  }
  const { metadata } = parseCoreMetadata(body.toString('utf8'), `${file.filename}.metadata`);
  return fetched(outcome.value, {
    name: metadata.name,
    requiresDist: metadata.requiresDist,
    requiresPython: metadata.requiresPython,
    summary: metadata.summary,
    license: licenseOf({ license_expression: metadata.licenseExpression, license: metadata.license, classifiers: metadata.classifiers }),
    author: metadata.author ?? metadata.authorEmail,
    maintainer: metadata.maintainer ?? metadata.maintainerEmail,
    projectUrls: metadata.projectUrls,
  });
}

/** The publisher of one file's provenance; 404 means this file has none. */
export async function fetchPublisher(context: IndexContext, provenanceUrl: string, filename: string): Promise<Outcome<Publisher>> {
  const outcome = await get(context, provenanceUrl, INTEGRITY_ACCEPT);
  if (outcome.status !== 'ok') return outcome;
  const response = outcome.value;
  const host = new URL(response.url).host;
  if (response.status === 404) return notFound(`${host}: no provenance for ${filename}`);
  // 403 is Warehouse's admin switch: "Attestations temporarily disabled". The answer is unknown.
  if (response.status === 403) return failure('unavailable', `${host}: attestations temporarily disabled (HTTP 403)`);
  if (response.status === 406) return failure('invalid', `${host}: the Integrity API did not accept our Accept header (HTTP 406)`);
  if (response.status !== 200) return unexpectedStatus(response);
  const body = jsonBody(response);
  if (body.status !== 'ok') return body;
  const publisher = readPublisher(body.value);
  return publisher ? { status: 'ok', value: publisher } : failure('invalid', `${host}: the provenance of ${filename} names no publisher`);
}
