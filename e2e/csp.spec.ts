import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the built app runs under its Content-Security-Policy and fetches nothing from elsewhere', async ({ page }) => {
  const violations: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.hostname !== '127.0.0.1') foreign.push(r.url());
  });
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval/);
  // Exercise the worker, the trace, the terminal and the editor (lazy chunks).
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-step-0')).toBeVisible();
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('tab-editor').click();
  await expect(page.getByTestId('manifest-editor')).toBeVisible();
  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
});
