import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('editor: examples, inline validation, apply shows kubectl output', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('tab-editor').click();
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.cm-content')).toContainText('kind: Deployment');
  await expect(page.getByTestId('manifest-problems')).toContainText('No problems');

  // A busybox client from the gallery, applied: kubectl reports it created.
  await page.getByTestId('manifest-gallery').selectOption('busybox');
  await expect(editor.locator('.cm-content')).toContainText('name: toolbox');
  await page.getByTestId('manifest-apply').click();
  await expect(page.getByTestId('manifest-output')).toContainText('pod/toolbox created');
  await expect(page.getByTestId('pod-toolbox')).toBeVisible();

  // An unknown kind is flagged inline before anything is sent.
  const content = editor.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('apiVersion: v1\nkind: Poddy\nmetadata:\nname: x\n');
  await expect(page.getByTestId('manifest-problems')).toContainText('problem');
  await expect(editor.locator('.cm-lintRange-error').first()).toBeVisible();

  // Schema-aware completion offers the keys of a Pod's spec.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('apiVersion: v1\nkind: Pod\nmetadata:\nname: y\n');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('\nspec:\ncont');
  await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('containers');
});
