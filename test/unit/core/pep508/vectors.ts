/**
 * The pypa/packaging 26.2 test tables in the corpus (vectors/packaging-*.json), row by row, and a
 * tally that tells agreement from documented differences and from rows that test Python object
 * behaviour we have no counterpart for. Every table of a file must be claimed by the test, so a
 * new table cannot be skipped silently.
 */
import assert from 'node:assert/strict';
import { readCorpus } from '../../../helpers/corpus';

export interface VectorTable {
  readonly argnames: readonly string[];
  readonly cases: readonly (readonly unknown[])[];
}

export interface VectorTest {
  readonly test: string;
  readonly tables: readonly VectorTable[];
}

export interface VectorFile {
  readonly constants: Readonly<Record<string, unknown>>;
  readonly parametrize: readonly VectorTest[];
}

export type Row = Readonly<Record<string, unknown>>;

export function loadVectors(name: string): VectorFile {
  return JSON.parse(readCorpus('vectors', name)) as VectorFile;
}

/** The rows of one test; several tables multiply out as pytest's stacked parametrize does. */
export function rowsOf(file: VectorFile, test: string): Row[] {
  const entry = file.parametrize.find((p) => p.test === test);
  assert.ok(entry, `no table for ${test}`);
  let rows: Row[] = [{}];
  for (const table of entry.tables) {
    const next: Row[] = [];
    for (const row of rows) {
      for (const values of table.cases) {
        const combined: Record<string, unknown> = { ...row };
        table.argnames.forEach((name, i) => (combined[name] = values[i]));
        next.push(combined);
      }
    }
    rows = next;
  }
  return rows;
}

/** A check answers true (agrees), false (disagrees) or a string (why the row does not apply). */
export type Check = (row: Row) => boolean | string;

export interface Outcome {
  agreed: number;
  notApplicable: number;
  failures: string[];
}

/** Runs one check over every row of a test. */
export function runTest(file: VectorFile, test: string, check: Check): Outcome {
  const outcome: Outcome = { agreed: 0, notApplicable: 0, failures: [] };
  for (const row of rowsOf(file, test)) {
    let verdict: boolean | string;
    try {
      verdict = check(row);
    } catch (e) {
      outcome.failures.push(`${JSON.stringify(row).slice(0, 300)} threw ${(e as Error).message}`);
      continue;
    }
    if (verdict === true) outcome.agreed++;
    else if (verdict === false) outcome.failures.push(JSON.stringify(row).slice(0, 300));
    else outcome.notApplicable++;
  }
  return outcome;
}

/** Asserts that the checks cover exactly the tests of the file. */
export function assertAllClaimed(file: VectorFile, claimed: Iterable<string>): void {
  const names = new Set(claimed);
  const missing = file.parametrize.map((p) => p.test).filter((t) => !names.has(t));
  assert.deepEqual(missing, [], 'tables in the vector file that no check claims');
}
