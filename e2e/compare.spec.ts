import { expect, test } from '@playwright/test';
import { openApp, runIn } from './helpers';

// The same packet under flannel VXLAN and host-gw, side by side, without touching the cluster.
test('compare two dataplanes side by side: VXLAN encapsulates, host-gw routes via the node', async ({ page }) => {
  await openApp(page);
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  // The trace form decides the packet: client → a web pod on node-2.
  const to = await page.getByTestId('trace-to').locator('option', { hasText: /web-.*\(node-2\)/ }).first().getAttribute('value');
  await page.getByTestId('trace-to').selectOption(to!);
  await page.getByTestId('view-compare').click();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.getByTestId('compare-which').selectOption('flannel-backend');
  await page.getByTestId('compare-run').click();
  const steps = page.getByTestId('compare-steps');
  await expect(steps).toContainText('flannel.1 encapsulates', { timeout: 30_000 });
  await expect(page.getByTestId('compare-routes')).toContainText('via 192.168.56.12 dev eth0');
  await expect(page.getByTestId('compare-routes')).toContainText('dev flannel.1 onlink');
  await expect(page.locator('.compare-head').first()).toContainText('flannel VXLAN');
  await expect(page.locator('.compare-head').nth(1)).toContainText('flannel host-gw');
  // The learner's own cluster is unchanged.
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', hash!);
});

// externalTrafficPolicy Cluster vs Local: the same curl from the internet; what client address the pod saw.
test('compare externalTrafficPolicy Cluster and Local from the internet: SNAT to a node address vs the client address', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --type=LoadBalancer --port=80 --name=shop');
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-which').selectOption('etp');
  await expect(page.getByTestId('compare-service')).toHaveValue('default/shop');
  await page.getByTestId('compare-run').click();
  const seen = page.getByTestId('compare-seen');
  await expect(seen).toHaveCount(2, { timeout: 30_000 });
  await expect(page.locator('.compare-head').first()).toContainText('externalTrafficPolicy: Cluster');
  await expect(seen.first()).toContainText(/saw the client as (192\.168\.56\.1[12]|10\.244\.\d\.[01])$/);
  await expect(page.locator('.compare-head').nth(1)).toContainText('externalTrafficPolicy: Local');
  await expect(seen.nth(1)).toContainText(/saw the client as 203\.0\.113\.1$/);
});

// The test: a ping to a ClusterIP under kube-proxy iptables vs ipvs (Kubernetes v1.34, the simulated default).
test('compare kube-proxy iptables and ipvs on a ping to a ClusterIP: no rule for ICMP vs KUBE-IPVS-FILTER rejects it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --port=80');
  await runIn(page, 'control-plane', 'kubectl get svc web');
  await expect(page.getByTestId('terminal-output')).toContainText(/web\s+ClusterIP/);
  const listing = (await page.getByTestId('terminal-output').textContent()) ?? '';
  const cip = /web\s+ClusterIP\s+(\d+\.\d+\.\d+\.\d+)/.exec(listing)?.[1];
  expect(cip).toBeTruthy();
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  // The trace form's packet: an ICMP echo from client to the ClusterIP (typed as an address).
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-to').selectOption('__other__');
  await page.getByTestId('trace-to-ip').fill(cip!);
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-which').selectOption('kube-proxy');
  await expect(page.locator('.compare-probe')).toContainText(`default/client → ${cip}, ICMP echo`);
  await page.getByTestId('compare-run').click();
  const heads = page.getByTestId('compare-head');
  await expect(heads).toHaveCount(2, { timeout: 30_000 });
  // iptables: no kube-proxy rule matches ICMP, the echo goes on unchanged and nothing answers; the trace says why.
  await expect(heads.first()).toContainText('iptables mode');
  await expect(heads.first()).toHaveClass(/differs/);
  await expect(heads.first().getByTestId('compare-verdict')).toContainText('Dropped, no reply');
  await expect(heads.first()).toContainText('a ClusterIP does not answer ping');
  await expect(heads.first().getByTestId('compare-decided')).toContainText('no kube-proxy rule matched ICMP');
  await expect(heads.first().getByTestId('compare-decided')).toContainText('-j KUBE-SERVICES');
  // ipvs: the VIP is bound on kube-ipvs0 and KUBE-IPVS-FILTER rejects it with port unreachable.
  await expect(heads.nth(1)).toContainText('ipvs mode');
  await expect(heads.nth(1)).toHaveClass(/differs/);
  await expect(heads.nth(1).getByTestId('compare-verdict')).toContainText('Rejected: ICMP port-unreachable');
  await expect(heads.nth(1).getByTestId('compare-decided')).toContainText(/node-\d, filter\/INPUT/);
  await expect(heads.nth(1).getByTestId('compare-decided')).toContainText('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable');
  await expect(page.getByTestId('compare-steps')).toContainText('REJECT by filter/KUBE-IPVS-FILTER');
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', hash!);
});

// Before Kubernetes 1.27 kube-proxy had no KUBE-IPVS-FILTER: the ipvs node answers the ClusterIP ping itself.
test('compare ipvs v1.26 and v1.34 on a ClusterIP ping: answered by the node, then rejected', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'control-plane', 'kubectl expose deployment web --port=80');
  await runIn(page, 'control-plane', 'kubectl get svc web');
  await expect(page.getByTestId('terminal-output')).toContainText(/web\s+ClusterIP/);
  const cip = /web\s+ClusterIP\s+(\d+\.\d+\.\d+\.\d+)/.exec((await page.getByTestId('terminal-output').textContent()) ?? '')?.[1];
  await page.getByTestId('tab-trace').click();
  await page.getByTestId('trace-to').selectOption('__other__');
  await page.getByTestId('trace-to-ip').fill(cip!);
  await page.getByTestId('view-compare').click();
  await page.getByTestId('compare-which').selectOption('ipvs-version');
  await page.getByTestId('compare-run').click();
  const heads = page.getByTestId('compare-head');
  await expect(heads).toHaveCount(2, { timeout: 30_000 });
  await expect(heads.first().getByTestId('compare-verdict')).toContainText('Answered: echo reply from');
  await expect(heads.first().getByTestId('compare-decided')).toContainText('dev kube-ipvs0 table local');
  await expect(heads.nth(1).getByTestId('compare-verdict')).toContainText('Rejected: ICMP port-unreachable');
  await expect(heads.nth(1)).toHaveClass(/differs/);
});
