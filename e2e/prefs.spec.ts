import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('theme follows the system, can be switched and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('German UI chrome, remembered, with <html lang>', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByTestId('tab-trace')).toHaveText('Paketverfolgung');
  await expect(page.getByTestId('copy-link')).toContainText('Link kopieren');
  await page.reload();
  await expect(page.getByTestId('tab-editor')).toBeVisible();
  await expect(page.getByTestId('tab-trace')).toHaveText('Paketverfolgung');
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tab-trace')).toHaveText('Packet trace');
});

test('panel sizes are remembered across reloads', async ({ page }) => {
  await openApp(page);
  const side = page.locator('#pane-side');
  const before = (await side.boundingBox())!.width;
  const handle = page.locator('.resize-handle.col');
  await handle.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await side.boundingBox())!.width).toBeGreaterThan(before + 20);
  const after = (await side.boundingBox())!.width;
  await page.reload();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
  await expect.poll(async () => Math.round((await side.boundingBox())!.width)).toBe(Math.round(after));
});
