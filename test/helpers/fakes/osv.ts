/**
 * A faithful fake of OSV.dev (risk-data-apis.md §1 and §6.2) on 127.0.0.1, fed from the PyPA
 * advisory database in the corpus: POST /v1/query and /v1/querybatch with protobuf-JSON habits
 * (empty results are `{}`, empty fields omitted, batch items carry only id and modified), per-query
 * paging with opaque tokens (and a mode whose first page is only a token), the validation errors
 * of `parseQuery`, whole-batch 400s, GET /v1/vulns/{id} with its 404s, and the GCS bucket routes
 * of the bulk export (all.zip built in memory, modified_id.csv newest first, per-id JSON).
 */
import { strToU8, zipSync } from 'fflate';
import type { OsvRecord } from '../../../src/core/model/advisory';
import { readCorpus } from '../corpus';
import { normalize, recordAffects } from './osv-evaluator';
import { FakeServer, jsonReply, route, type FakeReply } from './server';

export const FIRST_PAGE_TOKEN = Buffer.from('FIRST_PAGE_TOKEN').toString('base64');
const ECOSYSTEMS = new Set(['PyPI', 'npm', 'Go', 'crates.io', 'Maven', 'NuGet', 'RubyGems', 'Packagist', 'Hex', 'Pub', 'Debian', 'Alpine', 'OSS-Fuzz']);

let corpusRecords: OsvRecord[] | undefined;

/** The 2,661 PyPA advisory records of the corpus, read once. */
export function pypaRecords(): OsvRecord[] {
  corpusRecords ??= readCorpus('osv', 'pypa-advisories.jsonl').split('\n').filter(Boolean).map((line) => JSON.parse(line) as OsvRecord);
  return corpusRecords;
}

export interface FakeOsvOptions {
  readonly records?: readonly OsvRecord[];
  /** Vulns per batch item page (OSV: 1000). */
  readonly batchPageSize?: number;
  /** Vulns per single-query page (OSV: 3000). */
  readonly queryPageSize?: number;
  /** Answer the first page of every query with only `next_page_token` (a timeout before any match). */
  readonly emptyFirstPage?: boolean;
}

type Parsed = { readonly name: string; readonly version: string | undefined; readonly pageToken: string | undefined } | { readonly empty: true } | { readonly error: string };

export class FakeOsv extends FakeServer {
  readonly records = new Map<string, OsvRecord>();
  private readonly byName = new Map<string, OsvRecord[]>();
  private zip: Uint8Array | undefined;

