/**
 * The server's own copy of OSV's PyPI data: its state, and what an import or a sync did.
 */

export type MirrorState = 'empty' | 'ready';

export interface SyncReport {
  /** ISO date-time when the sync or import finished. */
  readonly at: string;
  readonly kind: 'import' | 'sync';
  readonly status: 'ok' | 'failed';
  readonly detail: string;
  /** Records written (new or changed). */
  readonly written: number;
  /** Entries that could not be read and were skipped. */
  readonly skipped: number;
}

/** What every assessment answer carries, so a client can say how fresh the advisories are. */
export interface MirrorSummary {
  readonly state: MirrorState;
  readonly records: number;
  /** The newest `modified` among the records, or null when the mirror is empty. */
  readonly newestModified: string | null;
  readonly lastImport: string | null;
  readonly lastSync: SyncReport | null;
}

export interface MirrorStatus extends MirrorSummary {
  readonly withdrawn: number;
  readonly packages: number;
  /** Where increments come from (`<base>/PyPI/modified_id.csv`), or null when sync is off. */
  readonly syncUrl: string | null;
  readonly syncIntervalSeconds: number;
}

export const syncReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['at', 'kind', 'status', 'detail', 'written', 'skipped'],
  properties: {
    at: { type: 'string' },
    kind: { type: 'string', enum: ['import', 'sync'] },
    status: { type: 'string', enum: ['ok', 'failed'] },
    detail: { type: 'string' },
    written: { type: 'integer' },
    skipped: { type: 'integer' },
  },
} as const;

const summaryProperties = {
  state: { type: 'string', enum: ['empty', 'ready'] },
  records: { type: 'integer' },
  newestModified: { type: ['string', 'null'] },
  lastImport: { type: ['string', 'null'] },
  lastSync: { ...syncReportSchema, type: ['object', 'null'] },
} as const;

export const mirrorSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['state', 'records', 'newestModified', 'lastImport', 'lastSync'],
  properties: summaryProperties,
} as const;

export const mirrorStatusSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['state', 'records', 'newestModified', 'lastImport', 'lastSync', 'withdrawn', 'packages', 'syncUrl', 'syncIntervalSeconds'],
  properties: {
    ...summaryProperties,
    withdrawn: { type: 'integer' },
    packages: { type: 'integer' },
    syncUrl: { type: ['string', 'null'] },
    syncIntervalSeconds: { type: 'integer' },
  },
} as const;
