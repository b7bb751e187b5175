import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

// The DNS kind of "Why?": a failed lookup in a pod terminal leads to the cause and a fix tried on a copy.
test('a failed nslookup offers "Why?": kube-dns has no endpoints, the fix scales CoreDNS back up on a copy', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl scale deployment coredns -n kube-system --replicas=0');
  await runIn(page, 'default/client', 'nslookup kubernetes');
  await expect(page.getByTestId('terminal-output')).toContainText('no servers could be reached', { timeout: 20_000 });
  const hint = page.getByTestId('dns-fail-hint');
  await expect(hint).toContainText('could not resolve kubernetes');
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  await page.getByTestId('dns-fail-why').click();

  const form = page.getByTestId('why-dns');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('why-dns-name')).toHaveValue('kubernetes');
  await expect(page.getByTestId('why-dns-from')).toHaveValue('default/client');
  await expect(form.getByTestId('why-cause')).toContainText('No DNS server answered', { timeout: 20_000 });
  await expect(form.getByTestId('why-fix')).toContainText('kubectl scale deployment coredns -n kube-system --replicas=2');
  await form.getByTestId('why-try').click();
  await expect(form.getByTestId('why-after')).toContainText('resolved', { timeout: 30_000 });
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', hash!);
});

test('the form in the Services view: a misspelt name is NXDOMAIN, with the similar Service named', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('view-services').click();
  await page.getByTestId('why-dns-name').fill('kube-dnz');
  await page.getByTestId('why-dns-ask').click();
  const form = page.getByTestId('why-dns');
  await expect(form).toContainText('Why does kube-dnz not resolve from default/client?');
  await expect(form.getByTestId('why-cause')).toContainText('NXDOMAIN', { timeout: 20_000 });
  await expect(form).toContainText('similar: kube-dns.kube-system.svc.cluster.local');
});
