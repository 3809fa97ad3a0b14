/**
 * A team's Fix / Fork / Forgo / Accept decisions, shared by every repository. Decisions are
 * versioned: every write names the revision it read (If-Match), so a stale write is refused (412)
 * instead of silently overwriting someone else's; deletes are recorded as events, and the history
 * of a package lists every event with who and when.
 */
import type { Decision } from '../core/model/risk';
import { isoDateSchema, nullable, packageNameSchema, textSchema } from './common';

export type DecisionAction = 'fix' | 'fork' | 'forgo' | 'accept';

/**
 * CycloneDX VEX justifications. An `accept` decision with a justification says "not affected"
 * (VEX state not_affected); without one it says "risk accepted" (exploitable, will not fix).
 */
export type VexJustification =
  | 'code_not_present'
  | 'code_not_reachable'
  | 'requires_configuration'
  | 'requires_dependency'
  | 'requires_environment'
  | 'protected_by_compiler'
  | 'protected_at_runtime'
  | 'protected_at_perimeter'
  | 'protected_by_mitigating_control';

export const VEX_JUSTIFICATIONS: readonly VexJustification[] = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
];

/** What a person decides; the same fields on create (with `package`) and on update. */
export interface DecisionFields {
  readonly action: DecisionAction;
  readonly reason: string;
  /** The fork or alternative chosen, for fork / forgo. */
  readonly replacement?: string | null;
  /** Limits the decision to versions matching this PEP 440 specifier. */
  readonly versions?: string | null;
  /** Limits the decision to one advisory (an OSV id or alias). */
  readonly advisory?: string | null;
  /** ISO date; an accept stops quieting findings after it. */
  readonly expires?: string | null;
  readonly justification?: VexJustification | null;
}

export interface DecisionInput extends DecisionFields {
  readonly package: string;
}

export interface DecisionRecord {
  readonly id: string;
  /** PEP 503 normalised. */
  readonly package: string;
  readonly action: DecisionAction;
  readonly reason: string;
  readonly replacement: string | null;
  readonly versions: string | null;
  readonly advisory: string | null;
  readonly expires: string | null;
  readonly justification: VexJustification | null;
  /** The name of the token that created it. */
  readonly author: string;
  readonly created: string;
  readonly updated: string;
  readonly updatedBy: string;
  /** Starts at 1 and grows with every update; the ETag is derived from it. */
  readonly revision: number;
  readonly etag: string;
}

export type DecisionEventKind = 'created' | 'updated' | 'deleted';

export interface DecisionEvent {
  readonly seq: number;
  readonly event: DecisionEventKind;
  readonly decisionId: string;
  readonly author: string;
  readonly at: string;
  /** The decision after the event (for a delete: as it was when deleted). */
  readonly decision: DecisionRecord;
}

export interface DecisionList {
  readonly decisions: readonly DecisionRecord[];
}

export interface DecisionHistory {
  readonly package: string;
  readonly events: readonly DecisionEvent[];
}

const action = { type: 'string', enum: ['fix', 'fork', 'forgo', 'accept'] } as const;
const justification = { type: ['string', 'null'], enum: [...VEX_JUSTIFICATIONS, null] } as const;

const fieldProperties = {
  action,
  reason: textSchema(10_000, 1),
  replacement: nullable(textSchema(500)),
  versions: nullable(textSchema(500)),
  advisory: nullable(textSchema(200)),
  expires: nullable(isoDateSchema),
  justification,
} as const;

export const decisionInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['package', 'action', 'reason'],
  properties: { package: packageNameSchema, ...fieldProperties },
} as const;

export const decisionUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'reason'],
  properties: fieldProperties,
} as const;

export const decisionRecordSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'package', 'action', 'reason', 'replacement', 'versions', 'advisory', 'expires', 'justification', 'author', 'created', 'updated', 'updatedBy', 'revision', 'etag'],
  properties: {
    id: { type: 'string' },
    package: { type: 'string' },
    action,
    reason: { type: 'string' },
    replacement: { type: ['string', 'null'] },
    versions: { type: ['string', 'null'] },
    advisory: { type: ['string', 'null'] },
    expires: { type: ['string', 'null'] },
    justification: { type: ['string', 'null'] },
    author: { type: 'string' },
    created: { type: 'string' },
    updated: { type: 'string' },
    updatedBy: { type: 'string' },
    revision: { type: 'integer' },
    etag: { type: 'string' },
  },
} as const;

export const decisionListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decisions'],
  properties: { decisions: { type: 'array', items: decisionRecordSchema } },
} as const;

export const decisionHistorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['package', 'events'],
  properties: {
    package: { type: 'string' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['seq', 'event', 'decisionId', 'author', 'at', 'decision'],
        properties: {
          seq: { type: 'integer' },
          event: { type: 'string', enum: ['created', 'updated', 'deleted'] },
          decisionId: { type: 'string' },
          author: { type: 'string' },
          at: { type: 'string' },
          decision: decisionRecordSchema,
        },
      },
    },
  },
} as const;

/** The core's view of a backend decision, as the risk model and the editor take it; `expires` is
 * the wire's name for `until`. */
export function toCoreDecision(record: DecisionRecord): Decision {
  return {
    package: record.package,
    action: record.action,
    reason: record.reason,
    author: record.author,
    until: record.expires,
    replacement: record.replacement,
    versions: record.versions,
    advisory: record.advisory,
    origin: 'backend',
    created: record.created,
  };
}
