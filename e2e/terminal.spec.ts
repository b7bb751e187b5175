import { expect, test } from '@playwright/test';
import { openApp, runIn, typeCommand } from './helpers';

test('terminal: completion, Ctrl-C, clear, kubectl exec into a new pod tab, exit', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-target').selectOption('control-plane');
  const input = page.getByTestId('terminal-input');
  const session = page.getByTestId('terminal-session');
  const out = page.getByTestId('terminal-output');

  // Tab completes a command, a kubectl verb and a pod name from the snapshot.
  await input.pressSequentially('kubec');
  await input.press('Tab');
  await expect(session).toHaveAttribute('data-line', 'kubectl ');
  await input.pressSequentially('desc');
  await input.press('Tab');
  await input.pressSequentially('po');
  await input.press('Tab');
  await input.press('Tab'); // po / pods: a second Tab lists, the line stays
  await expect(session).toHaveAttribute('data-line', 'kubectl describe po');
  await input.pressSequentially('d cli');
  await input.press('Tab');
  await expect(session).toHaveAttribute('data-line', 'kubectl describe pod client ');

  // Ctrl-C abandons the line.
  await input.press('Control+c');
  await expect(session).toHaveAttribute('data-line', '');

  // An unknown command answers as a shell does.
  await typeCommand(page, 'frobnicate');
  await expect(out).toContainText('command not found');

  // clear empties the screen and the transcript.
  await typeCommand(page, 'clear');
  await expect(out).not.toContainText('frobnicate');

  // kubectl exec -it opens a tab for the pod, with the busybox prompt.
  await typeCommand(page, 'kubectl exec -it client -- sh');
  await expect(page.getByTestId('term-tab-default/client')).toHaveAttribute('aria-selected', 'true');
  await typeCommand(page, 'hostname');
  await expect(out).toContainText('/ # hostname');
  await expect(out).toContainText('client');

  // exit closes the pod's tab; control-plane comes back.
  await typeCommand(page, 'exit');
  await expect(page.getByTestId('term-tab-default/client')).toHaveCount(0);
  await expect(page.getByTestId('term-tab-control-plane')).toHaveAttribute('aria-selected', 'true');
});

test('terminal: "Shell into pod" in the inspector opens a tab; watch re-runs until Ctrl-C', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('pod-client').click();
  await page.getByRole('button', { name: 'Shell into pod' }).click();
  await expect(page.getByTestId('term-tab-default/client')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('term-tab-control-plane')).toBeVisible();

  await runIn(page, 'control-plane', 'watch kubectl get nodes');
  await expect(page.locator('[data-testid="terminal-session"] .xterm-rows')).toContainText('Every 2.0s: kubectl get nodes');
  await expect(page.locator('[data-testid="terminal-session"] .xterm-rows')).toContainText('node-1');
  await page.getByTestId('terminal-input').press('Control+c');
  await typeCommand(page, 'hostname');
  await expect(page.getByTestId('terminal-output')).toContainText('root@control-plane:~# hostname');
});

test('terminal: a client out on the internet is a target too', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await runIn(page, 'internet', 'cat /etc/resolv.conf; hostname');
  await expect(page.getByTestId('terminal-output')).toContainText('nameserver 8.8.8.8');
  await expect(page.getByTestId('terminal-output')).toContainText('internet');
});

test('terminal: kubectl run -it --rm opens the pod\'s shell in a tab; exit there deletes the pod', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-terminal').click();
  await page.getByTestId('terminal-target').selectOption('control-plane');
  const out = page.getByTestId('terminal-output');

  await typeCommand(page, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh');
  await expect(page.getByTestId('term-tab-default/debug')).toHaveAttribute('aria-selected', 'true');
  await typeCommand(page, 'hostname');
  await expect(out).toContainText('debug');

  // exit ends the session: kubectl, back in control-plane's tab, deletes the pod.
  await typeCommand(page, 'exit');
  await expect(page.getByTestId('term-tab-default/debug')).toHaveCount(0);
  await expect(page.getByTestId('term-tab-control-plane')).toHaveAttribute('aria-selected', 'true');
  await expect(out).toContainText("If you don't see a command prompt, try pressing enter.");
  await expect(out).toContainText('pod "debug" deleted from default namespace');
  await typeCommand(page, 'kubectl get pod debug');
  await expect(out).toContainText('Error from server (NotFound): pods "debug" not found');
});
