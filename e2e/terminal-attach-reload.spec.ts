import { expect, test, type Page } from '@playwright/test';
import { openApp, typeCommand } from './helpers';

const autosave = (page: Page) => page.evaluate(() => localStorage.getItem('knp.autosave'));

/** Clicks a terminal tab and waits until the autosave (debounced after a view change) has settled with it in front. */
async function showTab(page: Page, target: string): Promise<void> {
  await page.getByTestId(`term-tab-${target}`).click();
  await expect(page.getByTestId(`term-tab-${target}`)).toHaveAttribute('aria-selected', 'true');
  for (let last = await autosave(page); ; ) {
    await page.waitForTimeout(700);
    const now = await autosave(page);
    if (now === last) break;
    last = now;
  }
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
}

test('a reload keeps a kubectl run -it session: the pod\'s tab comes back, and exit there ends it in kubectl\'s tab', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-target').selectOption('control-plane');
  await typeCommand(page, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh');
  await expect(page.getByTestId('term-tab-default/debug')).toHaveAttribute('aria-selected', 'true');
  // kubectl's own tab in front when the page reloads: the pod's tab must come back beside it.
  await showTab(page, 'control-plane');
  await reload(page);
  await expect(page.getByTestId('term-tab-control-plane')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('term-tab-default/debug')).toBeVisible();

  await page.getByTestId('term-tab-default/debug').click();
  await expect(page.getByTestId('term-tab-default/debug')).toHaveAttribute('aria-selected', 'true');
  const out = page.getByTestId('terminal-output');
  await typeCommand(page, 'hostname');
  await expect(out).toContainText('debug');
  // exit still ends the session: kubectl, back in control-plane's tab, deletes the pod (--rm).
  await typeCommand(page, 'exit');
  await expect(page.getByTestId('term-tab-default/debug')).toHaveCount(0);
  await expect(page.getByTestId('term-tab-control-plane')).toHaveAttribute('aria-selected', 'true');
  await expect(out).toContainText('pod "debug" deleted from default namespace');
  await typeCommand(page, 'kubectl get pod debug');
  await expect(out).toContainText('Error from server (NotFound): pods "debug" not found');
});

test('a reload onto the tab of a kubectl run -it pod that was deleted says why the shell is gone', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-target').selectOption('control-plane');
  await typeCommand(page, 'kubectl run -it keep --image=busybox:1.36');
  await expect(page.getByTestId('term-tab-default/keep')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('term-tab-control-plane').click();
  await typeCommand(page, 'kubectl delete pod keep --grace-period=0 --force');
  await expect(page.getByTestId('terminal-output')).toContainText('pod "keep" force deleted');
  await showTab(page, 'default/keep');
  await reload(page);
  await expect(page.getByTestId('term-tab-default/keep')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('terminal-session')).toContainText('Pod default/keep no longer exists');
});
