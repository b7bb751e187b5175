import { expect, test, type Page } from '@playwright/test';
import { openApp, runIn } from './helpers';

async function expectStep(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('lesson-step-count')).toHaveText(new RegExp(`Step ${n} of \\d+`));
}

test('the lesson "Your first packet" can be completed', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lessons-toggle').click();
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toBeVisible();
  await page.getByTestId('lesson-first-packet').click();
  const next = page.getByTestId('lesson-next');
  const feedback = page.getByTestId('lesson-feedback');

  // 1. Select a pod with a real click; the step is re-checked automatically.
  await expectStep(page, 1);
  await expect(next).toBeDisabled();
  await page.getByTestId('lesson-check').click();
  await expect(feedback).not.toBeEmpty();
  await page.getByTestId('pod-client').click();
  await expect(next).toBeEnabled();
  await next.click();

  // 2. kubectl in the terminal of control-plane, typed for real.
  await expectStep(page, 2);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl get pods -o wide');
  await expect(next).toBeEnabled();
  await next.click();

  // 3. Ping across nodes, using "Show me".
  await expectStep(page, 3);
  await page.getByTestId('lesson-showme').click();
  await expect(feedback).toContainText('ttl');
  await expect(next).toBeEnabled();
  await next.click();

  // 4. Trace from client to a web pod on the other node (the default destination).
  await expectStep(page, 4);
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-from').selectOption('default/client');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of/);
  await expect(next).toBeEnabled();
  await next.click();

  // 5. Step forward until the encapsulation step; the check passes on its own.
  await expectStep(page, 5);
  for (let i = 0; i < 60 && !(await next.isEnabled()); i++) {
    await page.getByTestId('trace-next').click();
    await page.waitForTimeout(350);
  }
  await expect(next).toBeEnabled();
  await expect(page.locator('[aria-current="step"]')).toContainText(/encapsulat|decapsulat/i);
  await next.click();

  await expect(page.getByTestId('lesson-complete')).toBeVisible();
  await expect(page.getByTestId('lesson-complete')).toContainText('Lesson complete');

  // Progress is remembered across a reload.
  await page.reload();
  await page.getByTestId('lessons-toggle').click();
  await expect(page.getByTestId('lesson-first-packet')).toContainText('Completed');
});
