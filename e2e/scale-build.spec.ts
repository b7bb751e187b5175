import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

// The Scale tab boots a real simulated cluster of the size asked for: the progress of the boot
// shows while the worker works, then the graph draws the nodes as a map of tiles, and the link
// reproduces the same cluster.
test.describe.configure({ timeout: 240_000 });

/** Fills in "Build this cluster" and starts it. */
async function build(page: Page, workers: number, replicas: number, services: number, mode: string): Promise<void> {
  await page.getByTestId('view-scale').click();
  const form = page.getByTestId('build-cluster');
  await form.scrollIntoViewIfNeeded();
  await page.getByTestId('build-workers').fill(String(workers));
  await page.getByTestId('build-replicas').fill(String(replicas));
  await page.getByTestId('build-services').fill(String(services));
  await page.getByTestId('build-mode').selectOption(mode);
  await expect(page.getByTestId('build-run')).toHaveText(`Build a ${workers + 1}-node cluster`);
  await page.getByTestId('build-run').click();
}

test('the Scale tab builds a 150-node cluster: progress while it boots, then the node tiles, and the link reproduces it', async ({ page, context }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  // Out-of-range input is refused before anything runs.
  await page.getByTestId('view-scale').click();
  await page.getByTestId('build-workers').fill('5000');
  await expect(page.getByTestId('build-run')).toBeDisabled();
  await expect(page.getByTestId('build-problems')).toHaveText('Each field needs a whole number within its range.');

  await build(page, 149, 1500, 20, 'ipvs');
  // The boot reports what it does: a progress bar named by the step, the counts as its value.
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAccessibleName(/Joining 150 nodes|Applying the scenario’s manifests|Installing metrics-server/);
  await expect(bar).toHaveAttribute('aria-valuetext', /nodes Ready|pods scheduled/);
  await expect(page.getByTestId('busy-indicator')).toContainText('Building a cluster of 150 nodes');
  await page.screenshot({ path: 'test-results/scale-build-progress.png' });

  // Then the cluster: 150 nodes on one canvas map (past 120 tiles), and the progress is gone.
  await expect(page.getByTestId('cluster-map')).toHaveAttribute('aria-label', /^Cluster map: 150 nodes and \d+ pods/, { timeout: 180_000 });
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText('Built a cluster of 150 nodes');
  await page.screenshot({ path: 'test-results/scale-build-tiles.png' });
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  expect(hash).toBeTruthy();

  // Shared like any scenario: the link opens the same cluster (its boot shows on the loading screen).
  await page.getByTestId('copy-link').click();
  await expect(page).toHaveURL(/#s=/);
  const other = await context.newPage();
  await other.setViewportSize({ width: 1280, height: 800 });
  await other.goto(page.url().slice(page.url().indexOf('/#')));
  await expect(other.locator('.app')).toHaveAttribute('data-state-hash', hash!, { timeout: 180_000 });
  await expect(other.getByTestId('url-error')).toHaveCount(0);
  await expect(other.getByTestId('cluster-map')).toHaveAttribute('aria-label', /^Cluster map: 150 nodes/);
});

for (const theme of ['dark', 'light'] as const) {
  test(`the build form and the progress have no serious accessibility violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page);
    await build(page, 299, 3000, 0, 'nftables');
    await expect(page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
    const results = await new AxeBuilder({ page }).include('[data-testid="busy-region"]').include('[data-testid="build-cluster"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `[${v.impact}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(report, report.join('\n')).toEqual([]);
    await page.screenshot({ path: `test-results/scale-build-progress-${theme}.png` });
    await expect(page.getByTestId('cluster-graph')).toHaveAttribute('data-mode', 'tiles', { timeout: 120_000 });
    await page.screenshot({ path: `test-results/scale-build-tiles-${theme}.png` });
  });
}
