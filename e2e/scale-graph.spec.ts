import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { encodeState } from '../src/engine/scenario/url';
import { DEFAULT_MANIFESTS } from '../src/engine/scenario/defaults';
import { bigScenario, deploymentYaml } from '../src/bench/scenario';

/** A cluster past the tiles threshold (more than 16 nodes): the control plane, 19 workers, ~80 pods. */
function bigLink(workers = 19, replicas = 76): string {
  const s = bigScenario(workers);
  s.nodes.forEach((n, i) => (n.ip = `192.168.56.${10 + i}`));
  s.cluster.nodeNetwork = '192.168.56.0/24';
  s.cluster.podCIDR = '10.244.0.0/16';
  s.manifests = `${DEFAULT_MANIFESTS}---\n${deploymentYaml('bulk', replicas)}`;
  return `/#${encodeState({ scenario: s, actions: [] })}`;
}

async function openBig(page: Page): Promise<void> {
  await page.goto(bigLink());
  await expect(page.getByTestId('cluster-graph')).toHaveAttribute('data-mode', 'tiles', { timeout: 90_000 });
  await expect(page.getByTestId('node-node-1')).toBeVisible();
}

/** The packet dot's position (its translate) in the graph overlay. */
async function dot(page: Page): Promise<string> {
  return (await page.locator('svg.packet-overlay > g').getAttribute('transform')) ?? '';
}

test.describe.configure({ timeout: 180_000 });

test('a big cluster is drawn as node tiles with pod heatmaps, and one node can be drilled into', async ({ page }) => {
  await openBig(page);
  const graph = page.getByTestId('cluster-graph');
  // One tile per node, no pod cards, a heatmap and a legend.
  await expect(graph.locator('[data-tile]')).toHaveCount(20);
  await expect(graph.locator('.pod')).toHaveCount(0);
  await expect(page.getByTestId('tiles-legend')).toBeVisible();
  await expect(page.getByTestId('node-node-1').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('tile-count-node-1')).toHaveText(/^\d+ pods$/);
  const count = Number(/\d+/.exec((await page.getByTestId('tile-count-node-1').textContent()) ?? '')![0]);
  expect(count).toBeGreaterThan(0);

  // Drill down: node-1 becomes its full card with one pod card per pod; back again.
  await page.getByTestId('expand-node-1').click();
  const card = page.getByTestId('node-node-1');
  await expect(card).not.toHaveAttribute('data-tile', 'true');
  await expect(card.locator('.pod')).toHaveCount(count);
  // The view fits the opened card (tiles off screen are not rendered), and the card goes back to a tile.
  await page.getByTestId('collapse-node-1').click();
  await expect(page.getByTestId('node-node-1')).toHaveAttribute('data-tile', 'true');
  await expect(graph.locator('.pod')).toHaveCount(0);

  // The toolbar forces pod cards, and goes back to automatic.
  await page.getByTestId('graph-mode-pods').click();
  await expect(graph).toHaveAttribute('data-mode', 'pods');
  await expect(page.getByTestId('node-node-1').locator('.pod')).toHaveCount(count);
  await page.getByTestId('graph-mode-auto').click();
  await expect(graph).toHaveAttribute('data-mode', 'tiles');
});

test('on tiles, a trace animates: the packet moves between tiles and lands on the destination pod\'s cell', async ({ page }) => {
  await openBig(page);
  await expect(page.getByTestId('trace-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  const to = await page.getByTestId('trace-to').inputValue();
  const dst = to.slice(to.indexOf('/') + 1);
  // Source and destination cells are marked on their tiles.
  await expect(page.getByTestId('cell-client')).toHaveClass(/src/);
  await expect(page.getByTestId(`cell-${dst}`)).toHaveClass(/dst/);

  // Playing moves the dot through several places.
  const seen = new Set<string>([await dot(page)]);
  await page.getByTestId('trace-play').click();
  await expect.poll(async () => seen.add(await dot(page)).size, { timeout: 30_000, intervals: [100] }).toBeGreaterThan(4);
  await page.getByTestId('trace-play').click();

  // The request's last step is at the destination pod: the dot sits on its cell, which is highlighted.
  const rows = page.locator('[data-testid^="trace-step-"]');
  const last = rows.filter({ hasText: /→ req/ }).last();
  await last.locator('button').first().click();
  const cell = page.getByTestId(`cell-${dst}`);
  await expect(cell).toHaveClass(/here/);
  await expect
    .poll(async () => {
      const box = await cell.boundingBox();
      const g = await page.locator('svg.packet-overlay .packet-core').boundingBox();
      if (!box || !g) return Infinity;
      return Math.hypot(box.x + box.width / 2 - (g.x + g.width / 2), box.y + box.height / 2 - (g.y + g.height / 2));
    })
    .toBeLessThan(4);
});

for (const theme of ['dark', 'light'] as const) {
  test(`tiles: no serious accessibility violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openBig(page);
    const results = await new AxeBuilder({ page }).include('[data-testid="cluster-graph"]').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = bad.map((v) => `[${v.impact}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(report, report.join('\n')).toEqual([]);
  });
}
