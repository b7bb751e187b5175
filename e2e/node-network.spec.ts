import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the Node network view draws node-1: cni0, flannel.1 and a pod namespace joined by its veth pair', async ({ page }) => {
  await openApp(page);
  // The view switch is a tab list: reachable and operable from the keyboard.
  await page.getByTestId('view-cluster').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('view-node-network')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('view-node-network')).toBeFocused();

  await expect(page.getByTestId('nn-node')).toHaveValue('node-1');
  const diagram = page.getByTestId('nn-diagram');
  await expect(diagram.getByTestId('nn-ns-root')).toBeVisible();
  await expect(diagram.getByTestId('nn-dev-cni0')).toContainText('cni0');
  await expect(diagram.getByTestId('nn-dev-cni0')).toContainText('10.244.1.1/24');
  const vtep = diagram.getByTestId('nn-dev-flannel.1');
  await expect(vtep).toContainText('VNI 1');
  await expect(vtep).toContainText('192.168.56.11:8472');
  await expect(vtep).toContainText('MTU 1450');
  await expect(diagram.getByTestId('nn-dev-eth0')).toContainText('192.168.56.11/24');
  await expect(diagram.getByTestId('nn-seg-node-network')).toContainText('192.168.56.0/24');

  // The client pod's namespace with its eth0, the host side of the veth pair on cni0, and the wire.
  const client = diagram.getByTestId('nn-pod-client');
  await expect(client).toBeVisible();
  const eth0 = client.getByTestId('nn-pod-client-eth0');
  await expect(eth0).toContainText('10.244.1.2/24');
  const peer = /peer (veth[0-9a-f]+)/.exec((await eth0.textContent()) ?? '')?.[1];
  expect(peer).toBeTruthy();
  await expect(diagram.getByTestId(`nn-dev-${peer}`)).toContainText('client eth0');
  await expect(diagram.getByTestId(`nn-wire-${peer}`)).toHaveAttribute('d', /^M /);

  // Routes: the root namespace's by default, the pod's when its box is picked.
  await expect(page.getByTestId('nn-routes')).toContainText('10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1');
  await expect(page.getByTestId('nn-routes')).toContainText('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
  await client.click();
  await expect(client.getByRole('button', { name: /Show the routes and neighbours/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('nn-ns-select')).toHaveValue(/^cni-/);
  await expect(page.getByTestId('nn-routes')).toContainText('default via 10.244.1.1 dev eth0');
  await expect(page.getByTestId('nn-routes')).toContainText('ip -n cni-');

  // Files: flannel's subnet.env and the CNI config list.
  await page.getByTestId('nn-tab-files').click();
  await expect(page.getByTestId('nn-files')).toContainText('FLANNEL_SUBNET=10.244.1.1/24');
  await expect(page.getByTestId('nn-files')).toContainText('10-flannel.conflist');

  // Another machine, and back to the cluster graph.
  await page.getByTestId('nn-node').selectOption('node-2');
  await expect(page.getByTestId('nn-dev-cni0')).toContainText('10.244.2.1/24');
  await page.getByTestId('view-cluster').click();
  await expect(page.getByTestId('cluster-graph')).toBeVisible();
});

test('a trace step is highlighted in the Node network view: namespace, device and deciding route', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await page.getByTestId('view-node-network').click();
  // Step 1 is the route lookup in the client's namespace: its box, its eth0 and the route line.
  await expect(page.getByTestId('nn-pod-client')).toHaveClass(/trace-here/);
  await expect(page.getByTestId('nn-pod-client-eth0')).toHaveClass(/trace-here/);
  const decided = page.locator('[data-testid="nn-route"][data-decided="true"]');
  await expect(decided).toHaveCount(1);
  await expect(decided).toHaveText(/via 10\.244\.1\.1 dev eth0/);
  await expect(page.getByTestId('nn-tab-routes')).toContainText('decided');

  // The encapsulation step: flannel.1 on node-1.
  await page.locator('[data-testid^="trace-step-"]').filter({ hasText: 'encapsulat' }).first().locator('button').click();
  await expect(page.getByTestId('nn-node')).toHaveValue('node-1');
  await expect(page.getByTestId('nn-dev-flannel.1')).toHaveClass(/trace-here/);
  await page.getByTestId('nn-tab-neigh').click();
  await expect(page.locator('[data-testid="nn-fdb-row"][data-decided="true"]')).toContainText('dev flannel.1 dst 192.168.56.12');
});

