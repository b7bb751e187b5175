import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, runIn } from './helpers';

// Kubemark hollow nodes through the Scale tab: real Nodes to the control plane with no machine
// behind them. The graph draws them apart (dashed, badged, labelled "hollow node") with their
// pods counted, the terminal offers no shell there, the inspector says what they are, and the
// link reproduces the cluster.
test.describe.configure({ timeout: 180_000 });

/** Fills in "Build this cluster" with hollow nodes and starts it. */
async function build(page: Page, workers: number, hollow: number, replicas: number): Promise<void> {
  await page.getByTestId('view-scale').click();
  await page.getByTestId('build-cluster').scrollIntoViewIfNeeded();
  await page.getByTestId('build-workers').fill(String(workers));
  await page.getByTestId('build-hollow').fill(String(hollow));
  await page.getByTestId('build-replicas').fill(String(replicas));
  await page.getByTestId('build-services').fill('0');
  await expect(page.getByTestId('build-run')).toHaveText(`Build a ${(workers + 1 + hollow).toLocaleString('en-US')}-node cluster (${hollow} hollow)`);
  await page.getByTestId('build-run').click();
}

test('a 153-node cluster with 150 hollow nodes: drawn apart, counted, no shell there, and the link reproduces it', async ({ page, context }) => {
  await openApp(page);
  await page.getByTestId('view-scale').click();
  // The envelope preset fills in Kubernetes' documented limits; the fields' ranges follow each other.
  await page.getByTestId('build-envelope').click();
  await expect(page.getByTestId('build-workers')).toHaveValue('9');
  await expect(page.getByTestId('build-hollow')).toHaveValue('4990');
  await expect(page.getByTestId('build-replicas')).toHaveValue('150000');
  await expect(page.getByTestId('build-run')).toHaveText('Build a 5,000-node cluster (4,990 hollow)');
  await expect(page.getByTestId('build-hollow')).toHaveAttribute('max', '4990');
  await expect(page.getByTestId('build-hollow-note')).toContainText('no shell');
  await page.getByTestId('build-hollow').fill('100');
  await expect(page.getByTestId('build-replicas')).toHaveAttribute('max', '13000');
  await expect(page.getByTestId('build-run')).toBeDisabled();

  await build(page, 2, 150, 2000);
  // 153 tiles: one canvas map, whose name counts the hollow nodes; the legend explains them.
  const map = page.getByTestId('cluster-map');
  await expect(map).toHaveAttribute('aria-label', /^Cluster map: 153 nodes \(150 of them hollow\) and \d+ pods/, { timeout: 120_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('legend-hollow')).toBeVisible();
  const pods = Number(/and (\d+) pods/.exec((await map.getAttribute('aria-label')) ?? '')?.[1]);
  // 2,000 web replicas plus the client, and each node's DaemonSet pods: all drawn, counted or listed.
  expect(pods).toBeGreaterThanOrEqual(2001);
  await page.screenshot({ path: 'test-results/hollow-map.png' });

  // A click on a hollow node's tile shows what it is (control plane, node-1, node-2 come first).
  const i = await clickMapTile(page, 2, 1);
  await expect(page.getByTestId('inspector')).toContainText(`Node hollow-node-${i - 2}`);
  await expect(page.getByTestId('insp-hollow')).toContainText('Kubemark hollow node');
  await expect(page.getByTestId('inspector')).toContainText('fakeRuntime://0.1.0');
  await expect(page.getByTestId('inspector')).toContainText(/\d+ Running · 0 Pending/);
  await expect(page.getByTestId('inspector').getByRole('button', { name: /shell/i })).toHaveCount(0);
  await expect(page.getByTestId('insp-traffic')).toHaveCount(0);

  // The terminal offers the machines only; kubectl sees every node.
  await page.getByTestId('tab-terminal').click();
  const targets = await page.getByTestId('terminal-target').locator('option').allTextContents();
  expect(targets).toContain('node-2');
  expect(targets.filter((x) => x.startsWith('hollow-node'))).toEqual([]);
  const out = page.getByTestId('terminal-output');
  await runIn(page, 'control-plane', 'kubectl get nodes --no-headers | wc -l');
  await expect(out).toContainText(/wc -l\s*153(?!\d)/);
  await runIn(page, 'control-plane', 'kubectl get nodes -o wide | grep -c fakeRuntime');
  await expect(out).toContainText(/grep -c fakeRuntime\s*150(?!\d)/);
  await runIn(page, 'control-plane', 'kubectl get deployment web');
  await expect(out).toContainText(/web\s+2000\/2000\s+2000\s+2000/);
  // Nor do the trace pickers offer a hollow node's address: nothing answers there.
  await page.getByTestId('tab-trace').click();
  const dests = await page.getByTestId('trace-to').locator('option').allTextContents();
  expect(dests.some((d) => d.includes('node node-1'))).toBe(true);
  expect(dests.filter((d) => d.includes('hollow-node'))).toEqual([]);

  // The link opens the same cluster.
  const hash = await page.locator('.app').getAttribute('data-state-hash');
  await page.getByTestId('copy-link').click();
  await expect(page).toHaveURL(/#s=/);
  const other = await context.newPage();
  await other.goto(page.url().slice(page.url().indexOf('/#')));
  await expect(other.locator('.app')).toHaveAttribute('data-state-hash', hash!, { timeout: 120_000 });
  await expect(other.getByTestId('url-error')).toHaveCount(0);
  await expect(other.getByTestId('cluster-map')).toHaveAttribute('aria-label', /^Cluster map: 153 nodes \(150 of them hollow\)/);
});

test('fewer nodes: hollow nodes as DOM tiles, dashed and badged, named "hollow node", their pods counted', async ({ page }) => {
  await openApp(page);
  await build(page, 1, 20, 300);
  const tile = page.getByTestId('node-hollow-node-1');
  await expect(tile).toHaveAttribute('aria-label', /^Hollow node hollow-node-1 \(Kubemark, no machine\), Ready, 172\.16\.\d+\.\d+, \d+ pods \(\d+ Running(, [^)]*)?\)$/, { timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
  await expect(tile).toHaveAttribute('data-hollow', 'true');
  await expect(tile.locator('.hollow-badge')).toHaveText('hollow');
  await expect(page.locator('[data-hollow="true"]')).toHaveCount(20);
  // The worker is a machine: a plain tile with a "Show pods" button; a hollow tile has none.
  await expect(page.getByTestId('node-node-1')).not.toHaveAttribute('data-hollow', 'true');
  await expect(page.getByTestId('expand-hollow-node-1')).toHaveCount(0);
  // Every web replica is drawn somewhere: listed on the machines, counted on the hollow nodes.
  const counts = await page.locator('[data-testid^="tile-count-"]').allTextContents();
  expect(counts.reduce((n, c) => n + Number(/\d+/.exec(c)?.[0] ?? 0), 0)).toBeGreaterThanOrEqual(301);
  await page.screenshot({ path: 'test-results/hollow-tiles.png' });
  // "System pods" (off by default) rules a hollow tile's count as a machine's: its kube-proxy and
  // kube-flannel pods are counted only when it is on.
  const count = page.getByTestId('tile-count-hollow-node-1');
  const shown = async () => Number(/\d+/.exec(await count.textContent() ?? '')?.[0]);
  await expect(page.getByTestId('show-system-pods')).not.toBeChecked();
  const without = await shown();
  await tile.screenshot({ path: 'test-results/hollow-tile-no-system-pods.png' });
  await page.getByTestId('show-system-pods').check();
  await expect(count).toHaveText(`${without + 2} pods`);
  await expect(tile).toHaveAttribute('aria-label', new RegExp(`, ${without + 2} pods \\(${without + 2} Running\\)$`));
  await page.getByTestId('show-system-pods').uncheck();
  await expect(count).toHaveText(`${without} pods`);
  // The muted, dashed tiles and their badge keep enough contrast, in both themes.
  for (const theme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const results = await new AxeBuilder({ page }).include('[data-testid="cluster-graph"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `[${theme}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(report, report.join('\n')).toEqual([]);
  }
});

/** Clicks the tile at `row`, `col` of the canvas map (laid out in rows: control plane, workers, then the hollow nodes); returns its index. */
async function clickMapTile(page: Page, row: number, col: number): Promise<number> {
  // The map's spacer node covers the grid; MAP in tileLayout.ts: tiles 128 px wide, 10 px apart.
  const box = (await page.locator('.react-flow__node[data-id="map-space"]').boundingBox())!;
  const m = /scale\(([-\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '');
  const zoom = Number(m?.[1]);
  const cols = Math.round((box.width / zoom + 10) / 138);
  const rows = Math.ceil(153 / cols);
  const tileH = (box.height / zoom + 10) / rows - 10;
  await page.mouse.click(box.x + (col * 138 + 64) * zoom, box.y + (row * (tileH + 10) + tileH / 2) * zoom);
  return row * cols + col;
}
