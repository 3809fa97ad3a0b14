/**
 * POST /v1/assessments: many packages in, one assessment per package out, in request order. The
 * assessment is the core's `Assessment` as it is (so the extension and the CLI use it without
 * conversion), plus the ecosystem.
 */
import type { OsvRecord } from '../core/model/advisory';
import type { Assessment } from '../core/model/risk';
import { MAX_ASSESSMENT_BATCH, nullable, stringArraySchema, versionSchema } from './common';
import { mirrorSummarySchema, type MirrorSummary } from './mirror';

export interface PackageRef {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
}

export interface AssessRequest {
  readonly packages: readonly PackageRef[];
  /**
   * `records`: also send the raw OSV record of every advisory in the answer, once each, so a
   * client can use the backend as its advisory source (the port speaks OSV records).
   */
  readonly include?: readonly 'records'[];
}

export interface AssessedPackage extends Assessment {
  readonly ecosystem: string;
}

export interface AssessResponse {
  /** One per requested package, in request order; `name` PEP 503 normalised. */
  readonly assessments: readonly AssessedPackage[];
  readonly mirror: MirrorSummary;
  /** With `include: ["records"]`: the OSV record behind each advisory id in the answer. */
  readonly records?: Readonly<Record<string, OsvRecord>>;
}

const riskLevel = { type: 'string', enum: ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'] } as const;
const signalSource = { type: 'string', enum: ['osv', 'offline-db', 'pypi', 'deps.dev', 'scorecard', 'backend', 'team'] } as const;

export const packageRefSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ecosystem', 'name', 'version'],
  properties: {
    ecosystem: { type: 'string', minLength: 1, maxLength: 40 },
    // Names are checked by the server, not the schema: a bad name is an `unknown` answer for that
    // package, not a rejected batch.
    name: { type: 'string', minLength: 1, maxLength: 200 },
    version: versionSchema,
  },
} as const;

export const assessRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['packages'],
  properties: {
    packages: { type: 'array', maxItems: MAX_ASSESSMENT_BATCH, items: packageRefSchema },
    include: { type: 'array', maxItems: 1, uniqueItems: true, items: { type: 'string', enum: ['records'] } },
  },
} as const;

const severitySchema = {
  type: 'object',
  required: ['level', 'score', 'vector', 'type'],
  properties: { level: riskLevel, score: { type: ['number', 'null'] }, vector: { type: ['string', 'null'] }, type: { type: ['string', 'null'] } },
} as const;

const referenceSchema = { type: 'object', required: ['type', 'url'], properties: { type: { type: 'string' }, url: { type: 'string' } } } as const;

export const advisorySchema = {
  type: 'object',
  required: ['id', 'aliases', 'summary', 'modified', 'published', 'severity', 'fixed', 'fixedAbove', 'malicious', 'references', 'url'],
  properties: {
    id: { type: 'string' },
    aliases: stringArraySchema,
    summary: { type: 'string' },
    modified: { type: 'string' },
    published: { type: ['string', 'null'] },
    severity: severitySchema,
    fixed: stringArraySchema,
    fixedAbove: { type: ['string', 'null'] },
    malicious: { type: 'boolean' },
    references: { type: 'array', items: referenceSchema },
    url: { type: 'string' },
  },
} as const;

export const signalSchema = {
  type: 'object',
  required: ['kind', 'level', 'reason', 'evidence', 'source'],
  properties: {
    kind: { type: 'string' },
    level: riskLevel,
    reason: { type: 'string' },
    evidence: stringArraySchema,
    source: signalSource,
    advisoryId: { type: 'string' },
    accepted: { type: 'boolean' },
  },
} as const;

const scorecardSchema = {
  type: 'object',
  required: ['repository', 'date', 'score', 'checks'],
  properties: {
    repository: { type: 'string' },
    date: { type: 'string' },
    score: { type: 'number' },
    checks: {
      type: 'array',
      items: { type: 'object', required: ['name', 'score', 'reason'], properties: { name: { type: 'string' }, score: { type: 'number' }, reason: { type: 'string' } } },
    },
  },
} as const;

