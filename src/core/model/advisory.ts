/**
 * OSV records as the OSV schema (1.x) defines them, and our per-package view of one. The raw
 * record is untrusted input: every field is optional and unknown fields are kept.
 */

export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: string;
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export interface OsvAffected {
  readonly package?: { readonly ecosystem?: string; readonly name?: string; readonly purl?: string };
  readonly severity?: readonly OsvSeverity[];
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Record<string, unknown>;
  readonly database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  readonly id: string;
  readonly modified: string;
  readonly schema_version?: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[];
  readonly related?: readonly string[];
  readonly upstream?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[];
  readonly affected?: readonly OsvAffected[];
  readonly references?: readonly { readonly type: string; readonly url: string }[];
  readonly database_specific?: Record<string, unknown>;
}

/** What querybatch returns per vulnerability: enough to know whether the cached record is current. */
export interface AdvisoryRef {
  readonly id: string;
  readonly modified: string;
}

export type RiskLevel = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';

/** Most severe first; `unknown` is not a severity but the absence of an answer, and sorts last. */
export const RISK_LEVELS: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'];

export interface Severity {
  readonly level: RiskLevel;
  /** CVSS base score, when a vector was given. */
  readonly score: number | null;
  readonly vector: string | null;
  /** CVSS_V4, CVSS_V3, CVSS_V2, or the database's own label (GHSA "MODERATE"). */
  readonly type: string | null;
}

/** One advisory as it concerns one package at one version. */
export interface Advisory {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly modified: string;
  readonly published: string | null;
  readonly severity: Severity;
  /** Fixed versions for this package (from ECOSYSTEM ranges), PEP 440 ascending. */
  readonly fixed: readonly string[];
  /** The smallest fixed version above the version in use, or null when none is known. */
  readonly fixedAbove: string | null;
  readonly malicious: boolean;
  readonly references: readonly { readonly type: string; readonly url: string }[];
  /** https://osv.dev/vulnerability/<id> */
  readonly url: string;
}
