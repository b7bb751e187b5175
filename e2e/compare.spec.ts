import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

// The same packet under flannel VXLAN and host-gw, side by side, without touching the cluster.
test('compare two dataplanes side by side: VXLAN encapsulates, host-gw routes via the node', async ({ page }) => {
  await openApp(page);
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  // The trace form decides the packet: client → a web pod on node-2.
  const to = await page.getByTestId('trace-to').locator('option', { hasText: /web-.*\(node-2\)/ }).first().getAttribute('value');
  await page.getByTestId('trace-to').selectOption(to!);
  await page.getByTestId('view-compare').click();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByTestId('compare-which').selectOption('flannel-backend');
  await page.getByTestId('compare-run').click();
  const steps = page.getByTestId('compare-steps');
  await expect(steps).toContainText('flannel.1 encapsulates', { timeout: 30_000 });
  await expect(page.getByTestId('compare-routes')).toContainText('via 192.168.56.12 dev eth0');
  await expect(page.getByTestId('compare-routes')).toContainText('dev flannel.1 onlink');
  await expect(page.locator('.compare-head').first()).toContainText('flannel VXLAN');
  await expect(page.locator('.compare-head').nth(1)).toContainText('flannel host-gw');
  // The learner's own cluster is unchanged.
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', hash!);
});

// externalTrafficPolicy Cluster vs Local: the same curl from the internet; what client address the pod saw.
test('compare externalTrafficPolicy Cluster and Local from the internet: SNAT to a node address vs the client address', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --type=LoadBalancer --port=80 --name=shop');
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-which').selectOption('etp');
  await expect(page.getByTestId('compare-service')).toHaveValue('default/shop');
  await page.getByTestId('compare-run').click();
  const seen = page.getByTestId('compare-seen');
  await expect(seen).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator('.compare-head').first()).toContainText('externalTrafficPolicy: Cluster');
  await expect(seen.first()).toContainText(/saw the client as (192\.168\.56\.1[12]|10\.244\.\d\.[01])$/);
  await expect(page.locator('.compare-head').nth(1)).toContainText('externalTrafficPolicy: Local');
  await expect(seen.nth(1)).toContainText(/saw the client as 203\.0\.113\.1$/);
});
