import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

// Every lesson can be completed in the browser, from its own scenario, step by step.
// src/lessons/lessons.test.ts checks that this list names every lesson of the catalogue.
const LESSONS = [
  'first-packet',
  'components-tour',
  'life-of-a-pod',
  'inside-a-pod',
  'scheduling',
  'namespaces-contexts',
  'be-the-cni',
  'same-node',
  'flannel-overlay',
  'vagrant-trap',
  'services-kube-proxy',
  'service-discovery',
  'network-policy',
  'reaching-from-outside',
  'ingress',
  'cattle-node-failure',
  'autoscaling-hpa',
  'container-runtimes',
];
// Run only some: E2E_LESSONS=scheduling,life-of-a-pod
const ONLY = process.env.E2E_LESSONS?.split(',').filter(Boolean);

for (const id of LESSONS.filter((l) => !ONLY || ONLY.includes(l))) {
  test(`lesson ${id} can be completed with "Show me" and Next`, async ({ page }) => {
    await openApp(page);
    await page.getByTestId('lessons-toggle').click();
    await page.getByTestId(`lesson-${id}`).click();
    const count = page.getByTestId('lesson-step-count');
    await expect(count).toHaveText(/Step 1 of (\d+)/);
    const total = Number((await count.textContent())!.match(/of (\d+)/)![1]);
    for (let step = 1; step <= total; step++) {
      await expect(count).toHaveText(new RegExp(`Step ${step} of ${total}`));
      await page.getByTestId('lesson-showme').click();
      await expect(page.getByTestId('lesson-next')).toBeEnabled({ timeout: 15_000 });
      await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-complete')).toBeVisible();
  });
}
