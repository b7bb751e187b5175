import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('German: a lesson speaks German (prose, hint, check feedback) and keeps commands as they are', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByTestId('lessons-toggle').click();

  // The catalogue: a translated lesson in German, marked so.
  const card = page.getByTestId('lesson-first-packet');
  await expect(card.locator('.lesson-title')).toHaveText('Dein erstes Paket');
  await expect(card.locator('.lesson-title')).toHaveAttribute('lang', 'de');
  await card.click();

  await expect(page.getByTestId('lesson-step-count')).toHaveText(/^Schritt 1 von \d+$/);
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Lerne den Cluster kennen');
  await expect(page.getByTestId('lesson-step-title')).toHaveAttribute('lang', 'de');
  const body = page.getByTestId('lesson-body');
  await expect(body).toHaveAttribute('lang', 'de');
  await expect(body).toContainText('Jeder Node hat sein eigenes /24');
  // Code spans are what the learner types and reads on a real cluster: untranslated.
  await expect(body.locator('code').first()).toHaveText('10.244.0.0/16');
  await expect(page.getByTestId('lesson-lang-note')).toHaveCount(0);

  await page.getByTestId('lesson-hint-toggle').click();
  await expect(page.getByTestId('lesson-hint')).toContainText('Pods sind die kleinen Karten');

  // The check's feedback comes from the worker, in German.
  const feedback = page.getByTestId('lesson-feedback');
  await page.getByTestId('lesson-check').click();
  await expect(feedback).toContainText('Wähle einen Pod im Cluster-Graphen aus');
  await expect(feedback).toHaveAttribute('lang', 'de');
  await page.getByTestId('pod-client').click();
  await expect(feedback).toContainText('Du hast default/client ausgewählt');
  await expect(page.getByTestId('lesson-next')).toBeEnabled();

  // Back to English: the same step switches without a reload.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Meet the cluster');
  await expect(page.getByTestId('lesson-body')).toHaveAttribute('lang', 'en');
  await expect(feedback).toContainText('You selected default/client');
  await expect(feedback).toHaveAttribute('lang', 'en');
});
