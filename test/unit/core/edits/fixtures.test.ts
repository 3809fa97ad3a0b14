/**
 * Fix / Fork / Forgo on hand-written fixtures of every syntax: the exact resulting text, the
 * notes the user sees, and a round trip through the real readers (zero problems, the record
 * changed as asked, every other record and every untouched line kept).
 */
import assert from 'node:assert/strict';
import { extname } from 'node:path';
import { PYPROJECT_CASES, REQUIREMENTS_CASES, type EditCase } from './cases';
import { assertNoProblems, checkRoundTrip, parse, planOf, readFixture, recordOf } from './helpers';

function checkCase(c: EditCase, path: string): void {
  const text = readFixture(c.fixture);
  const parsed = parse(path, text);
  assertNoProblems(parsed, c.fixture);
  const dependency = recordOf(parsed, c.record.name, c.record.group);
  const plan = planOf(c.act({ path, text }, dependency));
  const out = checkRoundTrip(path, text, plan, { ...c.record, after: c.after });
  assert.equal(out, readFixture(`expected/${c.id}${extname(c.fixture)}`));
  const expected = c.notes ?? [];
  assert.equal(plan.notes.length, expected.length, `notes: ${JSON.stringify(plan.notes)}`);
  for (const pattern of expected) assert.ok(plan.notes.some((n) => pattern.test(n)), `no note matches ${pattern}: ${JSON.stringify(plan.notes)}`);
  assert.equal(plan.creates.length, 0);
  assert.ok(plan.edits.every((e) => e.file === path));
}

describe('edits: pyproject.toml, every table in its own syntax', () => {
  for (const c of PYPROJECT_CASES) it(c.id, () => checkCase(c, '/ws/pyproject.toml'));
});

describe('edits: requirements files', () => {
  for (const c of REQUIREMENTS_CASES) it(c.id, () => checkCase(c, '/ws/requirements.txt'));
});
