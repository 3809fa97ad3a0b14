/**
 * The inventory as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or
 * a line break, quotes doubled), with the spreadsheet's columns in order. Package and advisory
 * text is untrusted: a cell that starts like a formula (=, +, -, @, tab, CR) is prefixed with an
 * apostrophe, as OWASP advises against CSV injection, so no spreadsheet evaluates it.
 */
import { INVENTORY_COLUMNS, type InventoryRow } from '../../protocol/inventory';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** How one field reads in the spreadsheet. */
export function cellText(row: InventoryRow, field: keyof InventoryRow): string {
  if (field === 'depth') return row.direct ? 'direct' : `transitive (${row.depth})`;
  if (field === 'trustedPublishing') return row.trustedPublishing == null ? 'unknown' : row.trustedPublishing ? 'yes' : 'no';
  const value = row[field];
  if (value == null) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

export function inventoryCsv(rows: readonly InventoryRow[]): string {
  const lines = [INVENTORY_COLUMNS.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(INVENTORY_COLUMNS.map((c) => csvCell(cellText(row, c.field))).join(','));
  return lines.join('\r\n') + '\r\n';
}
