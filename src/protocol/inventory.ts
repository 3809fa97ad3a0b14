/**
 * GET /v1/inventory: the "beach cleaning" spreadsheet of a project (or of every project), one row
 * per package and version, as JSON, CSV (the spreadsheet's columns, in order) or CycloneDX 1.6.
 */
import type { RiskLevel } from '../core/model/advisory';

export type InventoryFormat = 'json' | 'csv' | 'cyclonedx';

/** How the package is kept up, from PEP 792 status, the risk signals and Scorecard. */
export type Maintenance = 'active' | 'archived' | 'quarantined' | 'deprecated' | 'abandoned' | 'unmaintained' | 'unknown';

export interface InventoryRow {
  readonly name: string;
  readonly author: string | null;
  readonly version: string;
  readonly description: string | null;
  readonly direct: boolean;
  /** 0 for direct; the smallest depth over the projects in the inventory. */
  readonly depth: number;
  readonly licenses: readonly string[];
  readonly purl: string;
  readonly pypiUrl: string;
  readonly vcsUrl: string | null;
  /** Advisories that affect this version (it is not patched in the version in use). */
  readonly unpatchedAdvisories: readonly string[];
  /** Null when provenance is not known. */
  readonly trustedPublishing: boolean | null;
  readonly maintenance: Maintenance;
  /** Stars, open issues and the Scorecard score, as far as known, e.g. "1,234 stars; Scorecard 7.1". */
  readonly community: string | null;
  readonly level: RiskLevel;
  /** "accept by alice until 2026-12-31: reason", or null. */
  readonly decision: string | null;
  /** Projects (repositories) using this package at this version. */
  readonly projects: readonly string[];
}

export interface Inventory {
  readonly project: string | null;
  readonly generated: string;
  readonly rows: readonly InventoryRow[];
}

/** The CSV header, in the spreadsheet's order; each column names the row field it shows. */
export const INVENTORY_COLUMNS: readonly { readonly header: string; readonly field: keyof InventoryRow }[] = [
  { header: 'Name', field: 'name' },
  { header: 'Author', field: 'author' },
  { header: 'Version', field: 'version' },
  { header: 'Description', field: 'description' },
  { header: 'Direct or transitive (depth)', field: 'depth' },
  { header: 'Licences', field: 'licenses' },
  { header: 'PURL', field: 'purl' },
  { header: 'PyPI URL', field: 'pypiUrl' },
  { header: 'VCS URL', field: 'vcsUrl' },
  { header: 'Unpatched advisories', field: 'unpatchedAdvisories' },
  { header: 'Trusted Publishing', field: 'trustedPublishing' },
  { header: 'Maintenance', field: 'maintenance' },
  { header: 'Community', field: 'community' },
  { header: 'Risk level', field: 'level' },
  { header: 'Decision', field: 'decision' },
];

const nullableString = { type: ['string', 'null'] } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

export const inventoryRowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'author', 'version', 'description', 'direct', 'depth', 'licenses', 'purl', 'pypiUrl', 'vcsUrl', 'unpatchedAdvisories', 'trustedPublishing', 'maintenance', 'community', 'level', 'decision', 'projects'],
  properties: {
    name: { type: 'string' },
    author: nullableString,
    version: { type: 'string' },
    description: nullableString,
    direct: { type: 'boolean' },
    depth: { type: 'integer' },
    licenses: strings,
    purl: { type: 'string' },
    pypiUrl: { type: 'string' },
    vcsUrl: nullableString,
    unpatchedAdvisories: strings,
    trustedPublishing: { type: ['boolean', 'null'] },
    maintenance: { type: 'string', enum: ['active', 'archived', 'quarantined', 'deprecated', 'abandoned', 'unmaintained', 'unknown'] },
    community: nullableString,
    level: { type: 'string' },
    decision: nullableString,
    projects: strings,
  },
} as const;

export const inventorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['project', 'generated', 'rows'],
  properties: { project: nullableString, generated: { type: 'string' }, rows: { type: 'array', items: inventoryRowSchema } },
} as const;

export const inventoryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    project: { type: 'string', minLength: 1, maxLength: 200 },
    format: { type: 'string', enum: ['json', 'csv', 'cyclonedx'] },
  },
} as const;
