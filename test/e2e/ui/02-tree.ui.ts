/**
 * The Dependencies view in its own activity-bar container: the manifests, then service's direct
 * dependencies, expanded down the transitive path fastapi → starlette → anyio → idna.
 */
import type { UiSession } from '../../../scripts/vscode-e2e/ui';

const ROWS = '.part.sidebar .monaco-list-row';

export async function checks(ui: UiSession): Promise<void> {
  const { page } = ui;
  const row = (label: string) => page.locator(ROWS, { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }) }).first();

  await ui.step('the Beachcomber activity bar item opens the Dependencies view with every manifest', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Beachcomber"], .activitybar .action-item[aria-label^="Beachcomber"]').first().click();
    for (const label of ['poetry-app/pyproject.toml', 'requirements-dev.txt', 'requirements.txt', 'service/pyproject.toml']) await row(label).waitFor();
  });

  await ui.step('the tree shows the path fastapi → starlette → anyio → idna, with idna marked', async () => {
    for (const project of ['poetry-app/pyproject.toml', 'requirements-dev.txt', 'requirements.txt']) {
      const item = row(project);
      if ((await item.getAttribute('aria-expanded')) === 'true') await item.locator('.monaco-tl-twistie').click();
    }
    for (const label of ['fastapi', 'starlette', 'anyio']) {
      const item = row(label);
      await item.waitFor();
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.monaco-tl-twistie').click();
    }
    const idna = row('idna');
    await idna.waitFor();
    const text = (await idna.innerText()).replace(/\s+/g, ' ');
    if (!/3\.6/.test(text)) throw new Error(`unexpected idna row: ${text}`);
    const rows = (await page.locator(ROWS).allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    console.log(`  tree: ${rows.join(' | ')}`);
    await idna.click();
    // Wide enough to read each row's version and what is risky beneath it.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + sidebar.width + 180, sidebar.y + 300, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(sidebar.x + sidebar.width + 600, sidebar.y + 600);
    }
    await ui.shot('03-tree.png');
  });
}
