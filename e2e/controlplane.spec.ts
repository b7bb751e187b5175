import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

async function scan(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${view}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`);
  expect(report, report.join('\n')).toEqual([]);
}

const HELLO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const HUGE = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "64"
`;

test('control plane: an apply from the editor flows kubectl → apiserver → etcd → scheduler → kubelet → runtime → CNI', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-control-plane').click();
  await expect(page.getByTestId('cp-panel')).toBeVisible();
  for (const c of ['kubectl', 'kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'kubelet:node-1', 'runtime:node-1', 'cni:node-1']) {
    await expect(page.getByTestId(`cp-comp-${c}`)).toBeVisible();
  }

  await page.getByTestId('tab-editor').click();
  const content = page.getByTestId('manifest-editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(HELLO);
  await page.keyboard.press('Escape');
  await page.getByTestId('manifest-apply').click();
  await expect(page.getByTestId('manifest-output')).toContainText('deployment.apps/hello created');

  // The list grows with the request, its write to etcd, the scheduler's bind and the node's work.
  const list = page.getByTestId('cp-messages');
  await expect(list.locator('li[data-from="kubectl"][data-to="kube-apiserver"]', { hasText: '/apis/apps/v1/namespaces/default/deployments' }).first()).toBeAttached();
  await expect(list.locator('li[data-from="kube-apiserver"][data-to="etcd"]').first()).toBeAttached();
  await expect(list.locator('li[data-from="kube-scheduler"]', { hasText: '/binding' }).first()).toBeAttached();
  await expect(list.locator('li[data-to^="cni/"]', { hasText: 'CNI ADD' }).first()).toBeAttached();

  // The messages travel: a link carries a label and the components at its ends light up.
  await expect(page.getByTestId('cp-edge-label').first()).toBeVisible();
  await expect(page.locator('.cp-comp.active').first()).toBeVisible();
  await expect(page.locator('.cp-list li.now').first()).toBeAttached();

  // Filtering by a component keeps only its messages.
  await page.getByTestId('cp-filter').selectOption('etcd');
  await expect(list.locator('li').first()).toHaveAttribute('data-to', 'etcd');

  await scan(page, 'control plane');

  // And the pods are there; the inspector says why the scheduler picked each one's node.
  await page.getByTestId('view-cluster').click();
  await expect(page.locator('[data-testid^="pod-hello-"]')).toHaveCount(2);
  await page.locator('[data-testid^="pod-hello-"]').first().click();
  const sched = page.getByTestId('scheduler-view');
  await expect(sched).toContainText('TaintToleration');
  await expect(sched.locator('thead th.won')).toHaveCount(1);
  await expect(sched.locator('[data-testid="sched-node-control-plane"]')).toHaveClass(/out/);
  await expect(sched.locator('td.fc.fail')).toContainText('untolerated taint');
  await page.getByTestId('tab-events').click();
  await expect(page.locator('[data-testid="event-row"][data-reason="Scheduled"]').first()).toBeVisible();
  await scan(page, 'scheduler and events');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('view-control-plane').click();
  await scan(page, 'control plane (light)');
});

test('control plane: a pod that fits nowhere shows the scheduler’s real message', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await page.getByTestId('tab-editor').click();
  await page.getByTestId('manifest-editor').locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(HUGE);
  await page.keyboard.press('Escape');
  await page.getByTestId('manifest-apply').click();
  await expect(page.getByTestId('manifest-output')).toContainText('pod/huge created');
  await page.getByTestId('pod-huge').click();
  await expect(page.getByTestId('sched-message')).toContainText(/^0\/3 nodes are available: .*Insufficient cpu/);
});
