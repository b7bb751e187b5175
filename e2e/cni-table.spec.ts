import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

// The CNI comparison: the two simulated plugins next to the two the notes also name (Weave Net, Romana).
test('flannel ↔ Calico shows the CNI comparison with Weave Net and Romana, in English and German', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-which').selectOption('cni');
  const table = page.getByTestId('cni-table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['', 'flannel', 'Calico', 'Weave Net', 'Romana']);
  const datapath = table.locator('tr[data-row="datapath"]');
  await expect(datapath.locator('td').nth(2)).toContainText('fastdp');
  await expect(datapath.locator('td').nth(3)).toContainText('No overlay');
  await expect(table.locator('tr[data-row="routes"] td').nth(2).locator('code')).toHaveText('10.32.0.0/12 dev weave');
  // German follows the UI language.
  await page.getByTestId('lang-toggle').click();
  await expect(table.locator('summary')).toHaveText('Wie CNI-Plugins Pod-IPs routbar machen');
  await expect(datapath.locator('th')).toHaveText('Zu einem Pod auf einem anderen Node');
  // Another comparison hides it.
  await page.getByTestId('compare-which').selectOption('flannel-backend');
  await expect(table).toHaveCount(0);
});
