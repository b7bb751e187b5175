import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { openApp } from './helpers';

const stateHash = (page: Page) => page.locator('.app').getAttribute('data-state-hash');

async function scan(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${view}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 4).map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`);
  expect(report, report.join('\n')).toEqual([]);
}

async function runTrace(page: Page): Promise<void> {
  await page.getByTestId('trace-run').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
}

test('undo and redo replay the log (buttons and keyboard)', async ({ page }) => {
  await openApp(page);
  const start = await stateHash(page);
  await expect(page.getByTestId('undo')).toBeDisabled();
  await runTrace(page);
  const traced = await stateHash(page);
  await expect(page.getByTestId('undo')).toBeEnabled();

  await page.getByTestId('undo').click();
  await expect(page.getByTestId('trace-counter')).toHaveText('No trace yet');
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', start!);
  await expect(page.getByTestId('toast')).toContainText('Undone: trace');
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('redo')).toBeEnabled();

  await page.getByTestId('redo').click();
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);
  await expect(page.getByTestId('redo')).toBeDisabled();

  // Ctrl+Z / Shift+Ctrl+Z outside the terminal and the editor.
  await page.locator('.topbar .brand-name').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('trace-counter')).toHaveText('No trace yet');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);

  // In the terminal Ctrl+Z belongs to the shell: it does not undo.
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-input').focus();
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(300);
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);
  await expect(page.getByTestId('redo')).toBeDisabled();
});

test('autosave: a reload loses nothing; named saves switch and delete', async ({ page }) => {
  await openApp(page);
  const start = await stateHash(page);
  await runTrace(page);
  await expect(page.getByTestId('autosave-status')).toContainText('Saved');
  const traced = await stateHash(page);
  await page.reload();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await expect(page.getByTestId('undo')).toBeEnabled();

  // Save under a name (hostile-looking names stay text), go back, then switch to it.
  await page.getByTestId('saved-toggle').click();
  await page.getByTestId('save-name').fill('<b>traced</b>');
  await page.getByTestId('save-as').click();
  await expect(page.getByTestId('saved-list')).toContainText('<b>traced</b>');
  await expect(page.getByTestId('autosave-status')).toContainText('<b>traced</b>');
  await page.getByTestId('saved-toggle').click();
  await page.getByTestId('undo').click();
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', start!);
  // Autosave keeps the named save up to date; save the undone state separately.
  await page.getByTestId('saved-toggle').click();
  await page.getByTestId('save-name').fill('fresh');
  await page.getByTestId('save-as').click();
  await expect(page.getByTestId('saved-open-0')).toContainText('fresh');
  await expect(page.getByTestId('saved-open-1')).toContainText('<b>traced</b>');
  await page.getByTestId('saved-toggle').click();
  await runTrace(page);
  await page.getByTestId('saved-toggle').click();
  await page.getByTestId('saved-open-0').click();
  await expect(page.getByTestId('toast')).toContainText('Opened “fresh”');
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);
  await page.getByTestId('saved-toggle').click();
  await page.getByTestId('saved-delete-1').click();
  await expect(page.getByTestId('saved-list')).not.toContainText('<b>traced</b>');
  await expect(page.getByTestId('saved-list').locator('li')).toHaveCount(1);
});

test('download → upload round trip; a bad file keeps the state', async ({ page }, info) => {
  await openApp(page);
  const start = await stateHash(page);
  await runTrace(page);
  const traced = await stateHash(page);

  await page.getByTestId('saved-toggle').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-yaml').click()]);
  expect(download.suggestedFilename()).toBe('default.yaml');
  const path = info.outputPath('default.yaml');
  await download.saveAs(path);
  expect(readFileSync(path, 'utf8')).toContain('type: trace');

  await page.getByTestId('undo').click();
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', start!);

  await page.getByTestId('saved-toggle').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload').click()]);
  await chooser.setFiles(path);
  await expect(page.getByTestId('toast')).toContainText('Loaded default.yaml');
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);
  await expect(page.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);

  const bad = info.outputPath('bad.json');
  writeFileSync(bad, JSON.stringify({ scenario: { name: '<script>alert(1)</script>' }, actions: [] }));
  await page.getByTestId('saved-toggle').click();
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload').click()]);
  await chooser2.setFiles(bad);
  await expect(page.getByTestId('url-error')).toContainText('bad.json: scenario.seed');
  await expect(page.getByTestId('url-error')).toContainText('unchanged');
  await expect(page.locator('.app')).toHaveAttribute('data-state-hash', traced!);

  await page.getByTestId('saved-toggle').click();
  const [kind] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-kind').click()]);
  expect(kind.suggestedFilename()).toBe('default-kind.sh');
});

test('a shared link shows what it replays; embed mode shows the panel and trace', async ({ page, context }) => {
  await openApp(page);
  await runTrace(page);
  const hash = await stateHash(page);
  await page.getByTestId('copy-link').click();
  await expect(page).toHaveURL(/#s=/);
  const fragment = new URL(page.url()).hash;

  const other = await context.newPage();
  await openApp(other, `/${fragment}`);
  // Saved, and the link stays in the address bar while the state is still the link's.
  await expect(other.getByTestId('autosave-status')).toHaveClass(/\bsaved\b/);
  await expect(other).toHaveURL(/#s=/);
  await expect(other.getByTestId('link-notice')).toContainText('“default”');
  await expect(other.getByTestId('link-notice')).toContainText('1 action');
  await other.getByTestId('link-notice-dismiss').click();
  await expect(other.getByTestId('link-notice')).toHaveCount(0);
  // Once the state moves on from the link, a reload restores the autosave, not the old link.
  await other.getByTestId('undo').click();
  await expect(other).not.toHaveURL(/#s=/);
  const undone = await stateHash(other);
  await other.reload();
  await expect(other.getByTestId('node-node-1')).toBeVisible();
  await expect(other.locator('.app')).toHaveAttribute('data-state-hash', undone!);
  await expect(other.getByTestId('link-notice')).toHaveCount(0);

  const embed = await context.newPage();
  await embed.goto(`/?embed=cluster${fragment}`);
  await expect(embed.getByTestId('embed')).toBeVisible();
  await expect(embed.getByTestId('node-node-1')).toBeVisible();
  await expect(embed.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await expect(embed.getByTestId('embed')).toHaveAttribute('data-state-hash', hash!);
  await expect(embed.getByTestId('tab-terminal')).toHaveCount(0);
  await expect(embed.getByTestId('embed-open-full')).toHaveAttribute('href', `/${fragment}`);

  const traceOnly = await context.newPage();
  await traceOnly.goto(`/?embed=trace${fragment}`);
  await expect(traceOnly.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
  await expect(traceOnly.getByTestId('cluster-graph')).toHaveCount(0);
});

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations (${theme}): Saved menu, link notice, embed`, async ({ page, context }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    await runTrace(page);
    await page.getByTestId('copy-link').click();
    await expect(page).toHaveURL(/#s=/);
    const fragment = new URL(page.url()).hash;
    await page.getByTestId('saved-toggle').click();
    await page.getByTestId('save-name').fill('mine');
    await page.getByTestId('save-as').click();
    await expect(page.getByTestId('saved-list')).toContainText('mine');
    await scan(page, 'saved menu');

    const other = await context.newPage();
    await other.emulateMedia({ colorScheme: theme });
    await openApp(other, `/${fragment}`);
    await expect(other.getByTestId('link-notice')).toBeVisible();
    await scan(other, 'link notice');

    const embed = await context.newPage();
    await embed.emulateMedia({ colorScheme: theme });
    await embed.goto(`/?embed=cluster${fragment}`);
    await expect(embed.getByTestId('trace-counter')).toHaveText(/Step 1 of \d+/);
    await scan(embed, 'embed');
  });
}

