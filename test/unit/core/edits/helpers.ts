/**
 * Shared checks for the edit-plan tests: read a fixture through the real readers, run a plan,
 * apply it with applyEdits, and prove the result reads with zero problems, the changed record
 * changed as asked, every other record is the same, and every line no edit touched is still there.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPlan, type EditPlan, type PlanResult, type TextEdit } from '../../../../src/core/edits';
import { pyprojectFormat } from '../../../../src/core/manifests/pyproject';
import { requirementsTxtFormat } from '../../../../src/core/manifests/requirements-txt';
import type { Dependency, ParsedFile } from '../../../../src/core/model/dependency';

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'edits');

export function readFixture(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

export function parse(path: string, text: string): ParsedFile {
  const format = path.endsWith('pyproject.toml') ? pyprojectFormat : requirementsTxtFormat;
  return format.parse(text, path, { env: {} });
}

export function assertNoProblems(parsed: ParsedFile, what: string): void {
  assert.deepEqual(parsed.problems.map((p) => `${p.line}: ${p.message}`), [], `${what} should read without problems`);
}

/** The one record of `name` (in `group`, when given). */
export function recordOf(parsed: ParsedFile, name: string, group?: string | null): Dependency {
  const found = parsed.dependencies.filter((d) => d.name === name && (group === undefined || d.group === group));
  assert.equal(found.length, 1, `expected one record of ${name}${group === undefined ? '' : ` in ${group}`}, found ${found.length}`);
  return found[0]!;
}

export function planOf(result: PlanResult): EditPlan {
  if (!result.ok) assert.fail(`plan refused: ${result.reason}`);
  return result.plan;
}

/** What a record looks like for comparisons that must not care about its position. */
export function summary(d: Dependency): string {
  return `${d.group ?? 'main'}|${d.name}|${d.specifier}|${d.marker ?? ''}|${d.extras.join(',')}|${d.hashes.length}`;
}

/** Every line of `before` that no edit touched appears in `after`, in the same order. */
export function assertUntouchedLinesKept(before: string, after: string, edits: readonly TextEdit[]): void {
  const touched = new Set<number>();
  for (const edit of edits) for (let line = edit.range.start.line; line <= edit.range.end.line; line++) touched.add(line);
  const afterLines = after.split(/\r\n|\n|\r/);
  let at = 0;
  before.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (touched.has(index)) return;
    while (at < afterLines.length && afterLines[at] !== line) at++;
    assert.ok(at < afterLines.length, `line ${index + 1} (${JSON.stringify(line)}) was lost`);
    at++;
  });
}

export interface Expectation {
  readonly name: string;
  readonly group?: string | null;
  /** The record after the edit: its new name and specifier; `removed` when it must be gone. */
  readonly after: { readonly name?: string; readonly specifier?: string; readonly extras?: readonly string[] } | 'removed';
}

/**
 * Applies a plan to one file and checks the round trip through the real reader: zero problems,
 * the record changed as expected (marker kept), all other records unchanged, untouched lines kept.
 */
export function checkRoundTrip(path: string, text: string, plan: EditPlan, expectation: Expectation): string {
  const before = parse(path, text);
  const out = applyPlan({ [path]: text }, plan)[path]!;
  const after = parse(path, out);
  assertNoProblems(after, `${path} after '${plan.title}'`);
  const target = recordOf(before, expectation.name, expectation.group);
  const others = (file: ParsedFile, skip: (d: Dependency) => boolean) => file.dependencies.filter((d) => !skip(d)).map(summary).sort();
  if (expectation.after === 'removed') {
    assert.equal(after.dependencies.filter((d) => d.name === target.name && d.group === target.group).length, 0, `${target.name} should be gone`);
    assert.deepEqual(others(after, () => false), others(before, (d) => d === target));
  } else {
    const newName = expectation.after.name ?? target.name;
    const changed = recordOf(after, newName, target.group);
    if (expectation.after.specifier !== undefined) assert.equal(changed.specifier, expectation.after.specifier);
    assert.equal(changed.marker, target.marker, 'the marker is kept');
    assert.deepEqual(changed.extras, expectation.after.extras ?? target.extras);
    assert.equal(changed.line, target.line, 'the record stays on its line');
    assert.deepEqual(others(after, (d) => d === changed), others(before, (d) => d === target));
  }
  assertUntouchedLinesKept(text, out, plan.edits);
  return out;
}
