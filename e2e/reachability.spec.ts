import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

// Who can reach whom, recomputed after a breakage, with the flipped cells marked and traceable.
test('reachability matrix: a bridge taken down on node-2 flips exactly the cells into its pods', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-reach').click();
  const summary = page.getByTestId('reach-summary');
  await expect(summary).toHaveText(/^(\d+) of \1 reachable · 0 changed/, { timeout: 30_000 });

  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'node-2', 'ip link set cni0 down');
  await expect(summary).toHaveText(/^\d+ of \d+ reachable · [1-9]\d* changed/, { timeout: 30_000 });
  const flipped = page.locator('[data-changed="true"]');
  await expect(flipped.first()).toHaveAttribute('data-ok', 'false');
  await expect(flipped.first()).toHaveAttribute('aria-label', /blocked/);

  // A blocked cell opens its trace, hop by hop, in the trace panel.
  await flipped.first().click();
  await expect(page.getByTestId('tab-trace')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
});

// A matrix row painted onto the cluster graph: every pod gets a ring and says why in its name.
test('reachability painted onto the graph from a source pod, cleared with one click', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-reach').click();
  await expect(page.getByTestId('reach-summary')).toHaveText(/^(\d+) of \1 reachable/, { timeout: 30_000 });
  const row = page.locator('.reach-table tbody th', { hasText: /client/ }).first();
  await row.getByRole('button').click();
  await expect(page.getByTestId('view-cluster')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('paint-bar')).toContainText(/reachability from default\/client/);
  const painted = page.locator('[data-paint="ok"]').first();
  await expect(painted).toBeVisible();
  await expect(painted).toHaveAttribute('aria-label', /reachable from default\/client/);
  await expect(page.locator('[data-paint="blocked"]')).toHaveCount(0);

  // With "paint from the pod I select" on, selecting a web pod in the graph paints from it.
  await page.getByTestId('paint-follow').check();
  await page.locator('[data-paint][data-testid^="pod-web-"]').first().click();
  await expect(page.getByTestId('paint-bar')).toContainText(/reachability from default\/web-/, { timeout: 30_000 });
  await expect(page.locator('[data-paint][data-testid^="pod-client"]')).toHaveAttribute('aria-label', /reachable from default\/web-/);
  // Drawn as tiles, the painted pods keep their rings on the heatmap cells and each tile counts them.
  await page.getByTestId('graph-mode-tiles').click();
  await expect(page.locator('.cell-mark[data-paint="ok"]').first()).toBeVisible();
  await expect(page.getByTestId('node-node-1')).toHaveAttribute('aria-label', /; [1-9]\d* reachable, 0 blocked from default\/web-/);
  await page.getByTestId('graph-mode-auto').click();

  await page.getByTestId('paint-clear').click();
  await expect(page.getByTestId('paint-bar')).toHaveCount(0);
  await expect(page.locator('[data-paint]')).toHaveCount(0);
});
