/**
 * A quick fix as the user applies it: Ctrl+. on idna's line, "Pin idna to 3.7 (==3.7) (hashes
 * removed)", the line rewritten (its stale hashes gone), the squiggle gone, the notes shown, and
 * one Ctrl+Z bringing everything back.
 */
import { EDITOR, type UiSession } from '../../../scripts/vscode-e2e/ui';
import { runCommand } from '../support/ui-setup';

const TITLE = 'Pin idna to 3.7 (==3.7) (hashes removed)';

export async function checks(ui: UiSession): Promise<void> {
  const { page } = ui;
  const line = (text: RegExp) => page.locator(`${EDITOR} .view-line`, { hasText: text }).first();

  await ui.step('the quick fix menu on idna offers Fix, Accept and Fix upstream', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]').first().click();
    await ui.openFromExplorer('requirements.txt', 'flask==3.0.3');
    await line(/^idna==3\.6/).click({ position: { x: 10, y: 5 } });
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: TITLE }).first().waitFor();
    const items = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    console.log(`  quick fixes: ${items.join(' | ')}`);
    for (const expected of [TITLE, 'Fix upstream: draft an issue for idna…']) if (!items.some((i) => i.includes(expected))) throw new Error(`the menu lacks '${expected}'`);
    await ui.shot('04-quickfix-menu.png');
  });

  await ui.step('applying it rewrites the line, drops its hashes and its squiggle, and says what to do next', async () => {
    await page.locator('.action-widget .monaco-list-row', { hasText: TITLE }).first().click();
    await line(/^idna==3\.7$/).waitFor();
    if ((await page.locator(`${EDITOR} .view-line`, { hasText: /--hash=sha256:9ecdbbd0/ }).count()) !== 0) throw new Error('the old hashes are still there');
    // No error squiggle is left on idna's line once the analysis has seen the edit.
    await page.waitForFunction(`(() => {
      const idna = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].find((l) => /^idna==3\\.7$/.test(l.textContent));
      if (!idna) return false;
      const top = idna.getBoundingClientRect().top;
      return ![...document.querySelectorAll('.editor-instance .monaco-editor .squiggly-error')].some((s) => Math.abs(s.getBoundingClientRect().top - top) < 8);
    })()`);
    // The plan's notes: what the removed hashes mean and how to regenerate them.
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center', { hasText: 'Regenerate the hashes' }).first().waitFor();
    await ui.shot('05-after-quickfix.png');
    await page.keyboard.press('Escape');
  });

  await ui.step('one undo brings the line and its hashes back', async () => {
    await line(/^flask==3\.0\.3$/).click();
    await page.keyboard.press('Control+Z');
    await line(/^idna==3\.6\s\\$/).waitFor();
    await page.locator(`${EDITOR} .view-line`, { hasText: /--hash=sha256:9ecdbbd0/ }).first().waitFor();
  });
}
