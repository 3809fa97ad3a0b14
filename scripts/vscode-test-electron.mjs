// The integration suite (test/e2e/suite) in a desktop VS Code, through @vscode/test-electron, for
// machines that can download VS Code from update.code.visualstudio.com. (This project's own machine
// cannot; there `bash scripts/vscode-test.sh` runs the same suite in code-server's VS Code.)
//
//   node scripts/vscode-test-electron.mjs                      # on a desktop, or in CI with a display
//   xvfb-run -a node scripts/vscode-test-electron.mjs          # on a headless Linux machine
//   VSCODE_TEST_VERSION=stable node scripts/vscode-test-electron.mjs
//
// It builds the project, copies test/e2e/fixtures/workspace to a fresh folder (the tests edit it),
// downloads VS Code into .vscode-test/ (cached there by @vscode/test-electron; default: the
// VS Code version the code-server harness pins), and runs out/test/e2e/suite/index.js with this
// project as the extension in development mode, without the user's extensions or settings.
// Results: .test-output/vscode-electron/suite-results.json. Last line: `N passed, M failed`;
// exit code 0 iff all passed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.test-output', 'vscode-electron');
const run = join(root, '.vscode-test', 'electron-run');
const results = join(out, 'suite-results.json');

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
rmSync(run, { recursive: true, force: true });
rmSync(results, { force: true });
mkdirSync(out, { recursive: true });
const workspace = join(run, 'workspace');
cpSync(join(root, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });

let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? '1.139.1',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'e2e', 'suite', 'index.js'),
    extensionTestsEnv: { BEACHCOMBER_E2E_RESULTS: results },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', join(run, 'user-data'), '--extensions-dir', join(run, 'extensions')],
  });
} catch (error) {
  console.error(`vscode-test-electron: ${error instanceof Error ? error.message : String(error)}`);
}

let passed = 0;
let failed = 1;
try {
  ({ passed, failed } = JSON.parse(readFileSync(results, 'utf8')));
} catch {
  console.error(`vscode-test-electron: no results in ${results}`);
}
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
