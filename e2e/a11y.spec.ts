import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

async function scan(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${view}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`);
  expect(report, report.join('\n')).toEqual([]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations (${theme}): cluster, node network, overlay, lesson, terminal, editor`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    await page.getByTestId('pod-client').click();
    await expect(page.getByTestId('inspector-yaml')).toContainText('name: client');
    await scan(page, 'cluster');

    await page.getByTestId('view-node-network').click();
    await expect(page.getByTestId('nn-node')).toBeVisible();
    await scan(page, 'node network');

    await page.getByTestId('view-overlay').click();
    await page.waitForTimeout(300);
    await scan(page, 'overlay');

    await page.getByTestId('view-cluster').click();
    await page.getByTestId('lessons-toggle').click();
    await page.getByTestId('lesson-first-packet').click();
    await expect(page.getByTestId('lesson-step-count')).toBeVisible();
    await scan(page, 'lesson');

    await page.getByTestId('tab-trace').click();
    await page.getByTestId('trace-run').click();
    await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of/);
    await scan(page, 'trace');

    await page.getByTestId('tab-terminal').click();
    await expect(page.getByTestId('terminal-input')).toBeAttached();
    await scan(page, 'terminal');

    await page.getByTestId('tab-editor').click();
    await expect(page.getByTestId('manifest-editor').locator('.cm-content')).toBeVisible();
    await scan(page, 'editor');
  });
}