test('Overlay view: three VTEPs, the tunnels between them, the underlay, the tunnel in use', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-overlay').click();
  const overlay = page.getByTestId('overlay');
  await expect(overlay.locator('[data-testid^="ov-vtep-"]')).toHaveCount(3);
  for (const [n, ip] of [['control-plane', '192.168.56.10'], ['node-1', '192.168.56.11'], ['node-2', '192.168.56.12']]) {
    const v = overlay.getByTestId(`ov-vtep-${n}`);
    await expect(v).toContainText('flannel.1');
    await expect(v).toContainText(/MAC\s*([0-9a-f]{2}:){5}[0-9a-f]{2}/);
    await expect(v).toContainText(`${ip}:8472`);
  }
  for (const t of ['control-plane-node-1', 'control-plane-node-2', 'node-1-node-2']) {
    await expect(overlay.getByTestId(`ov-tunnel-${t}`)).toBeVisible();
    await expect(overlay.getByTestId(`ov-tunnel-path-${t}`)).toHaveAttribute('d', /^M /);
  }
  await expect(overlay.getByTestId('ov-segment-node-network')).toContainText('192.168.56.0/24');
  await expect(overlay.getByTestId('ov-segment-uplink')).toContainText('203.0.113.0/24');
  await expect(overlay.getByTestId('ov-host-router')).toBeVisible();
  await expect(overlay.getByTestId('ov-host-internet')).toBeVisible();

  // The FDB entries behind the tunnels, on demand.
  await overlay.locator('.ov-details summary').click();
  await expect(overlay.getByTestId('ov-path')).toHaveCount(6);
  await expect(overlay.locator('[data-testid="ov-path"][data-kind="vxlan"]')).toHaveCount(6);

  // During the encapsulation step the node-1 ⇄ node-2 tunnel is marked as in use.
  await page.getByTestId('trace-run').click();
  await page.locator('[data-testid^="trace-step-"]').filter({ hasText: 'encapsulat' }).first().locator('button').click();
  await expect(overlay.getByTestId('ov-tunnel-node-1-node-2')).toContainText('in use');
  await expect(overlay.getByTestId('ov-tunnel-control-plane-node-1')).not.toContainText('in use');
  await expect(overlay.getByTestId('ov-in-use')).toContainText('node-1 → node-2');
});

test('a trace to the internet leaves through the gateway marker and the router', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('trace-to').selectOption('8.8.8.8');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-outcome')).toContainText('Delivered');
  // A step on the router: the cluster graph marks the way out, not a node.
  const onRouter = page.locator('[data-testid^="trace-step-"]').filter({ has: page.locator('.step-ns', { hasText: /^router$/ }) });
  await onRouter.first().locator('button').click();
  await expect(page.getByTestId('external')).toHaveClass(/trace-here/);
  await expect(page.getByTestId('underlay')).not.toHaveClass(/trace-here/);
  // On the uplink (router → internet): still the way out.
  const uplink = page.locator('[data-testid^="trace-step-"]').filter({ hasText: 'uplink' }).first();
  if (await uplink.count()) {
    await uplink.locator('button').click();
    await expect(page.getByTestId('external')).toHaveClass(/trace-here/);
  }
  // The Node network view follows the packet to the router, with its MASQUERADE rule.
  await page.getByTestId('view-node-network').click();
  await expect(page.getByTestId('nn-node')).toHaveValue(/router|internet/);
  await page.getByTestId('nn-node').selectOption('router');
  await page.getByTestId('nn-tab-iptables').click();
  await expect(page.getByTestId('nn-iptables')).toContainText('MASQUERADE');

  // Any address can be typed.
  await page.getByTestId('trace-to').selectOption('__other__');
  await page.getByTestId('trace-to-ip').fill('10.244.2.');
  await expect(page.getByTestId('trace-run')).toBeDisabled();
  await page.getByTestId('trace-to-ip').fill('1.1.1.1');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-outcome')).toContainText('1.1.1.1');
});
