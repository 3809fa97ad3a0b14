/**
 * The UI checks drive the installed .vsix (what users get), which reads its request URLs from
 * machine-scoped settings only. In code-server (a remote window) those live in the remote
 * machine's settings, user-data/Machine/settings.json, which win over User/settings.json for
 * machine-scoped keys. So the playwright process starts the fakes itself, writes their URLs there
 * (run-ui.ts's workspace argument sits in the run folder beside user-data/), and reloads the
 * window: code-server does not notice a settings file changed behind its back, and a reload is
 * what a user would do too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForWorkbench } from '../../../scripts/vscode-e2e/ui';
import { startFakes, type Fakes } from './fakes';

let prepared: Promise<Fakes> | undefined;

/** Starts the fakes once per UI run, points the extension at them and reloads the window. */
export function prepareFakes(page: Page): Promise<Fakes> {
  prepared ??= (async () => {
    const fakes = await startFakes();
    const workspace = process.argv[3];
    if (!workspace) throw new Error('run-ui.ts passes the workspace as its second argument');
    const userData = join(dirname(workspace), 'user-data');
    const machine: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fakes.settings)) machine[`beachcomber.${key}`] = value;
    mkdirSync(join(userData, 'Machine'), { recursive: true });
    writeFileSync(join(userData, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));
    // Info-level facts (no Trusted Publishing, no security policy) stay in the hover card and the
    // tree; as hints they would crowd the hover in the screenshots.
    const userFile = join(userData, 'User', 'settings.json');
    const user = existsSync(userFile) ? (JSON.parse(readFileSync(userFile, 'utf8')) as Record<string, unknown>) : {};
    user['beachcomber.diagnostics.minimumLevel'] = 'low';
    writeFileSync(userFile, JSON.stringify(user, null, 2));
    await page.reload();
    await waitForWorkbench(page, 'requirements.txt');
    await waitForAnalysis(page);
    return fakes;
  })();
  return prepared;
}

/** The status bar item says how old the data is once an analysis has finished. */
export async function waitForAnalysis(page: Page): Promise<void> {
  await page.locator('.statusbar-item', { hasText: /high.*· (just now|\d+ min ago)/ }).first().waitFor({ timeout: 60_000 });
}

/** Runs a workbench command from the command palette, by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Toasts from before the fakes were configured (the first analysis could not reach osv.dev) out of the pictures. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}
