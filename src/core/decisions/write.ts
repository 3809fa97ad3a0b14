/**
 * Recording a decision: an edit plan that appends a `[[decision]]` table to beachcomber.toml at the
 * workspace root, or creates the file. Appending (never rewriting) keeps the history of decisions
 * readable in a pull request's diff.
 */
import { planned, refused, type PlanResult } from '../edits/plan';
import { basicString, isAst, parseTomlAst } from '../edits/toml-ast';
import { linesOf, rangeAt } from '../edits/text';
import type { DecisionAction } from '../model/risk';
import { joinPath } from '../paths';
import { isValidName, isValidSpecifier } from '../versions';
import { DECISION_ACTIONS, DECISIONS_FILE, isIsoDate } from './read';

export interface NewDecision {
  readonly package: string;
  readonly action: DecisionAction;
  readonly reason: string;
  readonly author: string;
  readonly until?: string | null;
  readonly replacement?: string | null;
  readonly versions?: string | null;
  readonly advisory?: string | null;
  /** Today, as YYYY-MM-DD. */
  readonly created?: string | null;
}

const HEADER = [
  '# Beachcomber decisions about this repository\'s dependencies: fix, fork, forgo or accept,',
  '# with who decided, why and until when. Review changes to this file like code.',
].join('\n');

export function decisionsFileFor(workspaceRoot: string): string {
  return joinPath(workspaceRoot, DECISIONS_FILE);
}

/** Appends the decision to `text` (the file as read), or creates the file when `text` is undefined. */
export function planRecordDecision(path: string, text: string | undefined, decision: NewDecision): PlanResult {
  const invalid = checkDecision(decision);
  if (invalid) return refused(invalid);
  const title = `Record in ${DECISIONS_FILE}: ${decision.action} ${decision.package}`;
  if (text === undefined) return planned(title, [], [], [{ file: path, text: `${HEADER}\n\n${decisionTable(decision, '\n')}` }]);
  const ast = parseTomlAst(text);
  if (!isAst(ast)) return refused(`${DECISIONS_FILE} is not valid TOML (${ast.error}); fix it first`);
  const lines = linesOf(text);
  const separator = text === '' ? '' : /(\r?\n){2}$/.test(text) ? '' : /\n$/.test(text) ? lines.eol : `${lines.eol}${lines.eol}`;
  const end = text.length;
  return planned(title, [{ file: path, range: rangeAt(lines, end, end), newText: `${separator}${decisionTable(decision, lines.eol)}` }]);
}

function checkDecision(d: NewDecision): string | null {
  if (!isValidName(d.package)) return `'${d.package}' is not a valid package name`;
  if (!DECISION_ACTIONS.includes(d.action)) return `unknown action '${d.action}'`;
  for (const [key, date] of [['until', d.until], ['created', d.created]] as const) {
    if (date != null && !isIsoDate(date)) return `${key} must be a date like 2026-06-30, not '${date}'`;
  }
  if (d.versions != null && (d.versions.trim() === '' || !isValidSpecifier(d.versions))) return `'${d.versions}' is not a PEP 440 version specifier`;
  if (d.replacement != null && !isValidName(d.replacement)) return `'${d.replacement}' is not a valid package name`;
  return null;
}

/** The TOML text of one decision; dates are TOML local dates, everything else basic strings. */
export function decisionTable(d: NewDecision, eol: string): string {
  const lines = ['[[decision]]', `package = ${basicString(d.package)}`, `action = ${basicString(d.action)}`];
  if (d.replacement) lines.push(`replacement = ${basicString(d.replacement)}`);
  if (d.versions) lines.push(`versions = ${basicString(d.versions)}`);
  if (d.advisory) lines.push(`advisory = ${basicString(d.advisory)}`);
  lines.push(`reason = ${basicString(d.reason)}`, `author = ${basicString(d.author)}`);
  if (d.until) lines.push(`until = ${d.until}`);
  if (d.created) lines.push(`created = ${d.created}`);
  return lines.join(eol) + eol;
}
