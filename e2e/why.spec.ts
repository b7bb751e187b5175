import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

// "Why?" on a dropped trace: the decisive rule, the smallest fix tried on a copy, then applied for real.
test('forward-drop: Why? names the FORWARD policy, the fix flips the trace on a copy, then for real', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenarios-toggle').click();
  await page.getByTestId('preset-forward-drop').click();
  await expect(page.getByTestId('preset-current')).toContainText("Docker's FORWARD policy DROP");
  await expect(page.getByTestId('trace-from')).toHaveValue('default/client');
  await page.getByTestId('trace-run').click();
  const outcome = page.getByTestId('trace-outcome');
  await expect(outcome).toContainText('Dropped');

  await page.getByTestId('why-button').click();
  const why = page.getByTestId('why');
  await expect(page.getByTestId('why-cause')).toContainText('filter/FORWARD', { timeout: 30_000 });
  await expect(page.getByTestId('why-evidence')).toHaveText('Chain FORWARD (policy DROP)');
  await expect(page.getByTestId('why-fix')).toContainText('iptables -I FORWARD 1 -s 10.244.0.0/16 -j ACCEPT');

  await page.getByTestId('why-try').click();
  await expect(page.getByTestId('why-after')).toContainText('delivered', { timeout: 30_000 });
  await expect(page.getByTestId('why-before')).toContainText('dropped');
  // Only the copy changed: the live trace is still the dropped one.
  await expect(outcome).toContainText('Dropped');
  await expect(why).toBeVisible();

  await page.getByTestId('why-apply').click();
  await expect(outcome).toContainText('Delivered', { timeout: 30_000 });
  // The fix ran through the normal exec path: the rule is really there, as rule 1.
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'node-1', 'iptables -L FORWARD -n --line-numbers');
  await expect(page.getByTestId('terminal-output')).toContainText(/1\s+ACCEPT\s+all\s+--\s+10\.244\.0\.0\/16/);
});
