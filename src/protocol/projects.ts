/**
 * Project snapshots: a repository reports the packages it uses (exact versions, how deep, in
 * which groups, through which paths), so the team can ask which repositories use a package.
 */
import { MAX_SNAPSHOT_PACKAGES, packageNameSchema, textSchema, versionSchema } from './common';

export interface SnapshotPackage {
  readonly name: string;
  readonly version: string;
  /** 0 for a direct dependency, n for one pulled in n levels below a direct one. */
  readonly depth: number;
  readonly groups: readonly string[];
  /** A few introduced-through paths, each from a direct dependency down to this package. */
  readonly paths: readonly (readonly string[])[];
}

export interface SnapshotInput {
  readonly packages: readonly SnapshotPackage[];
  /** Free text naming where the snapshot came from (a commit, a lock file path). */
  readonly source?: string | null;
}

export interface ProjectSummary {
  readonly id: string;
  readonly packages: number;
  readonly direct: number;
  readonly updated: string;
  readonly updatedBy: string;
  readonly source: string | null;
}

export interface Snapshot extends ProjectSummary {
  /** Sorted by name, then version; names PEP 503 normalised. */
  readonly snapshot: readonly SnapshotPackage[];
}

export interface ProjectList {
  readonly projects: readonly ProjectSummary[];
}

export interface PackageUsage {
  readonly package: string;
  readonly projects: readonly {
    readonly project: string;
    readonly version: string;
    readonly depth: number;
    readonly groups: readonly string[];
  }[];
}

/** Project ids are repository names like `apache/airflow`: URL-encode the slash in paths. */
export const projectIdSchema = { ...textSchema(200, 1), pattern: '^[^\\u0000-\\u001f\\u007f\\p{Cs}]+$' } as const;

const groupsSchema = { type: 'array', maxItems: 100, items: textSchema(200) } as const;

export const snapshotPackageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'depth'],
  properties: {
    name: packageNameSchema,
    version: versionSchema,
    depth: { type: 'integer', minimum: 0, maximum: 1000 },
    groups: groupsSchema,
    paths: { type: 'array', maxItems: 10, items: { type: 'array', maxItems: 100, items: textSchema(200) } },
  },
} as const;

export const snapshotInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['packages'],
  properties: {
    packages: { type: 'array', maxItems: MAX_SNAPSHOT_PACKAGES, items: snapshotPackageSchema },
    source: { ...textSchema(500), type: ['string', 'null'] },
  },
} as const;

const summaryProperties = {
  id: { type: 'string' },
  packages: { type: 'integer' },
  direct: { type: 'integer' },
  updated: { type: 'string' },
  updatedBy: { type: 'string' },
  source: { type: ['string', 'null'] },
} as const;

export const projectSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const;

const storedPackageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'version', 'depth', 'groups', 'paths'],
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    depth: { type: 'integer' },
    groups: { type: 'array', items: { type: 'string' } },
    paths: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
  },
} as const;

export const snapshotSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(summaryProperties), 'snapshot'],
  properties: { ...summaryProperties, snapshot: { type: 'array', items: storedPackageSchema } },
} as const;

export const projectListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['projects'],
  properties: { projects: { type: 'array', items: projectSummarySchema } },
} as const;

export const packageUsageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['package', 'projects'],
  properties: {
    package: { type: 'string' },
    projects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['project', 'version', 'depth', 'groups'],
        properties: { project: { type: 'string' }, version: { type: 'string' }, depth: { type: 'integer' }, groups: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
} as const;
