import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

// The canvas map of a big cluster (over 120 nodes) is one element: a keyboard cursor moves over
// its tiles and a live region reads the tile out; a painted reachability row rings the pods.
test.describe.configure({ timeout: 180_000 });

/** A 122-node cluster: the control plane, one worker and 120 hollow nodes, 20 web replicas. */
async function build(page: Page): Promise<void> {
  await page.getByTestId('view-scale').click();
  await page.getByTestId('build-cluster').scrollIntoViewIfNeeded();
  await page.getByTestId('build-workers').fill('1');
  await page.getByTestId('build-hollow').fill('120');
  await page.getByTestId('build-replicas').fill('20');
  await page.getByTestId('build-services').fill('0');
  await page.getByTestId('build-run').click();
  await expect(page.getByTestId('cluster-map')).toHaveAttribute('aria-label', /^Cluster map: 122 nodes \(120 of them hollow\)/, { timeout: 120_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
}

test('the cluster map by keyboard, and a reachability row painted onto it', async ({ page }) => {
  await openApp(page);
  await build(page);
  const map = page.getByTestId('cluster-map');
  const cursor = page.getByTestId('cluster-map-cursor');
  await expect(map).toHaveAttribute('aria-label', /Arrow keys move between nodes/);

  // Focus starts on the first tile (the control plane); arrows and Home/End move along the grid.
  await map.focus();
  await expect(map).toHaveAttribute('data-cursor', 'control-plane');
  await expect(cursor).toHaveText(/^Node control-plane, control plane, Ready, 172\.16\.\d+\.\d+, \d+ pods/);
  await page.keyboard.press('ArrowRight');
  await expect(map).toHaveAttribute('data-cursor', 'node-1');
  await expect(cursor).toHaveText(/^Node node-1, worker, Ready, .*, \d+ pods \(\d+ Running/);
  await page.keyboard.press('ArrowDown');
  await expect(map).toHaveAttribute('data-cursor', /^hollow-node-\d+$/);
  await expect(cursor).toHaveText(/^Hollow node hollow-node-\d+ \(Kubemark, no machine\), Ready/);
  await page.keyboard.press('Control+End');
  await expect(map).toHaveAttribute('data-cursor', 'hollow-node-120');
  await page.screenshot({ path: 'test-results/cluster-map-cursor.png' });
  // Enter opens the tile as a click does: the node in the inspector.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toContainText('Node hollow-node-120');
  await expect(page.getByTestId('insp-hollow')).toContainText('Kubemark hollow node');
  // The focusable canvas and its live region pass axe's serious and critical rules.
  const results = await new AxeBuilder({ page }).include('[data-testid="cluster-graph"]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Leaving the map hides the cursor and empties the live region.
  await page.keyboard.press('Shift+Tab');
  await expect(map).not.toHaveAttribute('data-cursor', /./);
  await expect(cursor).toHaveText('');

  // Paint the client's row: the web pods on the worker are reachable, those on hollow nodes are not.
  await page.getByTestId('view-reach').click();
  await expect(page.getByTestId('reach-summary')).toHaveText(/^\d+ of \d+ reachable/, { timeout: 60_000 });
  await page.locator('.reach-table tbody th', { hasText: /client/ }).first().getByRole('button').click();
  await expect(page.getByTestId('view-cluster')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('paint-bar')).toContainText(/reachability from default\/client/);
  await map.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowRight');
  await expect(map).toHaveAttribute('data-cursor', 'node-1');
  await expect(cursor).toHaveText(/; [1-9]\d* reachable, 0 blocked from default\/client$/);
  // Zoomed in, node-1 is off screen: moving the cursor onto it brings it back into view.
  for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomin').click();
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(map).toHaveAttribute('data-cursor', 'node-1');
  await page.screenshot({ path: 'test-results/cluster-map-paint.png' });
});
