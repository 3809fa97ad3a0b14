/**
 * The typed client of the Beachcomber backend, for the extension and the CLI. Every call answers
 * with an Outcome: `ok` with the value, or why not — `unavailable` (network, 5xx), `rate-limited`
 * (429, with Retry-After), `invalid` (refused: a bad token, a role too weak, a request the server
 * rejects, or an answer that is not what the protocol says). A stale write is not a failure but
 * an answer: `conflict`, with the decision as it now is.
 */
import type { Outcome } from '../../core/ports';
import type { AssessRequest, AssessResponse, PackageRef } from '../../protocol/assessment';
import type { ErrorBody } from '../../protocol/common';
import type { DecisionFields, DecisionHistory, DecisionInput, DecisionList, DecisionRecord } from '../../protocol/decisions';
import type { Liveness, Readiness } from '../../protocol/health';
import type { Inventory, InventoryFormat } from '../../protocol/inventory';
import type { MirrorStatus, SyncReport } from '../../protocol/mirror';
import type { PackageUsage, ProjectList, ProjectSummary, Snapshot, SnapshotInput } from '../../protocol/projects';
import type { CreatedToken, Role, TokenInfo, WhoAmI } from '../../protocol/tokens';
import type { HttpResponse } from '../http';
import { parseRetryAfter } from '../http-retry';
import { createTransport, type BackendRequest, type Transport, type TransportOptions } from './transport';

/** The answer to an update or a delete: done, or someone changed (or deleted) it first. */
export type DecisionWrite =
  | { readonly kind: 'written'; readonly decision: DecisionRecord }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'conflict'; readonly current: DecisionRecord | null }
  | { readonly kind: 'not-found' };

type Failure = Exclude<Outcome<never>, { status: 'ok' }>;

const seg = encodeURIComponent;

export class BackendClient {
  private readonly transport: Transport;
  private readonly host: string;

