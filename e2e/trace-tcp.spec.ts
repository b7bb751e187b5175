import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a TCP trace to a pod port shows the SYN-ACK; a closed port shows the RST', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-from').selectOption('default/client');
  await page.getByTestId('trace-proto').selectOption('tcp');
  await expect(page.getByTestId('trace-port')).toHaveValue('80');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-outcome')).toContainText(/Delivered/i);
  await expect(page.getByTestId('trace-panel')).toContainText('SYN-ACK');
  await page.getByTestId('trace-port').fill('81');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-panel')).toContainText('Connection refused');
});
