/**
 * The entry VS Code's extension host loads as `extensionTestsPath`: it runs every compiled
 * `*.test.js` beside it with mocha, and writes a results file the harness reads
 * (`BEACHCOMBER_E2E_RESULTS`), because the extension host's exit code alone cannot say how many
 * tests ran.
 */
import Mocha from 'mocha';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';

interface TestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly ms?: number;
  readonly error?: string;
}

// VS Code forwards extension-host console output without applying printf placeholders ('%s'),
// so mocha's reporter lines are formatted here.
(Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) =>
  console.log(format(...args));

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(__dirname, name));
  }
  const tests: TestResult[] = [];
  const startedAt = new Date().toISOString();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = tests.filter((t) => t.state === 'passed').length;
      writeResults({ startedAt, finishedAt: new Date().toISOString(), host: host(), passed, failed: failures, tests });
      console.log(`[beachcomber e2e] ${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', ms: test.duration ?? 0 }));
    runner.on('fail', (test, error: unknown) =>
      tests.push({ title: test.fullTitle(), state: 'failed', error: String((error as Error)?.stack ?? error) }));
  });
}

function host(): Record<string, unknown> {
  return { vscode: vscode.version, appName: vscode.env.appName, remoteName: vscode.env.remoteName ?? null, uiKind: vscode.env.uiKind, node: process.version };
}

function writeResults(results: Record<string, unknown>): void {
  const file = process.env.BEACHCOMBER_E2E_RESULTS;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2));
}