  constructor(options: TransportOptions & { readonly transport?: Transport }) {
    this.transport = options.transport ?? createTransport(options);
    this.host = new URL(options.baseUrl).host;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  health(): Promise<Outcome<Liveness>> {
    return this.json({ method: 'GET', path: '/healthz', idempotent: true }, [200]);
  }

  /** Readiness answers 503 with the same body when not ready: both are answers. */
  ready(): Promise<Outcome<Readiness>> {
    return this.json({ method: 'GET', path: '/readyz', idempotent: true }, [200, 503]);
  }

  whoami(): Promise<Outcome<WhoAmI>> {
    return this.json({ method: 'GET', path: '/v1/whoami', idempotent: true }, [200]);
  }

  assess(packages: readonly PackageRef[], include: AssessRequest['include'] = []): Promise<Outcome<AssessResponse>> {
    const body: AssessRequest = include.length > 0 ? { packages, include } : { packages };
    return this.json({ method: 'POST', path: '/v1/assessments', json: body, idempotent: true }, [200]);
  }

  decisions(pkg?: string): Promise<Outcome<DecisionList>> {
    return this.json({ method: 'GET', path: pkg ? `/v1/decisions?package=${seg(pkg)}` : '/v1/decisions', idempotent: true }, [200]);
  }

  packageDecisions(name: string): Promise<Outcome<DecisionList>> {
    return this.json({ method: 'GET', path: `/v1/packages/${seg(name)}/decisions`, idempotent: true }, [200]);
  }

  /** Null when there is no such (current) decision. */
  async decision(id: string): Promise<Outcome<DecisionRecord | null>> {
    const sent = await this.send({ method: 'GET', path: `/v1/decisions/${seg(id)}`, idempotent: true });
    if (sent.status !== 'ok') return sent;
    if (sent.value.status === 404) return { status: 'ok', value: null };
    return this.decode(sent.value, [200]);
  }

  createDecision(input: DecisionInput): Promise<Outcome<DecisionRecord>> {
    return this.json({ method: 'POST', path: '/v1/decisions', json: input, idempotent: false }, [201]);
  }

  /** `etag` is the decision's ETag as last read; a stale one answers `conflict`. */
  async updateDecision(id: string, etag: string, fields: DecisionFields): Promise<Outcome<DecisionWrite>> {
    const sent = await this.send({ method: 'PUT', path: `/v1/decisions/${seg(id)}`, json: fields, headers: { 'if-match': etag }, idempotent: false });
    if (sent.status !== 'ok') return sent;
    if (sent.value.status !== 200) return this.writeFailure(sent.value, id);
    const decision = this.decode<DecisionRecord>(sent.value, [200]);
    return decision.status === 'ok' ? { status: 'ok', value: { kind: 'written', decision: decision.value } } : decision;
  }

  async deleteDecision(id: string, etag: string): Promise<Outcome<DecisionWrite>> {
    const sent = await this.send({ method: 'DELETE', path: `/v1/decisions/${seg(id)}`, headers: { 'if-match': etag }, idempotent: false });
    if (sent.status !== 'ok') return sent;
    if (sent.value.status === 204) return { status: 'ok', value: { kind: 'deleted' } };
    return this.writeFailure(sent.value, id);
  }

  history(name: string): Promise<Outcome<DecisionHistory>> {
    return this.json({ method: 'GET', path: `/v1/packages/${seg(name)}/history`, idempotent: true }, [200]);
  }

  putSnapshot(project: string, snapshot: SnapshotInput): Promise<Outcome<ProjectSummary>> {
    return this.json({ method: 'PUT', path: `/v1/projects/${seg(project)}/snapshot`, json: snapshot, idempotent: false }, [200]);
  }

  async snapshot(project: string): Promise<Outcome<Snapshot | null>> {
    const sent = await this.send({ method: 'GET', path: `/v1/projects/${seg(project)}/snapshot`, idempotent: true });
    if (sent.status !== 'ok') return sent;
    if (sent.value.status === 404) return { status: 'ok', value: null };
    return this.decode(sent.value, [200]);
  }

  projects(): Promise<Outcome<ProjectList>> {
    return this.json({ method: 'GET', path: '/v1/projects', idempotent: true }, [200]);
  }

  /** Which projects use the package, at which versions. */
  usage(name: string): Promise<Outcome<PackageUsage>> {
    return this.json({ method: 'GET', path: `/v1/packages/${seg(name)}/projects`, idempotent: true }, [200]);
  }

  inventory(project: string | null): Promise<Outcome<Inventory>> {
    return this.json({ method: 'GET', path: inventoryPath(project, 'json'), idempotent: true }, [200]);
  }

  /** The CSV or CycloneDX JSON text, as the server wrote it. */
  async inventoryText(project: string | null, format: Exclude<InventoryFormat, 'json'>): Promise<Outcome<string>> {
    const sent = await this.send({ method: 'GET', path: inventoryPath(project, format), idempotent: true });
    if (sent.status !== 'ok') return sent;
    if (sent.value.status !== 200) return this.refused(sent.value);
    return { status: 'ok', value: sent.value.body.toString('utf8') };
  }

  mirror(): Promise<Outcome<MirrorStatus>> {
    return this.json({ method: 'GET', path: '/v1/mirror', idempotent: true }, [200]);
  }

  syncMirror(): Promise<Outcome<SyncReport>> {
    return this.json({ method: 'POST', path: '/v1/mirror/sync', idempotent: false }, [200]);
  }

  importMirror(bytes: Uint8Array, kind: 'zip' | 'jsonl'): Promise<Outcome<SyncReport>> {
    const contentType = kind === 'zip' ? 'application/zip' : 'application/x-ndjson';
    return this.json({ method: 'POST', path: '/v1/mirror/import', body: { bytes, contentType }, idempotent: false }, [200]);
  }

  tokens(): Promise<Outcome<{ tokens: TokenInfo[] }>> {
    return this.json({ method: 'GET', path: '/v1/tokens', idempotent: true }, [200]);
  }

  createToken(name: string, role: Role): Promise<Outcome<CreatedToken>> {
    return this.json({ method: 'POST', path: '/v1/tokens', json: { name, role }, idempotent: false }, [201]);
  }

  revokeToken(id: string): Promise<Outcome<TokenInfo>> {
    return this.json({ method: 'DELETE', path: `/v1/tokens/${seg(id)}`, idempotent: false }, [200]);
  }

  private send(request: BackendRequest): Promise<Outcome<HttpResponse>> {
    return this.transport.send(request);
  }

  private async json<T>(request: BackendRequest, expected: readonly number[]): Promise<Outcome<T>> {
    const sent = await this.send(request);
    return sent.status === 'ok' ? this.decode<T>(sent.value, expected) : sent;
  }

  private decode<T>(response: HttpResponse, expected: readonly number[]): Outcome<T> {
    if (!expected.includes(response.status)) return this.refused(response);
    try {
      return { status: 'ok', value: JSON.parse(response.body.toString('utf8')) as T };
    } catch (error) {
      return { status: 'invalid', detail: `backend ${this.host}: malformed JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** 412 and 404 on a write are answers; anything else is refused. */
  private async writeFailure(response: HttpResponse, id: string): Promise<Outcome<DecisionWrite>> {
    if (response.status === 404) return { status: 'ok', value: { kind: 'not-found' } };
    if (response.status !== 412) return this.refused(response);
    const current = await this.decision(id);
    return { status: 'ok', value: { kind: 'conflict', current: current.status === 'ok' ? current.value : null } };
  }

  /** A non-success answer as a failure that names the status and the server's reason. */
  private refused(response: HttpResponse): Failure {
    const error = errorBody(response);
    const detail = `backend ${this.host}: HTTP ${response.status}${error ? ` ${error.error}: ${error.message}` : ''}`;
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
      return { status: 'rate-limited', detail, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    if (response.status >= 500) return { status: 'unavailable', detail };
    return { status: 'invalid', detail };
  }
}

function inventoryPath(project: string | null, format: InventoryFormat): string {
  return `/v1/inventory?format=${format}${project != null ? `&project=${seg(project)}` : ''}`;
}

function errorBody(response: HttpResponse): ErrorBody | null {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as Partial<ErrorBody>;
    return typeof body.error === 'string' && typeof body.message === 'string' ? (body as ErrorBody) : null;
  } catch {
    return null;
  }
}
