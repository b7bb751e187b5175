import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the CNI calls tab lists the runtime\'s ADD for the client pod with what it passed and the result JSON', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-node-network').click();
  await expect(page.getByTestId('nn-node')).toHaveValue('node-1');
  await page.getByTestId('nn-tab-cni').click();
  await expect(page.getByTestId('nn-tab-cni')).toHaveAttribute('aria-selected', 'true');
  const add = page.getByTestId('nn-cni-call').filter({ hasText: 'default/client' }).filter({ hasText: 'ADD' }).first();
  await expect(add).toBeVisible();
  await add.locator('summary').click();
  await expect(add.getByTestId('nn-cni-env')).toContainText('CNI_COMMAND=ADD');
  await expect(add.getByTestId('nn-cni-env')).toContainText('CNI_IFNAME=eth0');
  await expect(add.getByTestId('nn-cni-env')).toContainText('K8S_POD_NAME=client');
  await expect(add.getByTestId('nn-cni-config')).toContainText('"type": "flannel"');
  await expect(add.getByTestId('nn-cni-config')).toContainText('"portMappings"');
  await expect(add.getByTestId('nn-cni-result')).toContainText('"cniVersion": "1.0.0"');
  await expect(add.getByTestId('nn-cni-result')).toContainText('"address": "10.244.1.2/24"');
});
