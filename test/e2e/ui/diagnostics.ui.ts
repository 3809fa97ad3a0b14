/**
 * Parse problems as the user sees them in the real workbench: a squiggle under the bad line of
 * requirements.txt, its row in the Problems panel, and both gone once the line is fixed.
 */
import { EDITOR, type UiSession } from '../../../scripts/vscode-e2e/ui';

const SQUIGGLE = `${EDITOR} .squiggly-error`;
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';

export async function checks(ui: UiSession): Promise<void> {
  const { page } = ui;
  const badLine = page.locator(`${EDITOR} .view-line`, { hasText: /^requests==$/ }).first();

  await ui.step('open requirements.txt from the Explorer', () => ui.openFromExplorer('requirements.txt', 'flask==3.0.3'));

  await ui.step('a squiggle under the bad line (line 3)', async () => {
    await page.locator(SQUIGGLE).first().waitFor();
    const squiggles = await page.locator(SQUIGGLE).count();
    if (squiggles !== 1) throw new Error(`expected 1 error squiggle, saw ${squiggles}`);
    const squiggle = await page.locator(SQUIGGLE).first().boundingBox();
    const line = await badLine.boundingBox();
    if (!squiggle || !line) throw new Error('the squiggle or line 3 is not on screen');
    const middle = squiggle.y + squiggle.height / 2;
    if (middle < line.y || middle > line.y + line.height) {
      throw new Error(`the squiggle (y ${squiggle.y}) is not on the line 'requests==' (y ${line.y}..${line.y + line.height})`);
    }
  });

  await ui.step('the Problems panel lists it at Ln 3, from beachcomber', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(PROBLEM_ROWS)}).length === 2`); // the file, its one problem
    const rows = await page.locator(PROBLEM_ROWS).allInnerTexts();
    const problem = rows[1]?.replace(/\s+/g, ' ') ?? '';
    if (!/requirements\.txt/.test(rows[0] ?? '')) throw new Error(`first row is not the file: ${rows[0]}`);
    if (!/beachcomber/.test(problem) || !/parse-problem/.test(problem) || !/\[Ln 3, Col \d+\]/.test(problem)) {
      throw new Error(`unexpected problem row: ${problem}`);
    }
    console.log(`  problem row: ${problem}`);
    await ui.shot('01-squiggle-and-problems.png');
  });

  await ui.step('fixing the line in the editor clears the squiggle and the row', async () => {
    await badLine.click();
    await page.keyboard.press('End');
    await page.keyboard.type('2.32.3');
    await page.locator(`${EDITOR} .view-line`, { hasText: /^requests==2\.32\.3$/ }).first().waitFor();
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(SQUIGGLE)}).length === 0 && document.querySelectorAll(${JSON.stringify(PROBLEM_ROWS)}).length === 0`);
    await ui.shot('02-fixed.png');
    await page.keyboard.press('Control+Z');
    await page.locator(SQUIGGLE).first().waitFor();
  });
}
