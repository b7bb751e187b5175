import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

test('loads the default cluster: three nodes with their pods', async ({ page }) => {
  await openApp(page);
  for (const n of ['control-plane', 'node-1', 'node-2']) {
    const node = page.getByTestId(`node-${n}`);
    await expect(node).toBeVisible();
    await expect(node).toHaveAttribute('aria-label', new RegExp(`Node ${n}`));
  }
  await expect(page.locator('[data-testid^="node-"][role="group"]')).toHaveCount(3);
  await expect(page.getByTestId('pod-client')).toBeVisible();
  await expect(page.locator('[data-testid^="pod-web-"]')).toHaveCount(3);
  await expect(page.getByTestId('sim-clock')).toContainText(/\d\d:\d\d/);

  // Selecting a pod shows its YAML in the inspector.
  await page.getByTestId('pod-client').click();
  await expect(page.getByTestId('inspector-yaml')).toContainText('name: client');
  // Nodes too, and they are reachable from the keyboard.
  await page.getByTestId('node-node-2').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Node');
});

test('the terminal runs commands on nodes and pods', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl get pods -o wide');
  const out = page.getByTestId('terminal-output');
  await expect(out).toContainText('root@control-plane:~# kubectl get pods -o wide');
  await expect(out).toContainText('client');
  await runIn(page, 'default/client', 'ip route');
  await expect(out).toContainText('/ # ip route');
  await expect(out).toContainText('default via');
  // ↑ recalls the previous command.
  await page.getByTestId('terminal-input').press('ArrowUp');
  await expect(page.getByTestId('terminal-session')).toHaveAttribute('data-line', 'ip route');
});
