/**
 * OSV's `modified_id.csv` (shared/reference/risk-data-apis.md §1.8): no header, one
 * `<RFC3339Nano modified>,<ID>` row per record, newest first. The top-level variant writes
 * `<ECOSYSTEM>/<ID>`; only PyPI rows are kept from it.
 */

export interface ModifiedRow {
  readonly modified: string;
  readonly id: string;
  /** 1-based line in the file, for problems. */
  readonly line: number;
}

export interface ModifiedIds {
  readonly rows: readonly ModifiedRow[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseModifiedIds(text: string): ModifiedIds {
  const rows: ModifiedRow[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const comma = line.indexOf(',');
    const modified = comma < 0 ? '' : line.slice(0, comma).trim();
    const id = comma < 0 ? '' : line.slice(comma + 1).trim();
    if (timestampKey(modified) == null || id === '') {
      problems.push({ line: index + 1, message: `not a "<modified>,<id>" row: ${line.slice(0, 80)}` });
      return;
    }
    const slash = id.lastIndexOf('/');
    if (slash >= 0 && id.slice(0, slash) !== 'PyPI') return;
    rows.push({ modified, id: id.slice(slash + 1), line: index + 1 });
  });
  return { rows, problems };
}

/**
 * A string that orders RFC 3339 timestamps by instant, to the nanosecond (Date keeps only
 * milliseconds, and OSV writes nanoseconds). Null when the text is not an RFC 3339 timestamp.
 */
export function timestampKey(text: string): string | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) / 1000;
  const seconds = local - offsetSeconds(zone!);
  // Shifted so that every instant since year 0 prints with the same number of digits.
  return `${String(seconds + 1e11).padStart(12, '0')}.${(fraction ?? '').padEnd(9, '0')}`;
}

/** "Z" or "+hh:mm" / "-hh:mm": how far local time runs ahead of UTC. */
function offsetSeconds(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
}

/** -1, 0 or 1 by instant; timestamps that do not parse sort first. */
export function compareTimestamps(a: string, b: string): number {
  const ka = timestampKey(a) ?? '';
  const kb = timestampKey(b) ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Milliseconds since the epoch, or null; for ages, where milliseconds are plenty. */
export function timestampMs(text: string): number | null {
  if (timestampKey(text) == null) return null;
  const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The rows to fetch: every row modified after `since`, and at `since` itself too, since two
 * records can share a timestamp and the file is a moving target; the caller drops those it has.
 */
export function changedSince(rows: readonly ModifiedRow[], since: string | null): ModifiedRow[] {
  if (since == null) return [...rows];
  return rows.filter((row) => compareTimestamps(row.modified, since) >= 0);
}
