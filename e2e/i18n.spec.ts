import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${view}: ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

test('German: the trace panel, the node network view and the overlay view speak German; engine output stays English', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByTestId('underlay')).toContainText('Node-Netzwerk · Underlay-L2-Segment');
  await expect(page.getByTestId('node-control-plane')).toHaveAttribute('aria-label', /^Node control-plane, Control Plane, Ready, /);

  // Trace panel: form, empty state, controls, outcome and step detail.
  const panel = page.getByTestId('trace-panel');
  await expect(panel).toContainText('Verfolge ein ICMP-Echo Hop für Hop');
  await expect(page.getByTestId('trace-counter')).toHaveText('Noch kein Trace');
  await expect(page.getByTestId('trace-proto').locator('option[value="tcp"]')).toHaveText('TCP-Verbindung');
  await expect(page.getByRole('button', { name: 'Erster Schritt' })).toBeVisible();
  await panel.locator('.preset').first().click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/^Schritt 1 von \d+$/);
  await expect(page.getByTestId('trace-outcome')).toContainText('Zugestellt');
  await expect(page.getByTestId('trace-outcome')).toContainText('Antwort erhalten');
  await expect(page.getByTestId('trace-detail')).toContainText('entschieden durch');
  await expect(page.getByTestId('trace-pdu').locator('caption')).toHaveText('Paket-Header nach diesem Schritt, äußerster zuerst');
  // What the engine says about a hop is real tool language and stays as it is.
  await expect(page.getByTestId('trace-step-1')).not.toContainText('Paket');

  // Node network view.
  await page.getByTestId('view-node-network').click();
  await expect(page.getByRole('group', { name: 'Optionen der Node-Netzwerk-Ansicht' })).toContainText('Dem Paket folgen');
  await expect(page.getByTestId('nn-tab-routes')).toContainText('Routen');
  await expect(page.getByTestId('nn-stack')).toContainText('IP-Stack');
  await expect(page.getByTestId('nn-dev-cni0')).toContainText('Bridge');
  await page.getByTestId('nn-tab-iptables').click();
  await expect(page.getByTestId('nn-iptables').locator('thead').first()).toContainText('Regel');
  // iptables rules themselves are printed as iptables-save prints them.
  await expect(page.getByTestId('nn-rule').first()).toContainText('-A ');

  // Overlay view.
  await page.getByTestId('view-overlay').click();
  await expect(page.getByTestId('ov-host-node-1')).toContainText('Pod-Subnetz');
  await expect(page.getByTestId('ov-host-node-1')).toContainText('Worker');
  await expect(page.getByTestId('overlay').locator('summary')).toContainText('Wie jeder Node die Pods der anderen erreicht');

  // Back to English: the same places switch back without a reload.
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('overlay').locator('summary')).toContainText('How each node reaches');
  await expect(page.getByTestId('trace-counter')).toHaveText(/^Step 1 of \d+$/);
  await expect(page.getByTestId('trace-outcome')).toContainText('Delivered');
});

test('long work shows a labelled, polite busy indicator', async ({ page }) => {
  await openApp(page);
  const region = page.getByTestId('busy-region');
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  // Hold the worker's answer to an undo back for a moment, as a long replay would.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: unknown[]) {
      // comlink sends { type: 'APPLY', path: ['undo'], ... } for getEngine().undo().
      const m = msg as { path?: string[] };
      if (m && m.path?.[0] === 'undo') {
        setTimeout(() => post.call(this, msg, ...(rest as [])), 1500);
        return;
      }
      return post.call(this, msg, ...(rest as []));
    } as typeof post;
  });
  await page.getByTestId('trace-panel').locator('.preset').first().click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/^Step 1 of/);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('busy-indicator')).toHaveText(/Rückgängig: Aktionsprotokoll wird neu abgespielt/);
  await expect(page.getByTestId('busy-indicator')).toBeHidden({ timeout: 10_000 });
});

test('German UI: no serious accessibility violations in the trace panel, node network and overlay views', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('trace-panel').locator('.preset').first().click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/^Schritt 1 von/);
  const report = await seriousViolations(page, 'cluster');
  await page.getByTestId('view-node-network').click();
  await expect(page.getByTestId('nn-diagram')).toBeVisible();
  report.push(...(await seriousViolations(page, 'node network')));
  await page.getByTestId('view-overlay').click();
  await expect(page.getByTestId('ov-host-node-1')).toBeVisible();
  report.push(...(await seriousViolations(page, 'overlay')));
  expect(report, report.join('\n')).toEqual([]);
});
