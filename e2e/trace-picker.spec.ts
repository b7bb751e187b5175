import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { encodeState } from '../src/engine/scenario/url';
import { DEFAULT_MANIFESTS } from '../src/engine/scenario/defaults';
import { bigScenario, deploymentYaml } from '../src/bench/scenario';

/** More pods than a <select> should hold (PICKER_PODS in TraceForm.tsx): the trace form gets searchable pickers. */
function manyPods(): string {
  const s = bigScenario(3);
  s.nodes.forEach((n, i) => (n.ip = `192.168.56.${10 + i}`));
  s.cluster.nodeNetwork = '192.168.56.0/24';
  s.cluster.podCIDR = '10.244.0.0/16';
  s.manifests = `${DEFAULT_MANIFESTS}---\n${deploymentYaml('bulk', 240)}`;
  return `/#${encodeState({ scenario: s, actions: [] })}`;
}

test.describe.configure({ timeout: 120_000 });

test('with many pods, source and destination are searchable pickers that keyboard and mouse can use', async ({ page }) => {
  await page.goto(manyPods());
  const from = page.getByTestId('trace-from');
  const to = page.getByTestId('trace-to');
  await expect(from).toHaveAttribute('role', 'combobox', { timeout: 60_000 });
  await expect(from).toHaveValue('default/client');
  await expect(to).toHaveValue(/^default\//);
  const dest = await to.inputValue();
  await expect(page.locator('.trace-form option')).toHaveCount(3); // only ICMP / TCP / UDP

  // Typing filters; at most 100 matches are listed, the rest counted.
  await from.click();
  await expect(page.getByTestId('trace-from-list')).toBeVisible();
  await expect(page.getByTestId('trace-from-list').getByRole('option')).toHaveCount(100);
  await expect(page.getByRole('status').filter({ hasText: /more: type to narrow/ })).toBeVisible();
  await from.fill('bulk');
  await expect(page.getByTestId('trace-from-list').getByRole('option').first()).toContainText('bulk-');
  await from.press('ArrowDown');
  await expect(from).toHaveAttribute('aria-activedescendant', /.+/);
  await from.press('Enter');
  await expect(page.getByTestId('trace-from-list')).toHaveCount(0);
  await expect(from).toHaveValue(/^default\/bulk-/);
  const source = await from.inputValue();

  // Escape closes without changing anything; a click picks.
  await to.click();
  await to.fill('web');
  await to.press('Escape');
  await expect(to).toHaveValue(dest);
  await to.fill('8.8.8.8');
  await page.getByTestId('trace-to-list').getByRole('option', { name: /^8\.8\.8\.8/ }).click();
  await expect(to).toHaveValue('8.8.8.8');

  // "Another address…" opens the address field, as with the small cluster's select.
  await to.fill('another');
  await to.press('Enter');
  await expect(page.getByTestId('trace-to-ip')).toBeVisible();
  await page.getByTestId('trace-to-ip').fill('1.1.1.1');

  await to.fill('web');
  await to.press('Enter');
  await expect(to).toHaveValue(/^default\/web-/);
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await expect(from).toHaveValue(source);

  await to.click();
  const axe = await new AxeBuilder({ page }).include('.trace-form').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('with many pods, the terminal opens a shell from a searchable picker', async ({ page }) => {
  await page.goto(manyPods());
  await page.getByTestId('tab-terminal').click();
  const target = page.getByTestId('terminal-target');
  await expect(target).toHaveAttribute('role', 'combobox', { timeout: 60_000 });
  await target.click();
  await target.fill('client');
  await target.press('Enter');
  await expect(page.getByTestId('term-tab-default/client')).toHaveAttribute('aria-selected', 'true');
  await expect(target).toHaveValue('default/client');
  await target.fill('control');
  await page.getByTestId('terminal-target-list').getByRole('option', { name: 'control-plane', exact: true }).click();
  await expect(page.getByTestId('term-tab-control-plane')).toHaveAttribute('aria-selected', 'true');
});
