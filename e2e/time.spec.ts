import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

test('time: a stopped kubelet, played at 100×, turns its node NotReady after 40 s and its pods are evicted after 300 s', async ({ page }) => {
  await openApp(page);
  const clock = page.getByTestId('sim-clock').locator('.mono');
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'node-1', 'systemctl stop kubelet');

  // Paused by default: time does not move on its own.
  const t0 = await clock.textContent();
  await page.waitForTimeout(700);
  await expect(clock).toHaveText(t0 ?? '');

  await page.getByTestId('time-speed-100').click();
  await expect(page.getByTestId('time-speed-100')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('time-play').click();
  await expect(page.getByTestId('time-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('node-node-1')).toHaveAttribute('aria-label', /NotReady/, { timeout: 30_000 });

  await page.getByTestId('tab-events').click();
  await expect(page.locator('[data-testid="event-row"][data-reason="NodeNotReady"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="event-row"][data-reason="TaintManagerEviction"]').first()).toBeVisible({ timeout: 30_000 });

  // Pause: the clock stops; one undo takes the whole stretch of time back.
  await page.getByTestId('time-play').click();
  await expect(page.getByTestId('time-play')).toHaveAttribute('aria-pressed', 'false');
  const t1 = await clock.textContent();
  await page.waitForTimeout(700);
  await expect(clock).toHaveText(t1 ?? '');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('toast')).toContainText(/Undone: sleep \d+(\.\d+)?s/);
  await expect(page.getByTestId('node-node-1')).toHaveAttribute('aria-label', /worker, Ready,/);

  // Step lets a fixed stretch pass (100 s at 100×); a Warning event is highlighted and selects its object.
  await page.getByTestId('time-step').click();
  await page.getByTestId('events-type').selectOption('Warning');
  const warn = page.locator('[data-testid="event-row"].ev-warn').first();
  await expect(warn).toBeVisible();
  await warn.getByRole('button').click();
  await expect(page.getByTestId('inspector')).toContainText(/Pod|Node/);
});
