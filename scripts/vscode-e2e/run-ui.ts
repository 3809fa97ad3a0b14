/**
 * Runs the UI checks of test/e2e/ui/*.ui.ts in headless Chromium against a running code-server
 * that has the packaged .vsix installed (not development mode: this is what users get).
 *
 *   node --import tsx scripts/vscode-e2e/run-ui.ts <baseUrl> <workspace> <outDir>
 *
 * Prints one line per step, writes <outDir>/ui-results.json ({passed, failed, results}), the
 * screenshots and the page's console (<outDir>/workbench-ui.log); exit code 0 iff every step passed.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusDir, hasCorpus } from '../../test/e2e/support/fakes';
import { launchBrowser, workbenchUrl } from './browser';
import { createSession, waitForWorkbench, type StepResult, type UiChecks } from './ui';

const CHECKS_DIR = resolve(__dirname, '../../test/e2e/ui');

async function main(): Promise<number> {
  const [base, workspace, outDir] = process.argv.slice(2);
  if (!base || !workspace || !outDir) {
    console.error('usage: run-ui.ts <baseUrl> <workspace> <outDir>');
    return 2;
  }
  const results: StepResult[] = [];
  const browser = await launchBrowser(outDir);
  browser.page.setDefaultTimeout(30_000);
  const logFile = join(outDir, 'workbench-ui.log');
  writeFileSync(logFile, '');
  browser.page.on('console', (message) => appendFileSync(logFile, `[${message.type()}] ${message.text()}\n`));
  browser.page.on('pageerror', (error) => appendFileSync(logFile, `[pageerror] ${error.message}\n`));
  const ui = createSession(browser.page, outDir, results);
  try {
    const ready = await ui.step('workbench ready', async () => {
      await browser.page.goto(workbenchUrl(base, workspace));
      await waitForWorkbench(browser.page, 'requirements.txt');
    });
    // Every check looks at findings from the corpus's advisories.
    if (ready && !hasCorpus()) console.log(`skipped: corpus not found (looked in ${corpusDir()}); set BEACHCOMBER_CORPUS`);
    else if (ready) {
      for (const file of readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.ui.ts')).sort()) {
        const module = (await import(pathToFileURL(join(CHECKS_DIR, file)).href)) as { checks?: UiChecks };
        if (!module.checks) throw new Error(`${file} does not export checks(ui)`);
        await module.checks(ui);
      }
    }
  } finally {
    await browser.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(join(outDir, 'ui-results.json'), JSON.stringify({ passed, failed, results }, null, 2));
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
