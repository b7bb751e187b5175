import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, runIn } from './helpers';

test('Services view: web → 3 endpoints → pods on nodes; inspector for the Service, a route and a rule; trace-hit rules marked', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --port=80');
  await expect(page.getByTestId('terminal-output')).toContainText('service/web exposed');

  // The Services tab: the card, its three endpoints and the pods on node-1 and node-2.
  await page.getByTestId('view-services').click();
  const view = page.getByTestId('services-view');
  await expect(view.getByTestId('svc-web')).toBeVisible();
  await expect(view.getByTestId('svc-endpoint-default/web')).toHaveCount(3);
  await expect(view.getByTestId('svc-machine-node-1')).toBeVisible();
  await expect(view.getByTestId('svc-machine-node-2')).toBeVisible();
  await expect(view.locator('[data-testid^="svc-pod-web-"]')).toHaveCount(3);
  await expect(view.getByTestId('svc-dns')).toContainText('web.default.svc.cluster.local');
  await page.screenshot({ path: '/tmp/ui-helper-shots/services-view.png' });

  // Selecting the Service: its ClusterIP and YAML in the inspector.
  await view.getByTestId('svc-web').click();
  const insp = page.getByTestId('inspector');
  await expect(insp).toContainText('Service default/web');
  await expect(insp).toContainText(/10\.\d+\.\d+\.\d+/);
  await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Service');
  await expect(page.getByTestId('inspector-yaml')).toContainText('clusterIP:');
  await page.screenshot({ path: '/tmp/ui-helper-shots/services-inspector.png' });

  // Trace TCP to its ClusterIP from the inspector's button.
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-from').selectOption('default/client');
  await insp.getByRole('button', { name: 'Trace to it' }).click();
  await expect(page.getByTestId('trace-proto')).toHaveValue('tcp');
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-outcome')).toContainText(/Delivered/i);

  // Node network on node-1: a route and a rule open in the inspector; the KUBE-SVC/KUBE-SEP rules the trace hit are marked.
  await page.getByTestId('view-node-network').click();
  await expect(page.getByTestId('node-network')).toBeVisible();
  await page.getByTestId('nn-tab-routes').click();
  const route = page.getByTestId('nn-route').first().getByRole('button');
  const routeText = (await route.textContent()) ?? '';
  await route.click();
  await expect(insp).toContainText('Route');
  await expect(page.getByTestId('inspector-yaml')).toContainText(routeText);

  await page.getByTestId('nn-tab-iptables').click();
  const hits = page.locator('[data-testid="nn-rule"][data-trace-hit]');
  await expect(hits.filter({ hasText: /-A KUBE-SVC-\w+ .*-j KUBE-SEP-/ })).toHaveCount(1);
  await expect(page.locator('[data-testid="nn-rule"]').filter({ hasText: /-A KUBE-SEP-\w+ .*-j DNAT/ }).and(page.locator('[data-trace-hit], [data-decided]'))).not.toHaveCount(0);
  await expect(hits.filter({ hasText: /-A KUBE-SERVICES .*default\/web cluster IP/ })).toHaveCount(1);
  const svcRule = hits.filter({ hasText: /-A KUBE-SVC-/ }).getByRole('button');
  await svcRule.click();
  await expect(insp).toContainText('Rule');
  await expect(insp).toContainText(/nat \/ KUBE-SVC-\w+ \/ \d+/);
  await expect(insp).toContainText('went through it');
  await expect(page.getByTestId('inspector-yaml')).toContainText('iptables-save -t nat');
  await page.screenshot({ path: '/tmp/ui-helper-shots/services-rule.png' });

  // An interface chip selects too.
  await page.getByTestId('nn-dev-cni0').click();
  await expect(insp).toContainText('Interface node-1 cni0');
  await expect(insp).toContainText('Interface');
  await expect(page.getByTestId('inspector-yaml')).toContainText('ip addr show dev cni0');
  await page.screenshot({ path: '/tmp/ui-helper-shots/services-iface.png' });
});

test('ipvs mode: the Node network view lists the virtual servers, the one a ClusterIP trace used marked; a Service matching nothing is flagged', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('scenarios-toggle').click();
  await page.getByTestId('preset-ipvs').click();
  await expect(page.getByTestId('preset-current')).toContainText('ipvs');
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --port=80');
  await expect(page.getByTestId('terminal-output')).toContainText('service/web exposed');
  await runIn(page, 'control-plane', 'kubectl create service clusterip nothing --tcp=80:80');
  await expect(page.getByTestId('terminal-output')).toContainText('service/nothing created');

  await page.getByTestId('view-services').click();
  await expect(page.getByTestId('svc-nothing')).toContainText('no endpoints: no ready pod matches app=nothing');
  await page.getByTestId('svc-web').click();
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-from').selectOption('default/client');
  await page.getByTestId('inspector').getByRole('button', { name: 'Trace to it' }).click();
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-outcome')).toContainText(/Delivered/i);

  await page.getByTestId('view-node-network').click();
  await page.getByTestId('nn-tab-iptables').click();
  const vs = page.locator('[data-testid="nn-ipvs-vs"][data-trace-hit]');
  await expect(vs).toHaveCount(1);
  await expect(vs.locator('[data-testid="nn-ipvs-rs"][data-trace-hit]')).toHaveCount(1);
  await expect(vs.getByTestId('nn-ipvs-rs')).toHaveCount(3);
  await vs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/ui-helper-shots/services-ipvs.png' });
});

async function scan(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${what}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `   ${n.target.join(' ')}`).join('\n')}`);
  expect(report, report.join('\n')).toEqual([]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations (${theme}): Services view, Service and rule inspector`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    await page.getByTestId('tab-terminal').click();
    await runIn(page, 'control-plane', 'kubectl create service clusterip nothing --tcp=80:80');
    await expect(page.getByTestId('terminal-output')).toContainText('service/nothing created');
    await page.getByTestId('view-services').click();
    await page.getByTestId('svc-kubernetes').click();
    await expect(page.getByTestId('inspector-yaml')).toContainText('kind: Service');
    await scan(page, 'services');
    await page.getByTestId('view-node-network').click();
    await page.getByTestId('nn-tab-iptables').click();
    await page.getByTestId('nn-rule').first().getByRole('button').click();
    await expect(page.getByTestId('inspector-yaml')).toContainText('iptables-save');
    await scan(page, 'rule');
  });
}
