/**
 * What package indexes and health services tell us about a project, normalised across PyPI's JSON
 * API, the Simple API (PEP 691/700/792), the Integrity API (PEP 740), deps.dev and Scorecard.
 */

/** PEP 792 project status. PyPI emits active, archived and quarantined today. */
export type ProjectStatus = 'active' | 'archived' | 'quarantined' | 'deprecated';

export interface ReleaseSummary {
  readonly version: string;
  /** ISO 8601 of the earliest file upload, or null when the release has no files. */
  readonly uploadTime: string | null;
  /** A release is yanked when all its files are (PEP 592). */
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  readonly requiresPython: string | null;
  /** Whether a file of this release carries a PEP 658 `.metadata` file. */
  readonly hasMetadataFile: boolean;
}

export interface ProjectInfo {
  /** PEP 503 normalised. */
  readonly name: string;
  readonly displayName: string;
  /** Every release the index lists, in the index's order. */
  readonly releases: readonly ReleaseSummary[];
  /** The newest final, non-yanked release (PyPI's choice of `info.version`), or null. */
  readonly latest: string | null;
  readonly status: ProjectStatus | null;
  readonly statusReason: string | null;
  readonly summary: string | null;
  readonly license: string | null;
  readonly projectUrls: Readonly<Record<string, string>>;
  readonly author: string | null;
  readonly maintainers: readonly string[];
}

export interface ReleaseFile {
  readonly filename: string;
  readonly url: string;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  readonly uploadTime: string | null;
  readonly requiresPython: string | null;
  /** PEP 740 Integrity API URL, or null when the file has no provenance. */
  readonly provenanceUrl: string | null;
  /** PEP 658/714: the URL of the file's core metadata, or null. */
  readonly metadataUrl: string | null;
  readonly sha256: string | null;
}

export interface ReleaseInfo {
  readonly name: string;
  readonly version: string;
  readonly requiresDist: readonly string[] | null;
  readonly requiresPython: string | null;
  readonly yanked: boolean;
  readonly yankedReason: string | null;
  readonly uploadTime: string | null;
  readonly files: readonly ReleaseFile[];
  readonly license: string | null;
  readonly summary: string | null;
  readonly author: string | null;
  readonly projectUrls: Readonly<Record<string, string>>;
}

export interface Publisher {
  readonly kind: string;
  readonly repository: string | null;
  readonly workflow: string | null;
  readonly email: string | null;
}

/** PEP 740: a release counts as Trusted-Publishing-published only when every file has provenance. */
export interface Provenance {
  readonly trustedPublishing: boolean;
  readonly publisher: Publisher | null;
  readonly filesWithProvenance: number;
  readonly files: number;
}

export interface ScorecardCheck {
  readonly name: string;
  /** 0..10; -1 means the check was inconclusive and is ignored. */
  readonly score: number;
  readonly reason: string;
}

export interface Scorecard {
  readonly repository: string;
  readonly date: string;
  readonly score: number;
  readonly checks: readonly ScorecardCheck[];
}

/** deps.dev's view of a version and its source project. */
export interface DepsDevInfo {
  readonly licenses: readonly string[];
  readonly sourceRepository: string | null;
  readonly attestations: readonly { readonly type: string; readonly verified: boolean; readonly sourceRepository: string | null }[];
  readonly advisoryIds: readonly string[];
  readonly projectStatus: ProjectStatus | null;
  readonly stars: number | null;
  readonly openIssues: number | null;
  readonly scorecard: Scorecard | null;
}
