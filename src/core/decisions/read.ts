/**
 * `beachcomber.toml`: a team's decisions about dependencies, kept in the repository so that they
 * are reviewed in pull requests like code.
 *
 *   [[decision]]
 *   package = "pycrypto"
 *   action = "fork"              # fix | fork | forgo | accept
 *   replacement = "pycryptodome"
 *   reason = "Unmaintained since 2013"
 *   author = "Jane Doe"
 *   until = 2026-06-30           # a TOML date or "YYYY-MM-DD"; the decision expires after that day
 *   versions = "<3"              # PEP 440 specifier the decision is limited to
 *   advisory = "PYSEC-2017-94"   # the advisory it is limited to
 *
 * Reading never throws. A decision with an error (no package, an unknown action, a bad date or
 * specifier) is reported at its line and NOT applied, so a typo never quiets a finding.
 */
import type { Problem } from '../model/dependency';
import type { SourceRange } from '../model/range';
import type { Decision, DecisionAction } from '../model/risk';
import { keyRange, parseToml, tablesOf, type TomlDocument, type TomlEntry, type TomlTable } from '../toml';
import { isValidName, isValidSpecifier, normalizeName } from '../versions';

/** A decision read from beachcomber.toml, with where it was written. */
export interface RepoDecision extends Decision {
  readonly origin: 'repo';
  /** 1-based line of its `[[decision]]` header. */
  readonly line: number;
  readonly range: SourceRange;
}

export interface DecisionsFile {
  readonly decisions: readonly RepoDecision[];
  readonly problems: readonly Problem[];
}

export const DECISIONS_FILE = 'beachcomber.toml';

export const DECISION_ACTIONS: readonly DecisionAction[] = ['fix', 'fork', 'forgo', 'accept'];

const KEYS = new Set(['package', 'action', 'reason', 'author', 'until', 'replacement', 'versions', 'advisory', 'created']);

export function readDecisions(text: string, path: string): DecisionsFile {
  const parsed = parseToml(text);
  if (!parsed.ok) return { decisions: [], problems: [{ file: path, line: parsed.error.line, message: parsed.error.message, range: parsed.error.range, severity: 'error' }] };
  const doc = parsed.document;
  const problems: Problem[] = [];
  const report = (range: SourceRange, message: string, severity: Problem['severity'] = 'error') => problems.push({ file: path, line: range.start.line + 1, message, range, severity });
  for (const entry of doc.root.entries.values()) {
    if (entry.key !== 'decision') report(keyRange(doc, entry), `Unknown key '${entry.key}': beachcomber.toml holds [[decision]] tables only`, 'warning');
  }
  const list = doc.root.entries.get('decision');
  if (list && list.value.kind !== 'array') report(keyRange(doc, list), "'decision' must be an array of tables: write each one as [[decision]]");
  const decisions: RepoDecision[] = [];
  for (const table of list?.value.kind === 'array' ? tablesOf(list.value) : []) {
    const decision = readOne(doc, table, report);
    if (decision) decisions.push(decision);
  }
  return { decisions, problems };
}

type Report = (range: SourceRange, message: string, severity?: Problem['severity']) => void;

function readOne(doc: TomlDocument, table: TomlTable, report: Report): RepoDecision | null {
  const header = headerRange(doc, table);
  let valid = true;
  const fail = (range: SourceRange, message: string) => {
    report(range, message);
    valid = false;
  };
  warnUnknownKeys(doc, table, report);
  const text = stringField(doc, table, fail);
  const rangeOf = (key: string) => valueRange(doc, table.entries.get(key)!);
  const pkg = text('package');
  if (pkg == null && !table.entries.has('package')) fail(header, 'A decision needs a package');
  else if (pkg != null && !isValidName(pkg)) fail(rangeOf('package'), `'${pkg}' is not a valid package name`);
  const action = text('action');
  if (action == null && !table.entries.has('action')) fail(header, `A decision needs an action (${DECISION_ACTIONS.join(', ')})`);
  else if (action != null && !DECISION_ACTIONS.includes(action as DecisionAction)) fail(rangeOf('action'), `Unknown action '${action}': use ${DECISION_ACTIONS.join(', ')}`);
  const until = dateOf(doc, table.entries.get('until'), fail);
  const created = dateOf(doc, table.entries.get('created'), fail);
  const versions = text('versions');
  if (versions != null && (versions === '' || !isValidSpecifier(versions))) fail(rangeOf('versions'), `'${versions}' is not a PEP 440 version specifier`);
  const replacement = text('replacement');
  if (replacement != null && !isValidName(replacement)) fail(rangeOf('replacement'), `'${replacement}' is not a valid package name`);
  const reason = text('reason');
  const author = text('author');
  warnIncomplete(header, { reason, author, action, replacement }, report);
  if (!valid || pkg == null || action == null) return null;
  const decision = { package: normalizeName(pkg), action: action as DecisionAction, reason: reason ?? '', author: author ?? '', until, replacement: replacement || null };
  return { ...decision, versions, advisory: text('advisory') || null, origin: 'repo', created, line: header.start.line + 1, range: header };
}

/** A reader of string fields: null when absent, a problem when not a string. */
function stringField(doc: TomlDocument, table: TomlTable, fail: (range: SourceRange, message: string) => void): (key: string) => string | null {
  return (key) => {
    const entry = table.entries.get(key);
    if (!entry) return null;
    if (entry.value.kind === 'string') return entry.value.value.trim();
    fail(valueRange(doc, entry), `'${key}' must be a string`);
    return null;
  };
}

/** A misspelt key ("untill") would silently do nothing; say so. */
function warnUnknownKeys(doc: TomlDocument, table: TomlTable, report: Report): void {
  for (const entry of table.entries.values()) {
    if (!KEYS.has(entry.key)) report(keyRange(doc, entry), `Unknown key '${entry.key}' in a decision (known: ${[...KEYS].join(', ')})`, 'warning');
  }
}

/** A decision is reviewed by people: it should say why and who, and a fork which fork. */
function warnIncomplete(header: SourceRange, fields: { reason: string | null; author: string | null; action: string | null; replacement: string | null }, report: Report): void {
  if (!fields.reason) report(header, 'A decision should say why (reason)', 'warning');
  if (!fields.author) report(header, 'A decision should say who decided (author)', 'warning');
  if (fields.action === 'fork' && !fields.replacement) report(header, 'A fork decision should name the fork (replacement)', 'warning');
}

function headerRange(doc: TomlDocument, table: TomlTable): SourceRange {
  const start = doc.lines.positionAt(table.start);
  return { start, end: doc.lines.positionAt(doc.lines.lineEndAt(table.start)) };
}

function valueRange(doc: TomlDocument, entry: TomlEntry): SourceRange {
  const value = entry.value;
  if (value.kind === 'table') return keyRange(doc, entry);
  return doc.lines.rangeAt(value.start, value.end);
}

/** A TOML local date or a "YYYY-MM-DD" string that names a real calendar day. */
function dateOf(doc: TomlDocument, entry: TomlEntry | undefined, fail: (range: SourceRange, message: string) => void): string | null {
  if (!entry) return null;
  const value = entry.value;
  const raw = value.kind === 'string' ? value.value.trim() : value.kind === 'datetime' ? doc.text.slice(value.start, value.end) : null;
  if (raw != null && isIsoDate(raw)) return raw;
  fail(valueRange(doc, entry), `'${entry.key}' must be a date like 2026-06-30, not ${raw == null ? `a ${value.kind}` : `'${raw}'`}`);
  return null;
}

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}