const provenanceSchema = {
  type: 'object',
  required: ['trustedPublishing', 'publisher', 'filesWithProvenance', 'files'],
  properties: {
    trustedPublishing: { type: 'boolean' },
    publisher: {
      type: ['object', 'null'],
      required: ['kind', 'repository', 'workflow', 'email'],
      properties: { kind: { type: 'string' }, repository: { type: ['string', 'null'] }, workflow: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
    },
    filesWithProvenance: { type: 'integer' },
    files: { type: 'integer' },
  },
} as const;

const depsDevSchema = {
  type: 'object',
  required: ['licenses', 'sourceRepository', 'attestations', 'advisoryIds', 'projectStatus', 'stars', 'openIssues', 'scorecard'],
  properties: {
    licenses: stringArraySchema,
    sourceRepository: { type: ['string', 'null'] },
    attestations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'verified', 'sourceRepository'],
        properties: { type: { type: 'string' }, verified: { type: 'boolean' }, sourceRepository: { type: ['string', 'null'] } },
      },
    },
    advisoryIds: stringArraySchema,
    projectStatus: { type: ['string', 'null'] },
    stars: { type: ['number', 'null'] },
    openIssues: { type: ['number', 'null'] },
    scorecard: nullable(scorecardSchema),
  },
} as const;

export const healthSchema = {
  type: 'object',
  required: ['latest', 'latestUploadTime', 'versionUploadTime', 'yanked', 'yankedReason', 'status', 'provenance', 'scorecard', 'depsDev', 'license', 'repository', 'projectUrls'],
  properties: {
    latest: { type: ['string', 'null'] },
    latestUploadTime: { type: ['string', 'null'] },
    versionUploadTime: { type: ['string', 'null'] },
    yanked: { type: ['boolean', 'null'] },
    yankedReason: { type: ['string', 'null'] },
    status: { type: ['string', 'null'] },
    provenance: nullable(provenanceSchema),
    scorecard: nullable(scorecardSchema),
    depsDev: nullable(depsDevSchema),
    license: { type: ['string', 'null'] },
    repository: { type: ['string', 'null'] },
    projectUrls: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/** The core's Decision as the assessment carries it (origin 'backend'). */
export const coreDecisionSchema = {
  type: 'object',
  required: ['package', 'action', 'reason', 'author', 'until', 'replacement', 'versions', 'advisory', 'origin', 'created'],
  properties: {
    package: { type: 'string' },
    action: { type: 'string', enum: ['fix', 'fork', 'forgo', 'accept'] },
    reason: { type: 'string' },
    author: { type: 'string' },
    until: { type: ['string', 'null'] },
    replacement: { type: ['string', 'null'] },
    versions: { type: ['string', 'null'] },
    advisory: { type: ['string', 'null'] },
    origin: { type: 'string', enum: ['repo', 'backend'] },
    created: { type: ['string', 'null'] },
  },
} as const;

export const assessedPackageSchema = {
  type: 'object',
  required: ['ecosystem', 'name', 'version', 'level', 'signals', 'advisories', 'nearestSafe', 'actions', 'health', 'decision', 'unknown'],
  properties: {
    ecosystem: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    level: riskLevel,
    signals: { type: 'array', items: signalSchema },
    advisories: { type: 'array', items: advisorySchema },
    nearestSafe: { type: ['string', 'null'] },
    actions: { type: 'array', items: { type: 'string', enum: ['fix', 'fork', 'forgo'] } },
    health: nullable(healthSchema),
    decision: nullable(coreDecisionSchema),
    unknown: {
      type: 'array',
      items: { type: 'object', required: ['source', 'detail'], properties: { source: signalSource, detail: { type: 'string' } } },
    },
  },
} as const;

export const assessResponseSchema = {
  type: 'object',
  required: ['assessments', 'mirror'],
  properties: {
    assessments: { type: 'array', items: assessedPackageSchema },
    mirror: mirrorSummarySchema,
    // OSV records are passed on as the mirror holds them: their schema is OSV's, not ours.
    records: { type: 'object', additionalProperties: { type: 'object', required: ['id', 'modified'], additionalProperties: true } },
  },
} as const;
