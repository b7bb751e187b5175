import { expect, test, type Page } from '@playwright/test';
import { openApp, runIn } from './helpers';

async function run(page: Page, target: string, command: string): Promise<void> {
  await runIn(page, target, command);
  await expect(page.getByTestId('terminal-output')).toContainText(`root@${target}:~# ${command}`);
}

test('the Scenarios menu lists basics and broken clusters and closes on Escape', async ({ page }) => {
  await openApp(page);
  const toggle = page.getByTestId('scenarios-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const menu = page.getByTestId('scenarios-menu');
  await expect(menu).toContainText('Basics');
  await expect(menu).toContainText('Broken — diagnose and fix');
  await expect(page.getByTestId('preset-default')).toBeVisible();
  await expect(page.getByTestId('preset-forward-drop')).toContainText("Docker's FORWARD policy DROP");
  await expect(page.getByTestId('preset-no-masquerade')).toBeVisible();
  await expect(page.locator('.scenario-item').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(toggle).toBeFocused();
});

test('forward-drop: diagnose the FORWARD drop, fix it in the terminal, see the rules count packets', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('scenarios-toggle').click();
  await page.getByTestId('preset-forward-drop').click();
  await expect(page.getByTestId('preset-current')).toContainText("Docker's FORWARD policy DROP");
  const card = page.getByTestId('preset-card');
  await expect(card).toContainText('Symptom');
  await expect(page.getByTestId('preset-hint')).toHaveCount(0);
  await page.getByTestId('preset-hint-toggle').click();
  await expect(page.getByTestId('preset-hint')).toContainText('iptables');

  // The symptom: client → a web pod on the other node is dropped in FORWARD.
  await expect(page.getByTestId('trace-counter')).toHaveText('No trace yet');
  await expect(page.getByTestId('trace-from')).toHaveValue('default/client');
  await expect(page.getByTestId('trace-to')).toHaveValue(/default\/web-/);
  await page.getByTestId('trace-run').click();
  const outcome = page.getByTestId('trace-outcome');
  await expect(outcome).toContainText('Dropped');
  await expect(outcome).toContainText('FORWARD');

  // The Node network view shows which line decided: the FORWARD chain's DROP policy.
  await page.getByTestId('trace-last').click();
  await page.getByTestId('view-node-network').click();
  await expect(page.getByTestId('nn-node')).toHaveValue('node-1');
  await page.getByTestId('nn-tab-iptables').click();
  const policy = page.locator('[data-chain="filter/FORWARD"] [data-testid="nn-policy"]');
  await expect(policy).toContainText('policy DROP');
  await expect(policy).toHaveAttribute('data-decided', 'true');

  // The fix, typed in the terminal on both workers.
  await page.getByTestId('tab-terminal').click();
  for (const node of ['node-1', 'node-2']) {
    await run(page, node, 'iptables -t filter -A FORWARD -s 10.244.0.0/16 -j ACCEPT');
    await run(page, node, 'iptables -t filter -A FORWARD -d 10.244.0.0/16 -j ACCEPT');
  }
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-run').click();
  await expect(outcome).toContainText('Delivered');

  // The new rules are there, and they counted the packets that went through.
  await page.getByTestId('nn-node').selectOption('node-1');
  const iptables = page.getByTestId('nn-iptables');
  const rule = iptables.getByTestId('nn-rule').filter({ hasText: '-A FORWARD -s 10.244.0.0/16 -j ACCEPT' });
  await expect(rule).toHaveCount(1);
  await expect(rule).toHaveAttribute('data-packets', /^[1-9]\d*$/);
  await expect(iptables.getByTestId('nn-rule').filter({ hasText: '-A FORWARD -d 10.244.0.0/16 -j ACCEPT' })).toHaveCount(1);

  // The card goes away when dismissed.
  await page.getByTestId('preset-card-dismiss').click();
  await expect(card).toHaveCount(0);
});
