/**
 * OSV's bulk export for the offline database (risk-data-apis.md §1.8): the public GCS bucket
 * `osv-vulnerabilities`, or any mirror of it by base URL. `PyPI/all.zip` holds every PyPI record
 * (withdrawn ones included), `PyPI/modified_id.csv` lists `<modified>,<id>` newest first for
 * incremental updates, and `PyPI/<ID>.json` is one record.
 */
import type { OsvRecord } from '../../core/model/advisory';
import type { OsvBulkSource, Outcome } from '../../core/ports';
import type { HttpClient } from '../http';
import { failure, jsonBody, notFound, unexpectedStatus } from '../outcome';
import { readRecord } from './wire';

export const OSV_BUCKET = 'https://storage.googleapis.com/osv-vulnerabilities';

export interface OsvBulkOptions {
  readonly http: HttpClient;
  readonly baseUrl?: string;
  /** PyPI's all.zip is tens of MB; the bound keeps a wrong URL from filling memory. */
  readonly maxZipBytes?: number;
  readonly timeoutMs?: number;
}

export class OsvBulkClient implements OsvBulkSource {
  private readonly baseUrl: string;

  constructor(private readonly options: OsvBulkOptions) {
    this.baseUrl = (options.baseUrl ?? OSV_BUCKET).replace(/\/+$/, '');
  }

  async allZip(): Promise<Outcome<Uint8Array>> {
    const outcome = await this.get('PyPI/all.zip', 'application/zip, */*', this.options.maxZipBytes ?? 512 * 1024 * 1024);
    if (outcome.status !== 'ok') return outcome;
    const body = outcome.value;
    // Every zip starts with a local file header (PK\3\4), or is the empty archive (PK\5\6).
    if (body.length < 4 || body[0] !== 0x50 || body[1] !== 0x4b || !((body[2] === 3 && body[3] === 4) || (body[2] === 5 && body[3] === 6))) {
      return failure('invalid', 'osv bulk: PyPI/all.zip is not a zip archive');
    }
    return { status: 'ok', value: new Uint8Array(body.buffer, body.byteOffset, body.length) };
  }

  async modifiedIds(): Promise<Outcome<string>> {
    const outcome = await this.get('PyPI/modified_id.csv', 'text/csv, */*');
    if (outcome.status !== 'ok') return outcome;
    const text = outcome.value.toString('utf8');
    const first = (text.split('\n', 1)[0] ?? '').trim();
    if (first !== '' && !/^\d{4}-\d\d-\d\dT[^,]+Z,[^,\s]+$/.test(first)) return failure('invalid', `osv bulk: modified_id.csv does not start with "<modified>,<id>" (${first.slice(0, 80)})`);
    return { status: 'ok', value: text };
  }

  async record(id: string): Promise<Outcome<OsvRecord>> {
    const outcome = await this.options.http.request({ url: `${this.baseUrl}/PyPI/${encodeURIComponent(id)}.json`, timeoutMs: this.options.timeoutMs });
    if (outcome.status !== 'ok') return outcome;
    const response = outcome.value;
    if (response.status === 404) return notFound(`osv bulk: ${id} is not in the export`);
    if (response.status !== 200) return unexpectedStatus(response);
    const body = jsonBody(response);
    if (body.status !== 'ok') return body;
    const record = readRecord(body.value, id);
    return record ? { status: 'ok', value: record } : failure('invalid', `osv bulk: ${id}.json is not the OSV record ${id}`);
  }

  private async get(path: string, accept: string, maxBytes?: number): Promise<Outcome<Buffer>> {
    const outcome = await this.options.http.request({
      url: `${this.baseUrl}/${path}`,
      headers: { accept },
      ...(maxBytes !== undefined ? { maxBytes } : {}),
      timeoutMs: this.options.timeoutMs ?? 600_000,
    });
    if (outcome.status !== 'ok') return outcome;
    const response = outcome.value;
    if (response.status === 404) return notFound(`osv bulk: ${path} not found at ${this.baseUrl}`);
    if (response.status !== 200) return unexpectedStatus(response);
    return { status: 'ok', value: response.body };
  }
}