  constructor(private readonly settings: FakeOsvOptions = {}) {
    super([
      route('query', 'POST', '/v1/query', (request) => this.query(request.body)),
      route('querybatch', 'POST', '/v1/querybatch', (request) => this.querybatch(request.body)),
      route('vuln', 'GET', '/v1/vulns/:id', (_request, params) => this.vuln(params['id'] as string)),
      route('bulk-zip', 'GET', '/osv-vulnerabilities/PyPI/all.zip', () => this.allZip()),
      route('bulk-csv', 'GET', '/osv-vulnerabilities/PyPI/modified_id.csv', () => this.modifiedCsv()),
      route('bulk-ecosystems', 'GET', '/osv-vulnerabilities/ecosystems.txt', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'PyPI\n' })),
      route('bulk-record', 'GET', '/osv-vulnerabilities/PyPI/:file', (_request, params) => this.bulkRecord(params['file'] as string)),
    ]);
    for (const record of settings.records ?? pypaRecords()) this.add(record);
  }

  get bulkUrl(): string {
    return `${this.url}/osv-vulnerabilities`;
  }

  add(record: OsvRecord): void {
    const replaced = this.records.has(record.id);
    this.records.set(record.id, record);
    this.zip = undefined;
    if (replaced) return;
    for (const name of new Set((record.affected ?? []).map((entry) => normalize(entry.package?.name ?? '')))) {
      this.byName.set(name, [...(this.byName.get(name) ?? []), record]);
    }
  }

  /** A record changed upstream: a new `modified`, so clients must fetch it again. */
  touch(id: string, modified: string): void {
    const record = this.records.get(id);
    if (!record) throw new Error(`no record ${id}`);
    const updated = { ...record, modified };
    this.records.set(id, updated);
    this.byName.forEach((list, name) => this.byName.set(name, list.map((item) => (item.id === id ? updated : item))));
    this.zip = undefined;
  }

  /** What this server's matcher answers for a package version: the ids, in result order. */
  affecting(name: string, version: string | undefined): OsvRecord[] {
    return (this.byName.get(normalize(name)) ?? []).filter((record) => recordAffects(record, name, version));
  }

  private query(body: Buffer): FakeReply {
    const parsed = parseQuery(parseJson(body));
    if ('error' in parsed) return invalidArgument(parsed.error);
    if ('empty' in parsed) return jsonReply(200, {});
    const page = this.page(parsed, this.settings.queryPageSize ?? 3000);
    if ('error' in page) return invalidArgument(page.error);
    return jsonReply(200, page.result);
  }

  private querybatch(body: Buffer): FakeReply {
    const request = parseJson(body) as { queries?: unknown } | undefined;
    const queries = Array.isArray(request?.queries) ? request.queries : [];
    if (queries.length > 1000) return invalidArgument('too many queries');
    const results: Record<string, unknown>[] = [];
    for (const [index, query] of queries.entries()) {
      const parsed = parseQuery(query);
      if ('error' in parsed) return invalidArgument(`error in query at index ${index}: rpc error: code = InvalidArgument desc = ${parsed.error}`);
      if ('empty' in parsed) {
        results.push({});
        continue;
      }
      const page = this.page(parsed, this.settings.batchPageSize ?? 1000);
      if ('error' in page) return invalidArgument(`error in query at index ${index}: rpc error: code = InvalidArgument desc = ${page.error}`);
      // Batch items carry only id and modified.
      const vulns = (page.result['vulns'] as OsvRecord[] | undefined)?.map((record) => ({ id: record.id, modified: record.modified }));
      results.push({ ...(vulns ? { vulns } : {}), ...(page.result['next_page_token'] ? { next_page_token: page.result['next_page_token'] } : {}) });
    }
    return jsonReply(200, { results });
  }

  private page(query: { name: string; version: string | undefined; pageToken: string | undefined }, size: number): { result: Record<string, unknown> } | { error: string } {
    const key = `${normalize(query.name)}@${query.version ?? ''}`;
    if (query.pageToken === undefined && this.settings.emptyFirstPage) return { result: { next_page_token: FIRST_PAGE_TOKEN } };
    let offset = 0;
    if (query.pageToken !== undefined && query.pageToken !== FIRST_PAGE_TOKEN) {
      const cursor = decodeCursor(query.pageToken);
      if (!cursor || cursor.key !== key) return { error: 'invalid cursor' };
      offset = cursor.offset;
    }
    const all = this.affecting(query.name, query.version);
    const vulns = all.slice(offset, offset + size);
    const more = offset + size < all.length;
    return { result: { ...(vulns.length > 0 ? { vulns } : {}), ...(more ? { next_page_token: encodeCursor(key, offset + size) } : {}) } };
  }

  private vuln(id: string): FakeReply {
    if (id.length > 100) return invalidArgument('ID is too long');
    const record = this.records.get(id);
    if (record) return jsonReply(200, record);
    const aliased = [...this.records.values()].filter((item) => item.aliases?.includes(id)).map((item) => item.id);
    const message = aliased.length > 0 ? `Vulnerability not found, but the following aliases were: ${aliased.join(' ')}` : 'Vulnerability not found';
    return jsonReply(404, { code: 5, message });
  }

  private allZip(): FakeReply {
    this.zip ??= zipSync(Object.fromEntries([...this.records.values()].map((record) => [`${record.id}.json`, strToU8(JSON.stringify(record))])), { level: 6 });
    return { status: 200, headers: { 'content-type': 'application/zip' }, body: Buffer.from(this.zip) };
  }

  /** No header; `<RFC 3339 with nanoseconds>,<id>`; newest first, then by id. */
  private modifiedCsv(): FakeReply {
    const rows = [...this.records.values()].map((record) => ({ modified: nanoseconds(record.modified), id: record.id }));
    rows.sort((a, b) => (a.modified === b.modified ? (a.id < b.id ? -1 : 1) : a.modified < b.modified ? 1 : -1));
    return { status: 200, headers: { 'content-type': 'text/csv' }, body: rows.map((row) => `${row.modified},${row.id}\n`).join('') };
  }

  private bulkRecord(file: string): FakeReply {
    const record = file.endsWith('.json') ? this.records.get(file.slice(0, -5)) : undefined;
    if (record) return jsonReply(200, record);
    const xml = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Details>No such object: osv-vulnerabilities/PyPI/${file}</Details></Error>`;
    return { status: 404, headers: { 'content-type': 'application/xml; charset=UTF-8' }, body: xml };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function invalidArgument(message: string): FakeReply {
  return jsonReply(400, { code: 3, message });
}

/** `parseQuery` of OSV.dev's API server, for the PyPI-relevant cases (risk-data-apis.md §1.2). */
function parseQuery(raw: unknown): Parsed {
  if (typeof raw !== 'object' || raw == null) return { error: 'invalid query' };
  const query = raw as { package?: { name?: unknown; ecosystem?: unknown; purl?: unknown }; version?: unknown; commit?: unknown; page_token?: unknown };
  const pageToken = typeof query.page_token === 'string' ? query.page_token : undefined;
  if (query.commit !== undefined) return typeof query.commit === 'string' && /^[0-9a-f]+$/i.test(query.commit) ? { empty: true } : { error: 'invalid hash' };
  const pkg = query.package ?? {};
  let version = typeof query.version === 'string' ? query.version : undefined;
  if (typeof pkg.purl === 'string') {
    if (pkg.name !== undefined) return { error: 'name specified in a PURL query' };
    if (pkg.ecosystem !== undefined) return { error: 'ecosystem specified in a PURL query' };
    const purl = /^pkg:([a-z0-9.+-]+)\/([^@?#]+)(?:@([^?#]+))?/i.exec(pkg.purl);
    if (!purl) return { error: 'invalid query' };
    if (purl[1]?.toLowerCase() !== 'pypi') return { empty: true };
    if (purl[3] !== undefined && version !== undefined) return { error: 'version specified in params and PURL query' };
    version = purl[3] !== undefined ? decodeURIComponent(purl[3]) : version;
    return { name: decodeURIComponent(purl[2] as string), version, pageToken };
  }
  if (typeof pkg.ecosystem === 'string' && !ECOSYSTEMS.has(pkg.ecosystem)) return { error: 'invalid ecosystem' };
  if (typeof pkg.name !== 'string' || pkg.name === '' || (pkg.ecosystem === undefined && version === undefined)) return { error: 'invalid query' };
  if (pkg.ecosystem !== 'PyPI') return { empty: true };
  return { name: pkg.name, version, pageToken };
}

function encodeCursor(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ key, offset })).toString('base64url');
}

function decodeCursor(token: string): { key: string; offset: number } | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { key?: unknown; offset?: unknown };
    return typeof cursor.key === 'string' && typeof cursor.offset === 'number' ? { key: cursor.key, offset: cursor.offset } : undefined;
  } catch {
    return undefined;
  }
}

/** Go's RFC 3339 with nine fractional digits, as the exporter writes `modified_id.csv`. */
function nanoseconds(timestamp: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(timestamp);
  if (!match) return timestamp;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0').slice(0, 9)}Z`;
}
