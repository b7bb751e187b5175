import { expect, type Page } from '@playwright/test';

/** Opens the app (optionally with a fragment) and waits until the cluster is drawn. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('cluster-graph')).toBeVisible();
  await expect(page.getByTestId('node-node-1')).toBeVisible();
}

/** "Step X of N" → [X, N]. */
export async function counter(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('trace-counter').textContent()) ?? '';
  const m = /Step (\d+) of (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected counter text: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

/** Every pod card's accessible name (name, status, IP), sorted. */
export async function podLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('[data-testid^="pod-"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.sort();
}

/** Types a command into the terminal in front (xterm.js) and presses Enter. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  const input = page.getByTestId('terminal-input');
  await input.focus();
  await input.pressSequentially(command);
  await input.press('Enter');
}

/** Opens (or brings to the front) the terminal tab of a target and types a command there. */
export async function runIn(page: Page, target: string, command: string): Promise<void> {
  await page.getByTestId('terminal-target').selectOption(target);
  await expect(page.getByTestId(`term-tab-${target}`)).toHaveAttribute('aria-selected', 'true');
  await typeCommand(page, command);
}
