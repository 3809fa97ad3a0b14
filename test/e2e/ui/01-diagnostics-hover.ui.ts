/**
 * Risk as the user sees it in the real workbench: squiggles on the exact text of requirements.txt
 * (errors under idna and pycrypto, pywin32 faded as inactive for the target), their rows in the
 * Problems panel from beachcomber, and the hover card on idna.
 */
import { EDITOR, type UiSession } from '../../../scripts/vscode-e2e/ui';
import { clearNotifications, prepareFakes } from '../support/ui-setup';

const ERRORS = `${EDITOR} .squiggly-error`;
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';

/**
 * VS Code caps a hover's height; its bottom edge is a sash the user can drag. Dragged down, the
 * picture shows the whole card, as a user who wants to read it would see it.
 */
async function enlargeHover(page: UiSession['page']): Promise<void> {
  await page.waitForTimeout(500);
  const sash = page.locator('.resizable-content-hover .monaco-sash.horizontal, .monaco-resizable-hover .monaco-sash.horizontal').last();
  const box = (await sash.count()) > 0 ? await sash.boundingBox() : null;
  console.log(`  hover sash: ${box ? `${box.x},${box.y} ${box.width}x${box.height}` : 'none'}; hover classes: ${await page.locator('.monaco-hover:visible').first().evaluate((n) => { type Node = { className: string; parentElement: Node | null }; const out: string[] = []; for (let e = n as unknown as Node | null; e && out.length < 6; e = e.parentElement) out.push(e.className); return out.join(' < '); })}`);
  if (!box) return;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 330, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(300);
}

export async function checks(ui: UiSession): Promise<void> {
  const { page } = ui;
  const line = (text: RegExp) => page.locator(`${EDITOR} .view-line`, { hasText: text }).first();

  await ui.step('point the installed extension at the fake servers (machine-scoped user settings)', async () => {
    await prepareFakes(page);
  });

  await ui.step('open requirements.txt from the Explorer', () => ui.openFromExplorer('requirements.txt', 'flask==3.0.3'));

  await ui.step('error squiggles under idna and pycrypto, pywin32 faded as inactive', async () => {
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(ERRORS)}).length >= 2`, undefined, { timeout: 60_000 });
    const squiggles = await page.locator(ERRORS).evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().top + n.getBoundingClientRect().height / 2));
    for (const text of [/^idna==3\.6/, /^pycrypto==2\.6\.1/]) {
      const box = await line(text).boundingBox();
      if (!box || !squiggles.some((y) => y >= box.y && y <= box.y + box.height)) throw new Error(`no error squiggle on the line ${text}`);
    }
    await page.locator(`${EDITOR} .squiggly-inline-unnecessary`).first().waitFor();
    await clearNotifications(page);
  });

  await ui.step('the Problems panel lists them from beachcomber, with their codes and places', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    // Every manifest of the workspace has rows; show those about idna's advisory. The panel's other
    // views (Output, Debug Console) have filter boxes too: this is the Problems one.
    const filter = page.locator('.viewpane-filter input[placeholder*="**/*.ts"]:visible').first();
    await filter.fill('PYSEC-2024-60');
    const idna = page.locator(PROBLEM_ROWS, { hasText: 'idna 3.6: PYSEC-2024-60' }).first();
    await idna.waitFor();
    const text = (await idna.innerText()).replace(/\s+/g, ' ');
    if (!/beachcomber/.test(text) || !/vulnerable/.test(text) || !/\[Ln 4, Col 1\]/.test(text)) throw new Error(`unexpected problem row: ${text}`);
    console.log(`  problem row: ${text.slice(0, 160)}`);
    await ui.shot('01-squiggles-and-problems.png');
  });

  await ui.step('a hover card on idna: level, reasons, advisory, health, actions', async () => {
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    const box = await line(/^idna==3\.6/).boundingBox();
    if (!box) throw new Error('the idna line is not on screen');
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.move(box.x + 12, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Nearest safe version' }).first();
    await hover.waitFor();
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['idna 3.6', 'high risk', 'PYSEC-2024-60', 'CVE-2024-3651', 'Latest release: 3.10', 'Trusted Publishing: no', 'Scorecard: 5.9 / 10', 'Nearest safe version: 3.7', 'Fix: 3.7', 'Fix upstream…']) {
      if (!text.includes(expected)) throw new Error(`the hover lacks '${expected}': ${text.slice(0, 300)}`);
    }
    console.log(`  hover: ${text.slice(0, 200)}`);
    await enlargeHover(page);
    await ui.shot('02-diagnostics-and-hover.png');
    await page.mouse.move(5, 5);
  });
}
