import { expect, test } from '@playwright/test';
import { counter, openApp, podLabels } from './helpers';

test('a copied link reproduces pods, selection and trace step', async ({ page, context }) => {
  await openApp(page);
  // Select a web pod on node-2 and step into a trace.
  const target = page.getByTestId('node-node-2').locator('[data-testid^="pod-web-"]').first();
  const podTestId = (await target.getAttribute('data-testid'))!;
  await target.click();
  await expect(page.getByTestId(podTestId)).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('trace-run').click();
  for (let i = 0; i < 3; i++) await page.getByTestId('trace-next').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 4 of \d+/);
  const [, total] = await counter(page);
  const pods = await podLabels(page);
  const hash = await page.locator('.app').getAttribute('data-state-hash');

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('toast')).toContainText('Link copied');
  await expect(page).toHaveURL(/#s=/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const other = await context.newPage();
  await openApp(other, copied.slice(copied.indexOf('/#')));
  await expect(other.getByTestId('url-error')).toHaveCount(0);
  expect(await podLabels(other)).toEqual(pods);
  await expect(other.getByTestId(podTestId)).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByTestId('inspector-yaml')).toContainText(`name: ${podTestId.slice(4)}`);
  await expect(other.getByTestId('trace-counter')).toHaveText(`Step 4 of ${total}`);
  await expect(other.getByTestId('trace-step-3')).toHaveAttribute('aria-current', 'step');
  await expect(other.locator('.app')).toHaveAttribute('data-state-hash', hash!);
});
