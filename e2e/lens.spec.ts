import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

// The scale lens: kube-proxy's real rule builder at cluster sizes the playground cannot run, live.
test('scale lens: the Services slider moves with the keyboard and the rule counts follow', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByTestId('view-scale').click();
  await expect(page.getByTestId('lens')).toBeVisible();
  const kubeServices = page.getByTestId('lens-kube-services');
  // 100 Services: one KUBE-SERVICES rule each, plus the NodePorts rule that stays last.
  await expect(kubeServices).toHaveText('101', { timeout: 30_000 });
  const slider = page.getByRole('slider', { name: /Services:/ });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '101');
  await expect(kubeServices).toHaveText('102');
  // 3 endpoints: jump + 101 KUBE-SERVICES rules + masquerade check + 3 endpoint rules + hairpin + DNAT.
  await expect(page.getByTestId('lens-walked')).toHaveText('108');
  await expect(page.getByTestId('lens-provenance')).toHaveText('All numbers from a real build.');
  await page.keyboard.press('End');
  await expect(kubeServices).toHaveText('10,001', { timeout: 30_000 });
  await expect(page.getByTestId('lens-provenance')).toContainText('extrapolated');
  await expect(page.getByTestId('lens-thresholds').locator('li.crossed', { hasText: 'iptables mode' })).toBeVisible();
  await page.screenshot({ path: 'test-results/lens-iptables.png' });
  // The chart draws all three modes' walks: iptables grows with the Services, ipvs and nftables stay flat.
  for (const m of ['iptables', 'ipvs', 'nftables']) await expect(page.locator(`.lens-chart path.${m}`)).toHaveAttribute('d', /^M/);
  await page.getByTestId('lens-mode-ipvs').check();
  await expect(page.getByTestId('lens-walked')).toHaveText('9', { timeout: 30_000 });
  await expect(page.getByTestId('lens-numbers')).toContainText('O(1)');
  await page.screenshot({ path: 'test-results/lens-ipvs.png' });
  for (const theme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const bad = (await new AxeBuilder({ page }).include('[data-testid="lens"]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
