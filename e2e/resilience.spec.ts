import { expect, test } from '@playwright/test';
import { openApp, podLabels, runIn } from './helpers';

// A hung worker is noticed, terminated and restarted from the autosave; nothing taken before is lost.
test('a hung simulation is restarted from the autosaved state', async ({ page }) => {
  await openApp(page, '/?watchdog=1500');
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl scale deployment web --replicas=4');
  await expect.poll(async () => (await podLabels(page)).filter((l) => l.startsWith('web-')).length).toBe(4);
  // The autosave follows every action.
  await expect.poll(() => page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
  await page.waitForTimeout(600);

  await page.evaluate(() => {
    const engine = (window as unknown as { playgroundEngine: { debugSpin(ms: number): Promise<void> } }).playgroundEngine;
    void engine.debugSpin(60_000).catch(() => undefined);
  });
  const banner = page.getByTestId('engine-restarted');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toContainText('debugSpin');
  await expect(banner).toContainText('restarted from the last autosaved state');

  // The state from before the hang is back, and the new worker answers commands.
  await expect.poll(async () => (await podLabels(page)).filter((l) => l.startsWith('web-')).length).toBe(4);
  await runIn(page, 'control-plane', 'kubectl scale deployment web --replicas=2');
  await expect.poll(async () => (await podLabels(page)).filter((l) => l.startsWith('web-')).length).toBe(2);
});

// After the first visit the service worker holds every file: the app opens and runs offline.
test('the built app works offline after the first load', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return reg.active?.state;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('cluster-graph')).toBeVisible();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
  // Code-split panels come from the cache too.
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'node-1', 'ip route');
  await expect(page.getByTestId('terminal-output')).toContainText('10.244.1.0/24 dev cni0');
  await context.setOffline(false);
});
