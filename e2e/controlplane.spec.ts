import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

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

  // And the pods are there.
  await page.getByTestId('view-cluster').click();
  await expect(page.locator('[data-testid^="pod-hello-"]')).toHaveCount(2);
});
