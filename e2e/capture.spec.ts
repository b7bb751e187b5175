import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { counter, openApp, runIn } from './helpers';

// The per-host traffic log: what a node and a pod sent and received, by layer, linked to the packet walk.
test('the Traffic view lists a node\'s frames by layer, VXLAN with its inner packet, and opens a ping in the Trace panel', async ({ page }) => {
  await openApp(page);
  // client and a web pod on another node (labels read "name — IP (node)").
  const from = await page.getByTestId('trace-from').locator('option:checked').innerText();
  const [, clientIp, node] = /— (\S+) \((\S+)\)/.exec(from)!;
  const labels = await page.getByTestId('trace-to').locator('option').evaluateAll((os) => os.map((o) => o.textContent ?? ''));
  const peer = labels.map((l) => /^web-\S+ — (\S+) \((\S+)\)/.exec(l)).find((m) => m && m[2] !== node)!;
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'default/client', `ping -c 1 ${peer[1]}`);
  await expect(page.getByTestId('terminal-output')).toContainText('1 packets received');

  // From the inspector of the client's node: "Show traffic" (the card's title bar: its middle holds pod cards).
  await page.getByTestId(`node-${node}`).click({ position: { x: 60, y: 14 } });
  await page.getByTestId('insp-traffic').click();
  await expect(page.getByTestId('capture')).toBeVisible();
  await expect(page.getByTestId('capture-target')).toHaveValue(node);
  await expect(page.getByTestId('capture-note')).toContainText('tcpdump -n -i IFACE');
  await page.getByTestId('capture-iface').selectOption('eth0');
  const vxlan = page.getByTestId('capture-row').filter({ hasText: 'VXLAN' }).first();
  await expect(vxlan).toContainText(':8472');
  await expect(vxlan).toContainText('↳ ICMP');
  await expect(vxlan).toContainText(`${clientIp} → ${peer[1]}`);
  await expect(vxlan).toHaveClass(/encap/);
  await expect(page.getByTestId('capture-row').filter({ hasText: 'ARP' }).first()).toHaveClass(/lay-l2/);

  await vxlan.click();
  await expect(vxlan).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('capture-walk')).toContainText(`Sent by ping in default/client to ${peer[1]}`);
  await page.getByTestId('capture-open-trace').click();
  await expect(page.getByTestId('trace-panel')).toBeVisible();
  const [step, total] = await counter(page);
  expect(total).toBeGreaterThan(10);
  expect(step).toBeGreaterThan(1);
});

test('a pod\'s frames, and a frame of the trace on screen moves the Trace panel to its step', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await page.getByTestId('pod-client').click();
  await page.getByTestId('insp-traffic').click();
  await expect(page.getByTestId('capture-target')).toHaveValue('default/client');
  const rows = page.getByTestId('capture-row');
  await expect(rows.filter({ hasText: 'ICMP echo request' })).toHaveCount(1);
  const reply = rows.filter({ hasText: 'ICMP echo reply' }).first();
  await expect(reply).toHaveClass(/on-trace/);
  await expect(reply).toHaveClass(/lay-l3/);
  await reply.click();
  await expect(page.getByTestId('capture-walk')).toContainText('Part of the trace on screen');
  const [step, total] = await counter(page);
  expect(step).toBeGreaterThan(total / 2);

  // Reachable from the Node network view too.
  await page.getByTestId('view-node-network').click();
  await page.getByTestId('nn-traffic').click();
  await expect(page.getByTestId('capture')).toBeVisible();
});

for (const theme of ['dark', 'light'] as const) {
  test(`the Traffic view has no serious accessibility violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    await page.getByTestId('trace-run').click();
    await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
    await page.getByTestId('view-capture').click();
    await page.getByTestId('capture-row').filter({ hasText: 'VXLAN' }).first().click();
    await expect(page.getByTestId('capture-walk')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[data-testid="capture"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
