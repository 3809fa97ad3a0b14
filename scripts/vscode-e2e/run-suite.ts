/**
 * Runs the extension's integration suite inside code-server's remote (Node) extension host.
 *
 *   node --import tsx scripts/vscode-e2e/run-suite.ts <baseUrl> <workspace> <extensionDevelopmentPath> <extensionTestsPath.js> <outDir>
 *   env: BEACHCOMBER_E2E_HOST_ENV  JSON object of environment variables for the extension host
 *        TEST_TIMEOUT_MS           default 240000
 *
 * The extension host reports its exit code through `window.codeAutomationExit` and its console
 * through `window.codeAutomationLog`, the hooks @vscode/test-web uses; the code-server log is no
 * signal (it records exit code 0 even when tests fail). Mocha's lines are echoed, everything is
 * kept in <outDir>/workbench-suite.log, and a screenshot of the end state is saved.
 * Exit code: 0 iff the extension host exited with 0.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, remoteUri, workbenchUrl } from './browser';

/** Lines worth echoing: mocha's reporter and our own summary, not the offline noise of built-ins. */
const INTERESTING = /✔|✓|passing|failing|pending|^skipped: |^\s+\d+\) |AssertionError|Error:|^\s*host: |\[beachcomber/;
const NOISE = /authentication provider 'github'|ENOTFOUND|open-vsx/;

async function main(): Promise<number> {
  const [base, workspace, extensionPath, testsPath, outDir] = process.argv.slice(2);
  if (!base || !workspace || !extensionPath || !testsPath || !outDir) {
    console.error('usage: run-suite.ts <baseUrl> <workspace> <extensionDevelopmentPath> <extensionTestsPath.js> <outDir>');
    return 2;
  }
  mkdirSync(outDir, { recursive: true });
  const logFile = join(outDir, 'workbench-suite.log');
  writeFileSync(logFile, '');
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remoteUri(base, extensionPath)],
    ['extensionTestsPath', remoteUri(base, testsPath)],
  ];
  if (process.env.BEACHCOMBER_E2E_HOST_ENV) payload.push(['extensionEnvironment', process.env.BEACHCOMBER_E2E_HOST_ENV]);

  const started = Date.now();
  const browser = await launchBrowser(outDir);
  const { page } = browser;
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    appendFileSync(logFile, `[${type}] ${text}\n`);
    if (INTERESTING.test(text) && !NOISE.test(text)) console.log(text.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n'));
  });
  page.on('pageerror', (error) => appendFileSync(logFile, `[pageerror] ${error.message}\n`));
  await page.goto(workbenchUrl(base, workspace, payload));

  const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 240_000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  console.log(`extension host exit code: ${code} (${Date.now() - started} ms after browser launch)`);
  await page.screenshot({ path: join(outDir, '00-suite-end.png') }).catch(() => undefined);
  await browser.close();
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
