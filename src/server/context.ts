/**
 * What route handlers share: the store, the clock, the configuration, the change counters and
 * the services that hold in-memory state (the assessor, the mirror).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OsvRecord } from '../core/model/advisory';
import type { ProjectInfo } from '../core/model/package-info';
import type { Clock, Logger } from '../core/ports';
import type { Guard } from './auth/guard';
import type { ServerConfig } from './config';
import type { StateWatcher } from './state';
import type { Store } from './store/store';
import type { AssessedPackage, PackageRef } from '../protocol/assessment';
import type { MirrorStatus, MirrorSummary, SyncReport } from '../protocol/mirror';

/** One computed assessment, with a slot for its JSON, filled by the first answer that sends it. */
export interface AssessmentEntry {
  readonly item: AssessedPackage;
  /** Ids of every mirror record that affects the version (the advisories may merge aliases). */
  readonly recordIds: readonly string[];
  /** The item serialised, as UTF-8, once; answers are assembled from these bytes. */
  json: Buffer | null;
}

/** Assessments from the server's own stores, computed once per package and version and kept. */
export interface Assessor {
  /** One entry per package, in order; entries are shared between requests (and their JSON with them). */
  assess(packages: readonly PackageRef[]): Promise<{ readonly entries: readonly AssessmentEntry[]; readonly mirror: MirrorSummary }>;
  /** The mirror's records with these ids (those it has). */
  records(ids: Iterable<string>): OsvRecord[];
  /** What PyPI said about a project (author, summary), when the server has it. */
  projectInfo(name: string): ProjectInfo | null;
}

/** The OSV mirror: imports, increments, and its state. */
export interface MirrorService {
  summary(): Promise<MirrorSummary>;
  status(): Promise<MirrorStatus>;
  importBytes(bytes: Uint8Array, kind: 'zip' | 'jsonl', source: string): Promise<SyncReport>;
  sync(): Promise<SyncReport>;
}

export interface ServerContext {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly state: StateWatcher;
  readonly guard: Guard;
  readonly assessor: Assessor;
  readonly mirror: MirrorService;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export type Handlers = Readonly<Record<string, Handler>>;

export function now(ctx: Pick<ServerContext, 'clock'>): Date {
  return new Date(ctx.clock.now());
}
