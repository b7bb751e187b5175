import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a broken link shows an error and the default cluster', async ({ page }) => {
  await openApp(page, '/#s=garbage');
  const alert = page.getByTestId('url-error');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).not.toBeEmpty();
  for (const n of ['control-plane', 'node-1', 'node-2']) await expect(page.getByTestId(`node-${n}`)).toBeVisible();
  await page.getByTestId('url-error-dismiss').click();
  await expect(alert).toHaveCount(0);
});