test('uploading a real cluster’s kubectl get -o yaml dump shows that cluster and what was left out', async ({ page }, info) => {
  await openApp(page);
  const node = (name: string, ip: string, cidr: string, cp: boolean): string =>
    `- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ${name}\n    labels:\n      kubernetes.io/hostname: ${name}${cp ? "\n      node-role.kubernetes.io/control-plane: ''" : ''}\n  spec:\n    podCIDR: ${cidr}\n  status:\n    addresses:\n    - type: InternalIP\n      address: ${ip}\n    nodeInfo:\n      kubeletVersion: v1.33.4\n      containerRuntimeVersion: containerd://2.1.4\n`;
  const dump =
    'apiVersion: v1\nkind: List\nitems:\n' +
    node('k8s-master', '10.0.0.10', '10.244.0.0/24', true) +
    node('k8s-worker1', '10.0.0.11', '10.244.1.0/24', false) +
    '- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: shop\n    namespace: default\n    resourceVersion: "42"\n  spec:\n    replicas: 2\n    selector:\n      matchLabels:\n        app: shop\n    template:\n      metadata:\n        labels:\n          app: shop\n      spec:\n        containers:\n        - name: nginx\n          image: nginx:1.27\n' +
    '- apiVersion: batch/v1\n  kind: CronJob\n  metadata:\n    name: nightly\n    namespace: default\n';
  const path = info.outputPath('cluster.yaml');
  writeFileSync(path, dump);
  await page.getByTestId('saved-toggle').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('upload').click()]);
  await chooser.setFiles(path);
  const notes = page.getByTestId('import-notes');
  await expect(notes).toContainText('imported 2 node(s) and 1 object(s) from cluster.yaml');
  await expect(notes).toContainText('left out 1 CronJob');
  await expect(page.getByTestId('node-k8s-worker1')).toBeVisible();
  await expect(page.locator('[data-testid^="pod-shop-"]')).toHaveCount(2);
});
