/**
 * What a UI check file (test/e2e/ui/*.ui.ts) gets: the page of a ready workbench on the fixture
 * workspace, named steps that pass or fail one at a time, screenshots, and the few workbench
 * moves every check needs. The selectors are VS Code DOM internals of the pinned build
 * (code-server 4.139.1 = VS Code 1.139.1); a version bump may need them revisited.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export interface UiSession {
  readonly page: Page;
  /** The text area of the active editor. */
  readonly editor: Locator;
  step(name: string, body: () => Promise<void>): Promise<boolean>;
  shot(name: string): Promise<void>;
  openFromExplorer(fileName: string, expectedText: string): Promise<void>;
}

/** A UI check file exports this. */
export type UiChecks = (ui: UiSession) => Promise<void>;

export const EDITOR = '.editor-instance .monaco-editor';

export function createSession(page: Page, outDir: string, results: StepResult[]): UiSession {
  const editor = page.locator(EDITOR).first();

  async function shot(name: string): Promise<void> {
    const path = join(outDir, name);
    await page.screenshot({ path });
    console.log(`  screenshot ${path}`);
  }

  async function step(name: string, body: () => Promise<void>): Promise<boolean> {
    const started = Date.now();
    try {
      await body();
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ name, ok: false, ms: Date.now() - started, error: message });
      console.log(`FAIL ${name} (${Date.now() - started} ms): ${message.split('\n')[0]}`);
      await shot(`fail-${name.replace(/\W+/g, '_')}.png`).catch(() => undefined);
      return false;
    }
  }

  async function openFromExplorer(fileName: string, expectedText: string): Promise<void> {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
    await page.locator(`${EDITOR} .view-lines`, { hasText: expectedText }).first().waitFor();
  }

  return { page, editor, step, shot, openFromExplorer };
}

/** Waits until the workbench has restored and the Explorer shows `fileName`. */
export async function waitForWorkbench(page: Page, fileName: string): Promise<void> {
  await page.waitForSelector('.monaco-workbench');
  // window.driver is VS Code's smoke-test driver (enable-smoke-test-driver): the reliable "ready".
  await page.waitForFunction('window.driver && typeof window.driver.whenWorkbenchRestored === "function"');
  await page.evaluate('window.driver.whenWorkbenchRestored()');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().waitFor();
}
