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
