import { expect, test } from '@playwright/test';
import { counter, openApp } from './helpers';

test('a trace runs and steps forward and back', async ({ page }) => {
  await openApp(page);
  const panel = page.getByTestId('trace-panel');
  await expect(panel).toBeVisible();
  // The default destination is a pod on another node than the source.
  await expect(page.getByTestId('trace-from')).toHaveValue('default/client');
  await expect(page.getByTestId('trace-to')).toHaveValue(/default\/web-/);

  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  const [, total] = await counter(page);
  expect(total).toBeGreaterThan(5);
  await expect(page.getByTestId('trace-outcome')).toContainText('Delivered');
  await expect(page.getByTestId('trace-step-0')).toHaveAttribute('aria-current', 'step');

  await page.getByTestId('trace-next').click();
  await page.getByTestId('trace-next').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(`Step 3 of ${total}`);
  await expect(page.getByTestId('trace-step-2')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('trace-step-0')).not.toHaveAttribute('aria-current', 'step');

  await page.getByTestId('trace-back').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(`Step 2 of ${total}`);
  await expect(page.getByTestId('trace-step-1')).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('trace-step-2')).not.toHaveAttribute('aria-current', 'step');

  // The current step's element is highlighted in the graph, and its detail is shown.
  await expect(page.locator('[data-testid="cluster-graph"] .trace-here').first()).toBeVisible();
  await expect(page.getByTestId('trace-pdu')).toContainText('IPv4');

  // Jump to the VXLAN encapsulation: the PDU shows outer and inner headers.
  const rows = page.locator('[data-testid^="trace-step-"]');
  const encap = rows.filter({ hasText: 'encapsulat' }).first();
  await encap.locator('button').click();
  await expect(page.getByTestId('trace-pdu')).toContainText('VXLAN');
  await expect(page.getByTestId('trace-pdu')).toContainText('Inner IPv4');

  // Play advances on its own (about 700 ms a step); pause stops it.
  await page.getByTestId('trace-first').click();
  await page.getByTestId('trace-play').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(new RegExp(`Step [3-9]\\d* of ${total}`), { timeout: 5000 });
  await page.getByTestId('trace-play').click();
  const [paused] = await counter(page);
  await page.waitForTimeout(1000);
  expect((await counter(page))[0]).toBe(paused);
});
